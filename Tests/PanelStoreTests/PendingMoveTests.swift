import Foundation
import GRDB
import Testing
import PanelModel
@testable import PanelStore

@Suite struct PendingMoveStoreTests {
    let world: TemporaryDatabase
    var database: PanelDatabase { world.database }
    let alice = Principal.customer(CustomerID(DemoWorld.alice))
    let bob = Principal.customer(CustomerID(DemoWorld.bob))
    let alvo = Principal.reseller(ResellerID(1))
    let clock = FixedClock(TestClock.now)

    init() throws { world = try TemporaryDatabase.demo() }

    func toBob(_ order: Int64 = 1001, retain: Bool = false) -> MoveRequest {
        MoveRequest(orderID: OrderID(order), targetUsername: "bob@example.net", targetCustomerID: String(DemoWorld.bob), retainContacts: retain)
    }

    func owner(_ order: Int64) throws -> CustomerID { try database.orderDetail(OrderID(order), as: .operator).customer.id }

    /// Turns the setting on for ALVO (alice's reseller) and confirms alice's move of 1001 to bob.
    func pendingMoveToBob() throws -> PendingMove {
        _ = try database.setReceiverAcceptsMoves(true, reseller: ResellerID(1), as: alvo, clock: clock)
        let result = try database.applyMove(toBob(), as: alice, clock: clock)
        return try #require(result.pendingMove)
    }

    @Test func offByDefaultSoConfirmMovesAtOnce() throws {
        #expect(try database.receiverAcceptsMoves(reseller: ResellerID(1), as: .operator) == false)
        let result = try database.applyMove(toBob(), as: alice, clock: clock)
        #expect(result.pendingMove == nil)
        #expect(try owner(1001) == CustomerID(DemoWorld.bob))
    }

    @Test func withTheSettingOnConfirmOnlyRecordsAPendingMove() throws {
        let move = try pendingMoveToBob()
        #expect(move.state == .pending && move.fromCustomerID == CustomerID(DemoWorld.alice) && move.toCustomerID == CustomerID(DemoWorld.bob))
        #expect(try owner(1001) == CustomerID(DemoWorld.alice))
        #expect(try owner(1002) == CustomerID(DemoWorld.alice))
        #expect(try database.orderDetail(OrderID(1001), as: .operator).order.status == .active)   // no suspension change
        let audit = try database.auditEntries(subject: "order:1001")
        #expect(audit.first?.action == "move.request")
        #expect(audit.first?.summary.contains("waits for the receiver's acceptance until 2026-11-23") == true)
        let mail = try database.outboxMessages(for: bob)
        #expect(mail.contains { $0.subject == "A move of sunrise-bakery.com waits for your acceptance" && $0.body.contains("certpanel moves accept \(move.id)") })
    }

    @Test func noSecondMoveWhileOneIsPending() throws {
        let move = try pendingMoveToBob()
        let carol = MoveRequest(orderID: OrderID(1001), targetUsername: "carol@example.org", targetCustomerID: String(DemoWorld.carol), retainContacts: false)
        #expect(throws: PanelError.refused(PendingMovePolicy.alreadyPending(move))) { try database.previewMove(carol, as: alice, clock: clock) }
        #expect(throws: PanelError.refused(PendingMovePolicy.alreadyPending(move))) { try database.applyMove(carol, as: alice, clock: clock) }
        // Someone who may not see the order learns nothing about the pending move.
        #expect(throws: PanelError.orderNotFound(OrderID(1001))) { try database.previewMove(carol, as: .customer(CustomerID(DemoWorld.xavier)), clock: clock) }
    }

