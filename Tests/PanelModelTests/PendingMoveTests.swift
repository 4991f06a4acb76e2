import Foundation
import Testing
import PanelModel

@Suite struct PendingMoveStateTests {
    let requested = Date(timeIntervalSince1970: 1_795_000_000)   // 2026-11-18

    func move(_ state: PendingMoveState = .pending) throws -> PendingMove {
        PendingMove(id: PendingMoveID(7), orderID: OrderID(1001), domain: try DomainName("sunrise-bakery.com"),
                    fromCustomerID: CustomerID(100001), toCustomerID: CustomerID(100002), retainContacts: false, state: state,
                    requestedAt: requested, requestedBy: "customer:100001")
    }

    @Test func everyEventClosesAPendingMoveIntoItsOwnState() throws {
        let expected: [PendingMoveState.Event: PendingMoveState] = [.accept: .accepted, .decline: .declined, .cancel: .cancelled, .expire: .expired]
        for event in PendingMoveState.Event.allCases {
            let next = try PendingMoveState.pending.applying(event)
            #expect(next == expected[event])
            #expect(next.isClosed)
        }
    }

    @Test func aClosedMoveRefusesEveryEventAndSaysSo() {
        for state in PendingMoveState.allCases where state != .pending {
            for event in PendingMoveState.Event.allCases {
                #expect(throws: PanelError.refused("This move is already \(state.rawValue); nothing more can be done with it. To move the order now, start a new move from its Order Details.")) {
                    try state.applying(event)
                }
            }
        }
    }

    @Test func theWindowIsFiveDaysToTheSecond() throws {
        let move = try move()
        #expect(move.deadline == requested.addingTimeInterval(5 * 86_400))
        #expect(!move.isOverdue(at: move.deadline.addingTimeInterval(-1)))
        #expect(move.isOverdue(at: move.deadline))
        #expect(move.daysLeft(at: requested) == 5)
        #expect(move.daysLeft(at: requested.addingTimeInterval(4.5 * 86_400)) == 1)
        #expect(move.daysLeft(at: move.deadline.addingTimeInterval(3_600)) == 0)
        #expect(try self.move(.accepted).daysLeft(at: requested) == nil)
    }
}

@Suite struct PendingMovePolicyTests {
    // Alice (reseller 1) moves to Kim (sub-reseller 5 of reseller 1) — and Xavier (reseller 2) stands aside.
    let parties = PendingMovePolicy.Parties(fromCustomer: CustomerID(100001), fromResellers: [ResellerID(1)],
                                            toCustomer: CustomerID(500001), toResellers: [ResellerID(5), ResellerID(1)])

    @Test func theReceivingSideAcceptsOrDeclinesAndTheSendingSideCancels() {
        #expect(PendingMovePolicy.allowedEvents(for: .customer(CustomerID(500001)), parties) == [.accept, .decline])
        #expect(PendingMovePolicy.allowedEvents(for: .reseller(ResellerID(5)), parties) == [.accept, .decline])
        #expect(PendingMovePolicy.allowedEvents(for: .customer(CustomerID(100001)), parties) == [.cancel])
        // Reseller 1 is above both customers: it may do all three.
        #expect(PendingMovePolicy.allowedEvents(for: .reseller(ResellerID(1)), parties) == [.accept, .decline, .cancel])
    }

    @Test func anOperatorCleansUpButNeverAccepts() {
        #expect(PendingMovePolicy.allowedEvents(for: .operator, parties) == [.decline, .cancel])
        #expect(PendingMovePolicy.refusal(.accept, by: .operator, parties)
                == "Only the receiving customer (Customer ID 500001) or its reseller can accept this move.")
    }

    @Test func strangersAreNoPartyAndEachSideIsToldWhatItCanDoInstead() {
        #expect(!PendingMovePolicy.isParty(.customer(CustomerID(200001)), parties))
        #expect(!PendingMovePolicy.isParty(.reseller(ResellerID(2)), parties))
        #expect(PendingMovePolicy.isParty(.operator, parties))
        #expect(PendingMovePolicy.refusal(.cancel, by: .customer(CustomerID(500001)), parties)?.hasSuffix("the receiving side can decline it instead.") == true)
        #expect(PendingMovePolicy.refusal(.decline, by: .customer(CustomerID(100001)), parties)?.hasSuffix("the sending side can cancel it instead.") == true)
        #expect(PendingMovePolicy.refusal(.expire, by: .reseller(ResellerID(1)), parties) != nil)
        #expect(PendingMovePolicy.refusal(.cancel, by: .customer(CustomerID(100001)), parties) == nil)
    }

    @Test func theOrderNoteAndTheSecondMoveRefusalNameTheMove() throws {
        let move = PendingMove(id: PendingMoveID(3), orderID: OrderID(1001), domain: try DomainName("sunrise-bakery.com"),
                               fromCustomerID: CustomerID(100001), toCustomerID: CustomerID(100002), retainContacts: true,
                               requestedAt: Date(timeIntervalSince1970: 1_795_000_000), requestedBy: "customer:100001")
        #expect(PendingMovePolicy.orderNote(move, toUsername: "bob@example.net")
                == "move pending to bob@example.net (Customer ID 100002) until 2026-11-23")
        let refusal = PendingMovePolicy.alreadyPending(move)
        #expect(refusal.hasPrefix("A move of order 1001 to Customer ID 100002 is pending (move 3, until 2026-11-23)."))
        #expect(refusal.contains("certpanel moves cancel 3"))
    }
}
