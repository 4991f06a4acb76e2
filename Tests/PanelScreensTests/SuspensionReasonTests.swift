import Foundation
import Testing
import PanelModel
import PanelStore
import Terminal
@testable import PanelScreens

/// The reason prompt reads right and lets go of its error, and the reason a suspension was
/// given shows on the suspended order.
@Suite struct SuspensionReasonTests {
    let reseller = Principal.reseller(ResellerID(1))

    @Test func thePromptSaysReasonOnceAndDropsItsErrorOnTyping() throws {
        let harness = try ScreenHarness(as: reseller)
        harness.openOrder(1001)
        harness.press(.char("S"))
        #expect(harness.contains("Reason kept in the audit log"))
        #expect(!harness.text.lowercased().contains("reason reason"))
        harness.press(.enter, .enter)                    // no reason yet
        #expect(harness.contains("Give a reason first"))
        harness.type("F")
        #expect(!harness.contains("Give a reason first"))
        harness.press(.backspace)                       // erasing it again does not bring the error back early
        #expect(!harness.contains("Give a reason first"))
        harness.press(.enter, .enter)                    // still empty: asked again
        #expect(harness.contains("Give a reason first"))
    }

    @Test func theDemoWorldsSuspendedOrderShowsWhy() throws {
        let harness = try ScreenHarness(as: .customer(CustomerID(DemoWorld.alice)))
        harness.openOrder(1005)
        #expect(harness.contains("This order is suspended."))
        #expect(harness.contains("Reason given: Chargeback on the renewal payment; unsuspend once it is settled"))
    }

    @Test func aNewSuspensionShowsItsReasonAndAnActiveOrderNone() throws {
        let harness = try ScreenHarness(as: reseller)
        harness.openOrder(1001)
        #expect(!harness.contains("Reason given"))
        harness.press(.char("S"))
        harness.type("Fraud check: card reported stolen")
        harness.press(.enter, .enter)
        #expect(harness.contains("! Suspended"))
        #expect(harness.contains("Reason given: Fraud check: card reported stolen"))
        harness.press(.char("U"))
        harness.type("Cleared")
        harness.press(.enter, .enter)
        #expect(harness.contains("✓ Active"))
        #expect(!harness.contains("Reason given"))
    }

    @Test func theTransferFormSuggestsNoOtherResellersCustomer() throws {
        let harness = try ScreenHarness(as: reseller)
        harness.press(.char("T"), .char("n"))
        #expect(harness.topTitle == "Request Internal Transfer")
        #expect(harness.contains("the receiving customer's ID"))
        // No sample Customer ID at all: any number could be another reseller's customer.
        #expect(harness.text.range(of: #"\b[1-9]\d{5}\b"#, options: .regularExpression) == nil, "\(harness.text)")
    }
}
