import Foundation
import GRDB
import Testing
import PanelModel
@testable import PanelStore

@Suite struct OrderHistoryStoreTests {
    let world: TemporaryDatabase
    var database: PanelDatabase { world.database }
    let alice = Principal.customer(CustomerID(DemoWorld.alice))
    let bob = Principal.customer(CustomerID(DemoWorld.bob))
    let alvo = Principal.reseller(ResellerID(1))

    init() throws { world = try TemporaryDatabase.demo() }

    func clock(_ minutes: Double) -> FixedClock { FixedClock(TestClock.now.addingTimeInterval(minutes * 60)) }

    /// ALVO suspends and unsuspends 1001, then Alice moves it (with 1002) to Bob.
    func suspendThenMove() throws -> MoveResult {
        try database.change(.suspend, order: OrderID(1001), reason: "chargeback review", as: alvo, clock: clock(1))
        try database.change(.unsuspend, order: OrderID(1001), reason: "chargeback withdrawn", as: alvo, clock: clock(2))
        return try database.applyMove(MoveRequest(orderID: OrderID(1001), targetUsername: "bob@example.net",
                                                  targetCustomerID: String(DemoWorld.bob), retainContacts: true),
                                      as: alice, clock: clock(3))
    }

    @Test func eachEventBelongsToTheAccountTheOrderWasIn() throws {
        let move = try suspendThenMove()
        // ALVO (both customers are its own) reads everything, in time order, the move naming its source.
        let reseller = try database.orderHistory(OrderID(1001), as: alvo).filter { $0.transactionID != nil }
        #expect(reseller.map(\.kind) == [.suspended, .unsuspended, .moved])
        #expect(reseller[0].text == "active → suspended: chargeback review")
        #expect(reseller[2].text.contains("from customer \(DemoWorld.alice) to customer \(DemoWorld.bob)"))
        #expect(reseller[2].transactionID == move.transactionID)
        // Bob reads the move that brought the order in, without Alice's ID, and not her suspension.
        let bobs = try database.orderHistory(OrderID(1001), as: bob).filter { $0.transactionID != nil }
        #expect(bobs.map(\.kind) == [.moved])
        #expect(bobs[0].text.contains("from another customer to customer \(DemoWorld.bob)"))
        #expect(!bobs[0].text.contains(String(DemoWorld.alice)))
        // The Email Hosting order that moved with it has the same move in its history.
        #expect(try database.orderHistory(OrderID(1002), as: bob).compactMap(\.transactionID) == [move.transactionID])
        // Alice no longer owns it: it reads like an order that does not exist.
        #expect(throws: PanelError.orderNotFound(OrderID(1001))) { try database.orderHistory(OrderID(1001), as: alice) }
        #expect(throws: PanelError.orderNotFound(OrderID(1001))) { try database.orderHistory(OrderID(1001), as: .reseller(ResellerID(2))) }
    }

    @Test func invoicesAndNoticesAreInTheHistoryInTimeOrder() throws {
        // 1008's certificate expires within 30 days: the daily job issues the renewal invoice and its notice.
        _ = try database.runCertificateJobs(now: TestClock.now)
        let history = try database.orderHistory(OrderID(1008), as: alice)
        let detail = try database.orderDetail(OrderID(1008), as: alice)
        let invoiceEvents = history.filter { $0.kind == .invoiceIssued }
        #expect(Set(invoiceEvents.map { String($0.text.prefix { $0 != " " }) }) == Set(detail.invoices.map(\.number)))
        #expect(history.contains { $0.kind == .notice && $0.text.hasPrefix("to alice@example.com: ") })
        #expect(history.contains { $0.kind == .renewalWindow && $0.transactionID != nil })
        #expect(history.map(\.at) == history.map(\.at).sorted())
    }

    @Test func aTransferThatBroughtADomainInIsInTheReceiversHistory() throws {
        // Reseller B approves ALVO's request for Xavier's harbor-lights.com (2002), received by Bob.
        let outcome = try database.decideInternalTransfer(domain: "harbor-lights.com", approve: true, as: .reseller(ResellerID(2)),
                                                          clock: clock(5))
        let receiver = try database.orderDetail(OrderID(2002), as: .operator).customer.id
        let history = try database.orderHistory(OrderID(2002), as: .customer(receiver))
        #expect(history.filter { $0.kind == .transfer }.map(\.transactionID) == [outcome.transactionID])
        #expect(history.first { $0.kind == .transfer }?.text == "harbor-lights.com: completed, renewed one year")
    }

    @Test func aMoveTheReceiverAcceptedReadsWithoutTheSendersIDOnItsSide() throws {
        _ = try database.setReceiverAcceptsMoves(true, reseller: ResellerID(1), as: alvo, clock: clock(0))
        let pending = try #require(try database.applyMove(MoveRequest(orderID: OrderID(1001), targetUsername: "bob@example.net",
                                                                      targetCustomerID: String(DemoWorld.bob), retainContacts: true),
                                                          as: alice, clock: clock(1)).pendingMove)
        // While it waits, the request is in the sender's account.
        #expect(try database.orderHistory(OrderID(1001), as: alice).filter { $0.kind == .pendingMove }.count == 1)
        let accepted = try database.acceptPendingMove(pending.id, as: bob, clock: clock(2))
        let bobs = try database.orderHistory(OrderID(1001), as: bob).filter { $0.transactionID != nil }
        #expect(bobs.map(\.kind) == [.pendingMove, .moved])
        #expect(bobs.allSatisfy { $0.transactionID == accepted.transactionID && !$0.text.contains(String(DemoWorld.alice)) })
        #expect(bobs.map(\.by) == ["you", "you"])
        // The service that moved with it has the move too; ALVO reads both customers.
        #expect(try database.orderHistory(OrderID(1002), as: bob).contains { $0.kind == .moved })
        #expect(try database.orderHistory(OrderID(1001), as: alvo).filter { $0.kind == .moved }.first?.text
                    .contains("from customer \(DemoWorld.alice)") == true)
    }

    /// Entries written before the index existed get the links the live code would have written.
    @Test func theBackfillReproducesTheLinksWrittenLive() throws {
        _ = try suspendThenMove()
        try database.change(.suspend, order: OrderID(1001), reason: "abuse report", as: alvo, clock: clock(4))
        let query = "SELECT order_id, audit_id, customer_id, from_customer_id FROM order_events ORDER BY order_id, audit_id"
        let live = try database.read { db in try SQLRow.fetchAll(db, sql: query) }
        #expect(live.count >= 5)
        let backfilled = try database.write { db in
            try db.execute(sql: "DELETE FROM order_events")
            try OrderEvents.backfill(db)
            return try SQLRow.fetchAll(db, sql: query)
        }
        #expect(backfilled == live)
    }

    @Test func aMoveSummaryIsReadBackForTheBackfill() {
        let summary = OrderEvents.MoveSummary("moved Digital Certificate 1001, Email Hosting 1002 of sunrise-bakery.com from customer 100001 to customer 100002 (contacts retained)")
        #expect(summary?.orders == [1001, 1002] && summary?.from == 100_001 && summary?.to == 100_002)
        #expect(OrderEvents.MoveSummary("active → suspended: moved from customer x") == nil)
    }
}
