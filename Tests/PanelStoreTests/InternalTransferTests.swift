import Foundation
import GRDB
import Testing
import PanelModel
@testable import PanelStore

@Suite struct InternalTransferStoreTests {
    let world: TemporaryDatabase
    var database: PanelDatabase { world.database }
    let alvo = Principal.reseller(ResellerID(1))
    let resellerB = Principal.reseller(ResellerID(2))

    init() throws { world = try TemporaryDatabase.demo() }

    /// The outcomes of the jobs run at `date` for request `id` only (the demo world has requests of its own).
    func jobs(at date: Date, for id: TransferRequestID) throws -> [PanelDatabase.TransferOutcome] {
        try database.runTransferJobs(now: date).filter { $0.request.id == id }
    }

    func order(_ id: Int64) throws -> Order { try database.orderDetail(OrderID(id), as: .operator).order }
    func at(days: Double) -> Date { TestClock.now.addingTimeInterval(days * 86_400) }

    /// ALVO asks for Xavier's unlocked harbor-lights.com, as a new request at `TestClock.now`.
    func request(auth: String?, noRenew: Bool = false, domain: String = "fjord-cabins.se") throws -> PanelDatabase.TransferOutcome {
        try database.requestInternalTransfer(domain: domain, receivingCustomer: CustomerID(DemoWorld.bob), authCode: auth, noRenew: noRenew,
                                             as: alvo, clock: FixedClock(TestClock.now))
    }

    @Test func withoutAuthCodeDayFiveIsPendingAndDaySixTimesOut() throws {
        let outcome = try request(auth: nil)
        #expect(outcome.request.state == .pending)
        #expect(try jobs(at: at(days: 4.99), for: outcome.request.id).isEmpty)
        #expect(try database.internalTransferStatus(domain: "fjord-cabins.se", as: alvo).state == .pending)
        let done = try jobs(at: at(days: 5), for: outcome.request.id)
        #expect(done.map(\.request.state) == [.timedOut])
        #expect(try order(4001).customerID == CustomerID(DemoWorld.nina))       // nothing moved
        #expect(try database.runTransferJobs(now: at(days: 9)).isEmpty)          // idempotent
    }

    @Test func withAuthCodeAnUnlockedDomainCompletesOnDaySix() throws {
        try database.write { db in try db.execute(sql: "UPDATE orders SET transfer_lock = 0 WHERE id = 4001") }
        let id = try request(auth: "secret").request.id
        let done = try jobs(at: at(days: 5), for: id)
        #expect(done.map(\.request.state) == [.completed])
        #expect(try order(4001).customerID == CustomerID(DemoWorld.bob))
        #expect(done.first?.renewed == false)     // .se is not renewed by ALVO's default setting
    }

    @Test func withAuthCodeALockedDomainIsNotCompleted() throws {
        let id = try request(auth: "secret").request.id            // fjord-cabins.se is locked in the demo
        #expect(try jobs(at: at(days: 5), for: id).map(\.request.state) == [.timedOut])
        #expect(try order(4001).customerID == CustomerID(DemoWorld.nina))
    }

    @Test func theLosingResellerApprovesOrDenies() throws {
        // Reseller B approves ALVO's request for harbor-lights.com (.com: the default setting renews).
        let before = try order(2002).expiresAt
        #expect(throws: PanelError.self) {       // not the losing side
            try database.decideInternalTransfer(domain: "harbor-lights.com", approve: true, as: alvo)
        }
        let approved = try database.decideInternalTransfer(domain: "harbor-lights.com", approve: true, as: resellerB, clock: FixedClock(TestClock.now))
        #expect(approved.request.state == .completed)
        #expect(approved.renewed)
        let after = try order(2002)
        #expect(after.customerID == CustomerID(DemoWorld.bob))
        #expect(Calendar(identifier: .gregorian).dateComponents([.year], from: before, to: after.expiresAt).year == 1)
        // Deny: Keystone's request for blue-lagoon.net.
        let denied = try database.decideInternalTransfer(domain: "blue-lagoon.net", approve: false, as: resellerB)
        #expect(denied.request.state == .denied)
        #expect(try order(2003).customerID == CustomerID(DemoWorld.zoe))
        #expect(try database.auditEntries(subject: "transfer:3").first?.action == "transfer.deny")
    }

    @Test func noRenewSkipsTheRenewalTheSettingWouldGive() throws {
        // harbor-lights.com (.com, renewed by ALVO's default setting): deny the demo's request,
        // ask again with NORENEW=1, approve: it moves without a renewal.
        _ = try database.decideInternalTransfer(domain: "harbor-lights.com", approve: false, as: resellerB)
        let before = try order(2002).expiresAt
        _ = try database.requestInternalTransfer(domain: "harbor-lights.com", receivingCustomer: CustomerID(DemoWorld.bob),
                                                 authCode: nil, noRenew: true, as: alvo)
        let approved = try database.decideInternalTransfer(domain: "harbor-lights.com", approve: true, as: resellerB)
        #expect(approved.request.noRenew)
        #expect(!approved.renewed)
        #expect(try order(2002).expiresAt == before)
        #expect(try order(2002).customerID == CustomerID(DemoWorld.bob))
    }

    @Test func registryAccountManagementCannotUseInternalTransfers() throws {
        #expect(throws: PanelError.refused(PanelDatabase.ramRefusal)) {
            try database.requestInternalTransfer(domain: "desert-rose.com", receivingCustomer: CustomerID(DemoWorld.bob), authCode: nil,
                                                 noRenew: false, as: alvo)
        }
    }

    @Test func requestsAreChecked() throws {
        #expect(throws: PanelError.notFound("Domain not found.")) { try request(auth: nil, domain: "no-such-domain.com") }
        #expect(throws: PanelError.refused("alpine-gear.com is already in your account.")) { try request(auth: nil, domain: "alpine-gear.com") }
        #expect(throws: PanelError.refused("An internal transfer of harbor-lights.com is already pending (request 2).")) {
            try request(auth: nil, domain: "harbor-lights.com")
        }
        #expect(throws: PanelError.customerNotFound(CustomerID(DemoWorld.xavier))) {
            try database.requestInternalTransfer(domain: "fjord-cabins.se", receivingCustomer: CustomerID(DemoWorld.xavier), authCode: nil,
                                                 noRenew: false, as: alvo)
        }
    }

    @Test func theSettingIsPerAccount() throws {
        _ = try database.setInternalTransferRenew(.registry, as: alvo)
        try database.write { db in try db.execute(sql: "UPDATE orders SET transfer_lock = 0 WHERE id = 4001") }
        let id = try request(auth: "secret").request.id
        // .se is not in the registry table either: completed without renewal.
        #expect(try jobs(at: at(days: 5), for: id).first?.renewed == false)
        #expect(try database.read { db in try String.fetchOne(db, sql: "SELECT internal_transfer_renew FROM resellers WHERE id = 1") } == "registry")
    }
}
