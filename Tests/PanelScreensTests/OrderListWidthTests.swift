import Foundation
import Testing
import PanelModel
import PanelStore
import Terminal
@testable import PanelScreens

/// The order list gives the domain priority: at every width the whole domain and the whole
/// status word show; the order ID is as wide as it needs, and product, expiry and customer
/// shrink or go first.
@Suite struct OrderListWidthTests {
    static let widths = [100, 80, 60, 40]

    func line(_ harness: ScreenHarness, order: Int) throws -> String {
        try #require(harness.lines.first { $0.dropFirst(2).hasPrefix("\(order) ") }, "no row for order \(order)")
    }

    @Test(arguments: widths) func aResellerSeesWholeDomainsAndStatuses(width: Int) throws {
        let harness = try ScreenHarness(as: .reseller(ResellerID(1)), size: Size(width: width, height: 24))
        let ready = try line(harness, order: 1001)
        #expect(ready.hasPrefix("▶ 1001  sunrise-bakery.com ") || ready.contains(" sunrise-bakery.com "), "\(ready)")
        #expect(ready.contains("✓ Active"))
        let suspended = try line(harness, order: 1005)
        #expect(suspended.contains(" quiet-harbor.net "))
        #expect(suspended.contains("! Suspended"))
        // ORDER is as wide as its title ("ORDER"), not 8 cells for 4 digits.
        #expect(ready.hasPrefix("▶ 1001  "))
        #expect(!ready.hasPrefix("▶ 1001   "))
        if width >= 80 {
            #expect(ready.hasSuffix("alice@example.com ") || ready.contains(" alice@example.com"), "the customer fits whole at \(width)")
        }
        #expect(!ready.contains("…") && !suspended.contains("…"), "nothing cut: \(ready) / \(suspended)")
    }

    @Test(arguments: widths) func aCustomerSeesWholeDomainsAndStatuses(width: Int) throws {
        let harness = try ScreenHarness(as: .customer(CustomerID(DemoWorld.alice)), size: Size(width: width, height: 24))
        #expect(try line(harness, order: 1001).contains(" sunrise-bakery.com "))
        #expect(try line(harness, order: 1005).contains("! Suspended"))
        if width >= 60 { #expect(try line(harness, order: 1001).contains(ScreenHarness.now.adding(days: 190).dayText), "the expiry fits at \(width)") }
    }

    @Test func aLongStatusTakesItsShortFormBeforeAnythingIsCut() throws {
        // No demo order is pending deletion: make one from a real row.
        let harness = try ScreenHarness(as: .operator)
        var summary = try #require(try harness.database.searchOrders(as: .operator, OrderQuery(text: "1001", limit: 1)).rows.first)
        summary.status = .pendingDelete
        var rows = OrderRows(total: 1, loaded: [0: summary], showsCustomer: false)
        rows.isCompact = true
        var buffer = Buffer(width: 40, height: 2)
        Table(columns: rows.columns()).render(into: &buffer, area: buffer.area, data: rows, state: TableState(), theme: .default)
        #expect(buffer.line(1) == "▶ 1001  sunrise-bakery.com    ✗ Deleting")
        var wide = Buffer(width: 60, height: 2)
        Table(columns: rows.columns()).render(into: &wide, area: wide.area, data: rows, state: TableState(), theme: .default)
        #expect(wide.line(1).contains("✗ Pending Delete"))
    }
}
