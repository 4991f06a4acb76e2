import Foundation
import Testing
import PanelModel
import PanelStore
import Terminal
@testable import PanelScreens

@Suite struct OrderHistoryWalkTests {
    @Test func hOnOrderDetailsShowsTheSuspensionWithItsReasonAndQGoesBack() throws {
        let harness = try ScreenHarness(as: .customer(CustomerID(DemoWorld.alice)))
        harness.openOrder(1005)
        #expect(harness.topTitle == "Order 1005")
        #expect(harness.contains("h History"))
        harness.press(.char("h"))
        #expect(harness.topTitle == "History of order 1005")
        let line = try #require(harness.lines.first { $0.contains("Suspended") })
        #expect(line.contains("by your reseller · transaction "))
        #expect(harness.contains("active → suspended: "))
        harness.press(.char("q"))
        #expect(harness.topTitle == "Order 1005")
        // From the order list, `h` on a selected order opens the same history over its details.
        harness.press(.char("q"))
        #expect(harness.topTitle == "Orders")
        harness.press(.char("h"))
        #expect(harness.topTitle?.hasPrefix("History of order ") == true)
        harness.press(.char("q"))
        #expect(harness.topTitle?.hasPrefix("Order ") == true)
    }

    @Test func theReceiverReadsTheMoveThatBroughtTheOrderInWrappedUnderItsTime() throws {
        let harness = try ScreenHarness(as: .customer(CustomerID(DemoWorld.bob)), size: Size(width: 60, height: 20))
        let move = try harness.database.applyMove(MoveRequest(orderID: OrderID(1001), targetUsername: "bob@example.net",
                                                              targetCustomerID: String(DemoWorld.bob), retainContacts: true),
                                                  as: .customer(CustomerID(DemoWorld.alice)), clock: FixedClock(ScreenHarness.now))
        harness.openOrder(1001)
        harness.press(.char("h"))
        let lines = harness.lines.map { String($0.reversed().drop { $0 == " " }.reversed()) }
        let heading = try #require(lines.firstIndex { $0.contains("Moved") })
        #expect(lines[heading].hasPrefix("2026-11-25 12:00  Moved"))
        #expect(lines[heading].hasSuffix("by another customer"))
        // 60 columns leave no room beside it: the whole transaction ID on the next line.
        #expect(lines[heading + 1].hasSuffix(" transaction \(move.transactionID)"))
        #expect(lines[heading + 1].trimmingCharacters(in: .whitespaces) == "transaction \(move.transactionID)")
        // The summary wraps beneath, indented past the time, and does not name Alice.
        let summary = lines[(heading + 2)...].prefix { $0.hasPrefix(String(repeating: " ", count: 18)) && !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        #expect(summary.count >= 2)
        let joined = summary.map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        #expect(joined.contains("from another customer to customer \(DemoWorld.bob)"))
        #expect(!harness.contains(String(DemoWorld.alice)))
    }
}