    @Test func acceptingMovesEverythingAndAuditsBothSteps() throws {
        let move = try pendingMoveToBob()
        let outcome = try database.acceptPendingMove(move.id, as: bob, clock: clock)
        #expect(outcome.move.state == .accepted && outcome.move.decidedBy == "customer:\(DemoWorld.bob)")
        #expect(outcome.moved?.services.map(\.id.rawValue) == [1001, 1002])
        #expect(try owner(1001) == CustomerID(DemoWorld.bob))
        #expect(try owner(1002) == CustomerID(DemoWorld.bob))
        #expect(try database.orderDetail(OrderID(1002), as: .operator).order.contacts.registrant == ContactID(3))   // bob's defaults
        let audit = try database.auditEntries(subject: "order:1001")
        #expect(audit.prefix(2).map(\.action).sorted() == ["move.accept", "order.move"])
        #expect(audit[0].transactionID == audit[1].transactionID)
        #expect(throws: PanelError.refused("This move is already accepted; nothing more can be done with it. To move the order now, start a new move from its Order Details.")) {
            try database.cancelPendingMove(move.id, as: alice, clock: clock)
        }
    }

    @Test func onlyTheRightSideMayActAndStrangersSeeNothing() throws {
        let move = try pendingMoveToBob()
        #expect(throws: PanelError.refused("Only the receiving customer (Customer ID \(DemoWorld.bob)) or its reseller can accept this move.")) {
            try database.acceptPendingMove(move.id, as: alice, clock: clock)
        }
        #expect(throws: PanelError.refused("Only the receiving customer (Customer ID \(DemoWorld.bob)) or its reseller can accept this move.")) {
            try database.acceptPendingMove(move.id, as: .operator, clock: clock)
        }
        #expect(throws: PanelDatabase.notFound(move.id)) { try database.acceptPendingMove(move.id, as: .customer(CustomerID(DemoWorld.xavier)), clock: clock) }
        #expect(throws: PanelDatabase.notFound(move.id)) { try database.cancelPendingMove(move.id, as: .reseller(ResellerID(2)), clock: clock) }
        #expect(try database.pendingMoves(as: .customer(CustomerID(DemoWorld.xavier))) == .init(incoming: [], outgoing: []))
        #expect(try owner(1001) == CustomerID(DemoWorld.alice))
        let declined = try database.declinePendingMove(move.id, as: .operator, clock: clock)
        #expect(declined.move.state == .declined && declined.moved == nil)
        #expect(try owner(1001) == CustomerID(DemoWorld.alice))
        #expect(try database.auditEntries(subject: "order:1001").first?.action == "move.decline")
    }

    @Test func bothPanelsListTheMoveWithWhatEachMayDo() throws {
        let move = try pendingMoveToBob()
        let bobs = try database.pendingMoves(as: bob)
        #expect(bobs.incoming.map(\.move.id) == [move.id] && bobs.outgoing.isEmpty)
        #expect(bobs.incoming[0].allowed == [.accept, .decline] && bobs.incoming[0].fromUsername == "alice@example.com")
        let alices = try database.pendingMoves(as: alice)
        #expect(alices.outgoing.map(\.move.id) == [move.id] && alices.incoming.isEmpty && alices.outgoing[0].allowed == [.cancel])
        let reseller = try database.pendingMoves(as: alvo)
        #expect(reseller.incoming.count == 1 && reseller.outgoing.count == 1 && reseller.incoming[0].allowed == [.accept, .decline, .cancel])
        #expect(try database.ordersWithPendingMove(among: [OrderID(1001), OrderID(1002), OrderID(1003)], as: alice) == [OrderID(1001), OrderID(1002)])
        #expect(try database.ordersWithPendingMove(among: [OrderID(1001)], as: bob).isEmpty)   // not bob's order yet
        #expect(try database.pendingMove(forOrder: OrderID(1001), as: alice)?.move.id == move.id)
        #expect(try database.pendingMove(forOrder: OrderID(1002), as: alice)?.move.id == move.id)   // moves with it
        #expect(try database.pendingMove(forOrder: OrderID(1003), as: alice) == nil)
        #expect(try database.pendingMove(forOrder: OrderID(1001), as: .customer(CustomerID(DemoWorld.carol))) == nil)
        _ = try database.cancelPendingMove(move.id, as: alice, clock: clock)
        #expect(try database.pendingMoves(as: bob).incoming.isEmpty)
        #expect(try database.pendingMoves(as: bob, includeClosed: true).incoming.first?.move.state == .cancelled)
        #expect(try database.pendingMove(forOrder: OrderID(1001), as: alice) == nil)
    }

    @Test func everyRuleIsCheckedAgainAtAcceptanceAndTheMoveStaysPending() throws {
        let move = try pendingMoveToBob()
        _ = try database.change(.suspend, order: OrderID(1001), reason: "unpaid", as: alvo, clock: clock)
        do {
            _ = try database.acceptPendingMove(move.id, as: bob, clock: clock)
            Issue.record("accepted a move of a suspended order")
        } catch let refusal as MoveRefusal {
            #expect(refusal.problems.map(\.kind) == [.suspended])
        }
        #expect(try owner(1001) == CustomerID(DemoWorld.alice))
                #expect(try database.pendingMoves(as: bob).incoming.first?.move.state == .pending)
        _ = try database.change(.unsuspend, order: OrderID(1001), reason: "paid", as: alvo, clock: clock)
        #expect(try database.acceptPendingMove(move.id, as: bob, clock: clock).move.state == .accepted)
    }

    @Test func afterFiveDaysJobsRunExpiresItOnce() throws {
        let move = try pendingMoveToBob()
        #expect(try database.runPendingMoveJobs(now: move.deadline.addingTimeInterval(-1)).isEmpty)
        let expired = try database.runPendingMoveJobs(now: move.deadline)
        #expect(expired.map(\.move.state) == [.expired])
        #expect(try database.runPendingMoveJobs(now: move.deadline.addingTimeInterval(86_400)).isEmpty)
        #expect(try database.auditEntries(subject: "order:1001").first?.action == "move.expire")
        #expect(throws: PanelError.self) { try database.acceptPendingMove(move.id, as: bob, clock: FixedClock(move.deadline)) }
        #expect(try owner(1001) == CustomerID(DemoWorld.alice))
        // Overdue but not yet expired by the job: refused all the same.
        _ = try database.applyMove(toBob(), as: alice, clock: clock)
        let second = try #require(try database.pendingMoves(as: bob).incoming.first?.move)
        #expect(throws: PanelError.self) { try database.acceptPendingMove(second.id, as: bob, clock: FixedClock(second.deadline)) }
        #expect(try owner(1001) == CustomerID(DemoWorld.alice))
    }

    @Test func acceptAndCancelAtOnceExactlyOneWins() throws {
        for _ in 0..<5 {
            let temporary = try TemporaryDatabase.demo()
            let database = temporary.database
            _ = try database.setReceiverAcceptsMoves(true, reseller: ResellerID(1), as: .operator, clock: clock)
            let move = try #require(try database.applyMove(toBob(), as: alice, clock: clock).pendingMove)
            let results = Outcomes()
            DispatchQueue.concurrentPerform(iterations: 2) { index in
                let outcome: String
                do {
                    outcome = index == 0 ? try database.acceptPendingMove(move.id, as: bob, clock: clock).move.state.rawValue
                        : try database.cancelPendingMove(move.id, as: alice, clock: clock).move.state.rawValue
                } catch {
                    outcome = "refused"
                }
                results.append(outcome)
            }
            let outcomes = results.all.sorted()
            #expect(outcomes == ["accepted", "refused"] || outcomes == ["cancelled", "refused"])
            let owner = try database.orderDetail(OrderID(1001), as: .operator).customer.id
            #expect(owner == (outcomes.contains("accepted") ? CustomerID(DemoWorld.bob) : CustomerID(DemoWorld.alice)))
            let closes = try database.auditEntries(subject: "order:1001").filter { ["move.accept", "move.cancel"].contains($0.action) }
            #expect(closes.count == 1)
        }
    }

    @Test func theSettingBelongsToTheResellerAndThoseAboveIt() throws {
        #expect(throws: PanelError.refused("The setting belongs to the reseller: ask your reseller to change it.")) {
            try database.setReceiverAcceptsMoves(true, reseller: ResellerID(1), as: alice, clock: clock)
        }
        #expect(throws: PanelError.notFound("Reseller 1 not found.")) {
            try database.setReceiverAcceptsMoves(true, reseller: ResellerID(1), as: .reseller(ResellerID(5)), clock: clock)
        }
        #expect(throws: PanelError.notFound("Reseller 1 not found.")) {
            try database.setReceiverAcceptsMoves(true, reseller: ResellerID(1), as: .reseller(ResellerID(2)), clock: clock)
        }
        _ = try database.setReceiverAcceptsMoves(true, reseller: ResellerID(5), as: alvo, clock: clock)   // its sub-reseller
        #expect(try database.receiverAcceptsMoves(reseller: ResellerID(5), as: .operator))
        #expect(try database.receiverAcceptsMoves(reseller: ResellerID(1), as: .operator) == false)
        #expect(try database.auditEntries(subject: "reseller:5").first?.action == "reseller.receiver-accepts-moves")
        // The sending customer's reseller decides: ALVO off, so alice's move to Kim (under reseller 5) happens at once.
        let toKim = MoveRequest(orderID: OrderID(1001), targetUsername: "kim@example.kr", targetCustomerID: String(DemoWorld.kim), retainContacts: true)
        let result = try database.applyMove(toKim, as: alice, clock: clock)
        #expect(result.pendingMove == nil)
    }
}

/// What the racing threads report, behind a lock.
private final class Outcomes: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [String] = []
    func append(_ value: String) { lock.withLock { values.append(value) } }
    var all: [String] { lock.withLock { values } }
}
