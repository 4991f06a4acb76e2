import Foundation
import GRDB
import Testing
import PanelModel
@testable import PanelStore

@Suite struct DomainPushTests {
    let world: TemporaryDatabase
    var database: PanelDatabase { world.database }
    let alvo = Principal.reseller(ResellerID(1))

    init() throws { world = try TemporaryDatabase.demo() }

    func push(_ domain: String, to handle: String, test: Bool = false, as principal: Principal? = nil) throws -> PanelDatabase.PushResult {
        try database.pushDomain(domain, toHandle: handle, test: test, as: principal ?? alvo, clock: FixedClock(TestClock.now))
    }

    /// Every row except the audit log (a rehearsal is audited, and that is all it writes).
    func dataRows() throws -> [String] { try database.contentDump().filter { !$0.hasPrefix("audit_log ") } }

    @Test func refusalsInTheSeedsFormat() throws {
        let refusing = try push("alpine-gear.com", to: "H12345")
        #expect(!refusing.succeeded)
        #expect(refusing.response == "Transaction-ID: \(refusing.transactionID) Status: 1 Message: Gaining handle 'H12345' is refusing transfers.")
        #expect(try push("no-such-domain.com", to: "H20002").message == "Domain not found.")
        #expect(try push("harbor-lights.com", to: "H20002").message == "Domain not found.")      // Reseller B's, not ALVO's
        #expect(try push("sunrise-bakery.com", to: "H20002").message == "Domain not found.")     // no Domain order, only services
        #expect(try push("alpine-gear.com", to: "H99999").message == "Gaining handle 'H99999' not found.")
        #expect(try push("alpine-gear.com", to: "H10001").message == "Gaining handle 'H10001' is your own account.")
        #expect(try database.auditEntries().first?.action == "push.refused")
    }

    @Test func aPushMovesTheDomainCreditsAndReissuesInvoicesAndNotifies() throws {
        try database.write { db in
            try db.execute(sql: "INSERT INTO invoices (number, order_id, customer_id, amount_minor, currency, status, issued_at, due_at) VALUES ('INV-OPEN', 5002, ?, 1299, 'USD', 'pending', ?, ?)",
                           arguments: [DemoWorld.kim, TestClock.now, TestClock.now])
        }
        // Keystone (H50005) pushes Kim's IDN domain; Kim's contact serves no other domain of it.
        let keystone = Principal.reseller(ResellerID(5))
        let result = try push("東京ラーメン.jp", to: "H20002", as: keystone)
        #expect(result.succeeded)
        #expect(result.response == "Status: 0 Message: domain has been transferred.")
        // Removed from the account at once.
        #expect(throws: PanelError.orderNotFound(OrderID(5002))) { try database.orderDetail(OrderID(5002), as: keystone) }
        let moved = try database.orderDetail(OrderID(5002), as: .operator)
        #expect(moved.reseller.registrarHandle == "H20002")
        // Credited to the pusher, re-issued to the gaining account.
        #expect(moved.invoices.first { $0.number == "INV-OPEN" }?.status == .credited)
        let reissued = try #require(moved.invoices.first { $0.number == "INV-OPEN-H20002" })
        #expect(reissued.status == .pending)
        #expect(reissued.customerID == moved.customer.id)
        #expect(reissued.amount.description == "12.99 USD")
        #expect(moved.contacts[.registrant]?.sponsoringRegistrar == "H20002")
        #expect(result.effects.contains("registrant contact CP-1013: now sponsored by H20002"))
        // The gaining registrar is told.
        let notices = try database.read { db in try String.fetchAll(db, sql: "SELECT recipient FROM outbox") }
        #expect(notices == ["registrar:H20002"])
        #expect(try database.auditEntries(subject: "order:5002").first?.transactionID == result.transactionID)
    }

    @Test func aHandleUsedByOtherDomainsBecomesUnsponsored() throws {
        // CP-1001 is the contact of most of Alice's domains.
        let result = try push("oldtown-books.co.uk", to: "H20002")
        #expect(result.succeeded)
        #expect(try database.orderDetail(OrderID(1011), as: .operator).contacts[.registrant]?.sponsoringRegistrar == nil)
        #expect(result.effects.contains("registrant contact CP-1001: unsponsored (used by other domains of H10001)"))
    }

    @Test func testModeReportsButChangesNothingAndSendsNothing() throws {
        let before = try dataRows()
        let result = try push("bobs-bikes.de", to: "H20002", test: true)
        #expect(result.succeeded)
        #expect(result.test)
        #expect(result.effects.first == "bobs-bikes.de moved from H10001 to H20002")
        #expect(!result.effects.contains { $0.contains("notification") })
        #expect(try dataRows() == before)
        #expect(try database.auditEntries().first?.action == "push.test")
    }
}
