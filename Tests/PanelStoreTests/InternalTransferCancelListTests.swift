import Foundation
import GRDB
import Testing
import PanelModel
@testable import PanelStore

/// Cancelling by the requester, and the two lists (QueryTransferList /
/// QueryForeignTransferList) with their filters, paging and scoping.
@Suite struct InternalTransferCancelListTests {
    let world: TemporaryDatabase
    var database: PanelDatabase { world.database }
    let alvo = Principal.reseller(ResellerID(1))
    let resellerB = Principal.reseller(ResellerID(2))

    init() throws { world = try TemporaryDatabase.demo() }

    func auditActions() throws -> [String] {
        try database.read { db in try String.fetchAll(db, sql: "SELECT action || ' ' || subject FROM audit_log ORDER BY id") }
    }

    @Test func theRequesterCancelsAPendingRequestInOneAuditedWrite() throws {
        let outcome = try database.cancelInternalTransfer(domain: "harbor-lights.com", as: alvo, clock: FixedClock(TestClock.now))
        #expect(outcome.request.state == .cancelled && outcome.request.decidedAt == TestClock.now && !outcome.renewed)
        #expect(try database.internalTransferStatus(domain: "harbor-lights.com", as: resellerB).state == .cancelled)
        #expect(try database.orderDetail(OrderID(2002), as: .operator).customer.id == CustomerID(DemoWorld.xavier))
        #expect(try auditActions().last == "transfer.cancel transfer:2")
        // Withdrawn, the domain may be asked for again.
        let again = try database.requestInternalTransfer(domain: "harbor-lights.com", receivingCustomer: CustomerID(DemoWorld.bob),
                                                         authCode: nil, noRenew: false, as: alvo)
        #expect(again.request.state == .pending && again.request.id != outcome.request.id)
    }

    @Test func onlyTheRequesterCancelsAndOnlyThePendingRequest() throws {
        let before = try auditActions()
        #expect(throws: PanelError.refused("Only the reseller that requested the transfer of harbor-lights.com can cancel it; you hold the domain, so approve or deny it.")) {
            try database.cancelInternalTransfer(domain: "harbor-lights.com", as: resellerB)
        }
        #expect(throws: PanelError.refused("Only the reseller that requested the transfer of harbor-lights.com can cancel it.")) {
            try database.cancelInternalTransfer(domain: "harbor-lights.com", as: .operator)
        }
        #expect(throws: PanelError.notFound("No internal transfer of harbor-lights.com found for your account.")) {
            try database.cancelInternalTransfer(domain: "harbor-lights.com", as: .reseller(ResellerID(5)))
        }
        #expect(throws: PanelError.notFound("No internal transfer of no-such-domain.com found for your account.")) {
            try database.cancelInternalTransfer(domain: "no-such-domain.com", as: alvo)
        }
        #expect(throws: PanelError.refused("Only the reseller holding harbor-lights.com can approve or deny its transfer; you requested it, so you can cancel it while it is pending.")) {
            try database.decideInternalTransfer(domain: "harbor-lights.com", approve: true, as: alvo)
        }
        #expect(try auditActions() == before)                  // nothing written by a refusal
        _ = try database.decideInternalTransfer(domain: "harbor-lights.com", approve: false, as: resellerB)
        #expect(throws: PanelError.refused("This transfer request is already denied; nothing more can be done with it.")) {
            try database.cancelInternalTransfer(domain: "harbor-lights.com", as: alvo)
        }
        #expect(try database.internalTransferStatus(domain: "harbor-lights.com", as: alvo).state == .denied)
    }

    @Test func listsAreScopedPagedAndFiltered() throws {
        // ALVO asks for olive-grove.com and withdraws it five times (ids 4-8).
        for _ in 0..<5 {
            _ = try database.requestInternalTransfer(domain: "olive-grove.com", receivingCustomer: CustomerID(DemoWorld.bob), authCode: nil,
                                                     noRenew: false, as: alvo)
            _ = try database.cancelInternalTransfer(domain: "olive-grove.com", as: alvo)
        }
        let mine = try database.internalTransferList(TransferListQuery(direction: .requested, first: 2, limit: 3), as: alvo)
        #expect(mine.requests.map(\.id.rawValue) == [6, 5, 4])
        #expect(mine.total == 6 && mine.first == 2 && mine.last == 4 && mine.hasNextPage)
        let end = try database.internalTransferList(TransferListQuery(direction: .requested, first: 5, limit: 3), as: alvo)
        #expect(end.requests.map(\.id.rawValue) == [2] && !end.hasNextPage)
        let empty = try database.internalTransferList(TransferListQuery(direction: .requested, first: 9, limit: 3), as: alvo)
        #expect(empty.count == 0 && empty.last == 8 && empty.total == 6)

        // Reseller B decides on harbor-lights.com (ALVO's) and blue-lagoon.net (Keystone's).
        let foreign = try database.internalTransferList(TransferListQuery(direction: .foreign, state: .pending), as: resellerB)
        #expect(foreign.requests.map(\.domain.ascii) == ["blue-lagoon.net", "harbor-lights.com"])
        let cancelled = try database.internalTransferList(TransferListQuery(direction: .foreign, domainPattern: "olive-*", state: .cancelled), as: resellerB)
        #expect(cancelled.total == 5)
        let exact = try database.internalTransferList(TransferListQuery(direction: .requested, domainPattern: "harbor-lights.com"), as: alvo)
        #expect(exact.requests.map(\.id.rawValue) == [2])
        // ALVO holds alpine-gear.com (asked by B); it asked nothing of Keystone's.
        #expect(try database.internalTransferList(TransferListQuery(direction: .foreign), as: alvo).requests.map(\.id.rawValue) == [1])
        #expect(try database.internalTransferList(TransferListQuery(direction: .requested), as: .reseller(ResellerID(5))).requests.map(\.id.rawValue) == [3])
        #expect(try database.internalTransferList(TransferListQuery(direction: .foreign), as: .operator).total == 8)
        #expect(throws: PanelError.self) {
            try database.internalTransferList(TransferListQuery(direction: .requested), as: .customer(CustomerID(DemoWorld.alice)))
        }
    }
}
