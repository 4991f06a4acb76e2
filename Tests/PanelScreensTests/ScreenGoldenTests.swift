import Testing
import PanelModel
import PanelStore
import Terminal
@testable import PanelScreens

/// Every screen over the demo data at 100x30 and 80x24, as text and styles.
@Suite struct ScreenGoldenTests {
    static let sizes = [Size(width: 100, height: 30), Size(width: 80, height: 24)]
    static let alice = Principal.customer(CustomerID(DemoWorld.alice))

    func name(_ screen: String, _ size: Size) -> String { "\(screen)-\(size.width)x\(size.height)" }

    @Test(arguments: sizes) func login(size: Size) throws {
        let harness = try ScreenHarness(as: nil, size: size)
        harness.checkGolden(name("login", size))
        harness.type("alice@example.com")
        harness.press(.tab)
        harness.type("wrong-password")
        harness.press(.enter)
        harness.checkGolden(name("login-error", size))
    }

    @Test(arguments: sizes) func orders(size: Size) throws {
        let harness = try ScreenHarness(as: Self.alice, size: size)
        harness.checkGolden(name("orders", size))
        harness.press(.char("/"))
        harness.type("eu")
        harness.checkGolden(name("orders-search", size))
    }

    @Test(arguments: sizes) func ordersForAReseller(size: Size) throws {
        let harness = try ScreenHarness(as: .reseller(ResellerID(1)), size: size)
        harness.checkGolden(name("orders-reseller", size))
    }

    @Test(arguments: sizes) func orderDetails(size: Size) throws {
        let harness = try ScreenHarness(as: Self.alice, size: size)
        harness.openOrder(1001)
        harness.checkGolden(name("order-details", size))
    }

    @Test(arguments: sizes) func suspendedOrder(size: Size) throws {
        let harness = try ScreenHarness(as: Self.alice, size: size)
        harness.openOrder(1005)
        harness.checkGolden(name("order-suspended", size))
    }

    @Test(arguments: sizes) func profile(size: Size) throws {
        let harness = try ScreenHarness(as: Self.alice, size: size)
        harness.press(.char("P"))
        harness.checkGolden(name("profile", size))
    }

    @Test(arguments: sizes) func moveServices(size: Size) throws {
        let harness = try ScreenHarness(as: Self.alice, size: size)
        harness.openOrder(1001)
        harness.press(.char("m"))
        harness.checkGolden(name("move-form", size))
        harness.type("yolanda@example.es")
        harness.press(.tab)
        harness.type("200002")
        harness.press(.tab, .tab, .enter)
        harness.checkGolden(name("move-attention", size))
    }
}
