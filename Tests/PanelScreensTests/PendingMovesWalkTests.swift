import Foundation
import Testing
import PanelModel
import PanelStore
import Terminal
@testable import PanelScreens

/// Moves the receiver accepts, walked in the panel: the sender's Done step and "move
/// pending" on the order, and both sides' Pending moves screen.
@Suite struct PendingMovesWalkTests {
    let alice = Principal.customer(CustomerID(DemoWorld.alice))
    let bob = Principal.customer(CustomerID(DemoWorld.bob))

    /// Turns ALVO's setting on and has alice confirm the move of 1001 to bob (outside the panel).
    @discardableResult
    func pendingMove(_ harness: ScreenHarness) throws -> PendingMove {
        _ = try harness.database.setReceiverAcceptsMoves(true, reseller: ResellerID(1), as: .operator, clock: harness.session.clock)
        let request = MoveRequest(orderID: OrderID(1001), targetUsername: "bob@example.net", targetCustomerID: String(DemoWorld.bob), retainContacts: false)
        return try #require(try harness.database.applyMove(request, as: alice, clock: harness.session.clock).pendingMove)
    }

    func owner(_ harness: ScreenHarness) throws -> CustomerID {
        try harness.database.orderDetail(OrderID(1001), as: .operator).customer.id
    }

    @Test func confirmOnlyMakesTheMovePendingAndTheOrderSaysSo() throws {
        let harness = try ScreenHarness(as: alice)
        _ = try harness.database.setReceiverAcceptsMoves(true, reseller: ResellerID(1), as: .operator, clock: harness.session.clock)
        harness.openOrder(1001)
        harness.press(.char("m"))
        harness.type("bob@example.net")
        harness.press(.tab)
        harness.type(String(DemoWorld.bob))
        harness.press(.tab, .tab, .enter)     // Submit
        harness.press(.enter)                 // Confirm
        #expect(harness.contains("Move pending: nothing has moved yet."))
        #expect(harness.contains("(bob@example.net, Customer ID 100002) has until 2026-11-30 to accept the move of these"))
        #expect(!harness.contains("Moved 2 services"))
        #expect(try owner(harness) == CustomerID(DemoWorld.alice))
        harness.press(.enter)                 // Done: back to the order, which alice still owns
        #expect(harness.topTitle == "Order 1001")
        #expect(harness.contains("waits for their acceptance"))
        #expect(harness.contains("move pending to bob@example.net (Customer ID 100002) until 2026-11-30"))
        #expect(harness.contains("✗ Move Services: move pending"))
        harness.press(.char("m"))             // no second move
        #expect(harness.topTitle == "Order 1001")
        #expect(harness.contains("A move of order 1001 to Customer ID 100002 is pending"))
        #expect(harness.contains("(move 1, until 2026-11-30). It has to be accepted,"))
        harness.press(.enter, .char("q"))
        #expect(harness.topTitle == "Orders")
        harness.press(.escape)                             // clear the search: the whole list
        let row = harness.lines.first { $0.contains("1001") && $0.contains("sunrise-bakery.com") } ?? ""
        #expect(row.contains("✓ Active · move pending"), "\(harness.text)")
        let other = harness.lines.first { $0.contains("1002") && $0.contains("sunrise-bakery.com") } ?? ""
        #expect(other.contains("✓ Active · move pending"))   // it moves with the certificate
        let unrelated = harness.lines.first { $0.contains("1003") } ?? ""
        #expect(!unrelated.isEmpty && !unrelated.contains("move pending"))
    }

    @Test func theListReloadsWhenTheOtherSideActs() throws {
        let harness = try ScreenHarness(as: bob)
        let move = try pendingMove(harness)
        harness.press(.char("W"))
        #expect(harness.lines.contains { $0.contains("sunrise-bakery.com") && $0.contains("pending") })
        _ = try harness.database.cancelPendingMove(move.id, as: alice, clock: harness.session.clock)
        harness.press(.ctrl("r"))                          // what the idle check does on a change
        #expect(harness.lines.contains { $0.contains("sunrise-bakery.com") && $0.contains("cancelled") })
        harness.press(.char("a"))
        #expect(harness.contains("Move \(move.id) is already cancelled."))
    }

    @Test func theReceiverAcceptsAfterAConfirmationAndTheOrderMoves() throws {
        let harness = try ScreenHarness(as: bob)
        let move = try pendingMove(harness)
        harness.press(.char("W"))
        #expect(harness.topTitle == "Pending moves")
        #expect(harness.contains("sunrise-bakery.com") && harness.contains("alice@example.com") && harness.contains("pending"))
        harness.press(.char("c"))             // not bob's to cancel: says why, changes nothing
        #expect(harness.contains("only the sending side cancels it"))
        harness.press(.char("a"))
        #expect(harness.contains("Accept move"))
        harness.press(.enter)                 // Back is focused first: nothing happens
        #expect(try owner(harness) == CustomerID(DemoWorld.alice))
        harness.press(.char("a"), .left, .enter)
        #expect(try owner(harness) == CustomerID(DemoWorld.bob))
        #expect(harness.contains("Move \(move.id) accepted"))
        #expect(harness.contains("accepted"))   // the row, reloaded
    }

    @Test func aRuleThatFailsAtAcceptanceIsShownAndTheMoveStaysPending() throws {
        let harness = try ScreenHarness(as: bob)
        try pendingMove(harness)
        _ = try harness.database.change(.suspend, order: OrderID(1001), reason: "unpaid", as: .operator, clock: harness.session.clock)
        harness.press(.char("W"), .char("a"), .left, .enter)
        #expect(harness.contains("The move cannot be accepted now; it stays pending."))
        #expect(harness.contains("suspended"))
        #expect(try owner(harness) == CustomerID(DemoWorld.alice))
        harness.press(.escape)
        #expect(try harness.database.pendingMoves(as: bob).incoming.first?.move.state == .pending)
    }

    @Test func theSenderCancelsFromItsList() throws {
        let harness = try ScreenHarness(as: alice)
        let move = try pendingMove(harness)
        harness.press(.char("W"))
        #expect(harness.contains("out"))
        harness.press(.char("a"))
        #expect(harness.contains("only the receiving side accepts or declines it"))
        harness.press(.char("c"), .left, .enter)
        #expect(harness.contains("Move \(move.id) cancelled"))
        #expect(try harness.database.pendingMoves(as: alice).outgoing.isEmpty)
        #expect(try owner(harness) == CustomerID(DemoWorld.alice))
    }
}
