import Foundation
import GRDB
import Testing
import PanelModel
@testable import PanelStore

/// Issue 16: the subscription apart from the certificate issued under it, reissues within the
/// term, and reminders that escalate, over the demo world seeded at `TestClock.now` (2026-11-18).
@Suite struct CertificateTermTests {
    let world: TemporaryDatabase
    var database: PanelDatabase { world.database }
    let now = TestClock.now
    let alice = Principal.customer(CustomerID(DemoWorld.alice))

    init() throws {
        world = try TemporaryDatabase()
        try DemoWorld.seed(into: world.database, now: TestClock.now, keySeed: DemoWorld.reproducibleKeySeed, clock: FixedClock(TestClock.now))
    }

    func row(_ id: Int64, at date: Date? = nil) throws -> SSLCertificateRow {
        try #require(try database.sslCertificates(for: .operator, now: date ?? now).first { $0.orderID == OrderID(id) })
    }

    func reminders(_ id: Int64) throws -> [OutboxMessage] {
        try database.outboxMessages(for: .operator).filter { $0.orderID == OrderID(id) && $0.subject.contains("Reissue") }
    }

    @Test func theDemoWorldHasEachSituation() throws {
        // Runs to the subscription's end: renewed, not reissued.
        let bakery = try row(1001)
        #expect(bakery.subscriptionUntil == bakery.validTo)
        #expect(bakery.nextReissueDue == nil)
        // Within a three-year subscription, its certificate 200 days from 171 days ago.
        let hotel = try row(1032)
        let hotelEnd = now.adding(days: -171).adding(days: 200).addingTimeInterval(-1)
        #expect(hotel.validTo == hotelEnd)
        #expect(hotel.subscriptionUntil == now.adding(days: 930))
        #expect(hotel.nextReissueDue == hotelEnd.adding(days: -14))
        #expect(hotel.validitySummary == "subscription until \(now.adding(days: 930).dayText) · this certificate until \(hotelEnd.dayText) · next reissue due \(hotelEnd.adding(days: -14).dayText)")
        // Overdue reissue, and a certificate expired while its subscription runs on.
        #expect(try #require(try row(1006).nextReissueDue) < now)
        let green = try row(3001)
        #expect(green.state == .expired)
        #expect(try #require(green.subscriptionUntil) > now)
        // Every demo certificate is as long as the table allowed on its issue day, and openssl agrees it is signed.
        for id: Int64 in [1001, 1006, 1008, 1032, 3001] {
            let certificate = try #require(try database.orderDetail(OrderID(id), as: .operator).certificate)
            let from = try #require(certificate.validFrom), to = try #require(certificate.validTo)
            #expect(to.timeIntervalSince(from) + 1 <= Double(CertificateValidityTable.rule(on: from).maxValidityDays) * 86_400, "order \(id)")
        }
    }

    @Test func withinTheTermNoRenewalInvoiceButOneReminderPerThresholdAcrossDays() throws {
        // 1006: its certificate ends in 5 days, the subscription in 250: the job bills nothing and
        // sends the 7-day reissue reminder once, however often it runs that day or the next.
        let validTo = try #require(try row(1006).validTo)
        let first = try database.runCertificateJobs(now: now).filter { $0.orderID == OrderID(1006) }
        #expect(first.map(\.change) == [.reminder])
        #expect(first.first?.reminderKind == .reissue)
        #expect(first.first?.reminderDays == 7)
        #expect(try database.runCertificateJobs(now: now).filter { $0.orderID == OrderID(1006) }.isEmpty)
        #expect(try database.runCertificateJobs(now: now.adding(days: 1)).filter { $0.orderID == OrderID(1006) }.isEmpty)
        #expect(try database.orderDetail(OrderID(1006), as: .operator).invoices.allSatisfy { $0.kind == .order })
        // The last day: the 1-day reminder, once.
        let lastDay = validTo.adding(days: -1)
        #expect(try database.runCertificateJobs(now: lastDay).filter { $0.orderID == OrderID(1006) }.map(\.reminderDays) == [1])
        #expect(try database.runCertificateJobs(now: lastDay).filter { $0.orderID == OrderID(1006) }.isEmpty)
        let sent = try reminders(1006)
        #expect(sent.count == 2)
        #expect(sent.allSatisfy { $0.recipient == "alice@example.com" })
        #expect(sent.first?.body.contains("certpanel --as customer:100001 cert reissue 1006 --reuse-csr") == true)
        // Past its end it expires (no renewal: the subscription runs on), and may then be reissued:
        // its domain validation is older than the 200 days it may be reused, so the reissue
        // waits in validating for `dcv check` (ValidationReuseStoreTests).
        #expect(try database.runCertificateJobs(now: validTo).filter { $0.orderID == OrderID(1006) }.map(\.change) == [.expired])
        let result = try database.reissueWithStoredCSR(order: OrderID(1006), by: alice, now: validTo.adding(days: 1))
        #expect(result.state == .validating)
        #expect(result.message.contains("certpanel dcv check 1006"))
        #expect(try row(1006, at: validTo.adding(days: 1)).state == .validating)
    }

    @Test func theOneKeyReissueSignsTheStoredCSRForAsLongAsTheTableAllows() throws {
        let old = try #require(try database.orderDetail(OrderID(1032), as: .operator).certificate)
        let result = try database.reissueWithStoredCSR(order: OrderID(1032), by: alice, now: now)
        #expect(result.state == .issued)
        #expect(result.validTo == now.adding(days: 200).addingTimeInterval(-1))
        let new = try #require(try database.orderDetail(OrderID(1032), as: .operator).certificate)
        #expect(new.csrPEM == old.csrPEM)
        #expect(new.serialNumber != old.serialNumber)
        #expect(new.subscriptionUntil == old.subscriptionUntil)
        #expect(try database.auditEntries(subject: "order:1032").contains { $0.action == "certificate.reissue" })
        // A CSR pasted without asking for the reissue first says what to do within the term.
        do {
            _ = try database.submitCSR(try #require(new.csrPEM), order: OrderID(1032), by: alice, now: now)
            Issue.record("a CSR for an issued certificate was accepted")
        } catch let error as PanelError {
            #expect(error.message.contains("Its subscription runs on past this certificate"))
            #expect(error.message.contains("no renewal invoice is due"))
        }
        // After the subscription's end, an expired certificate is renewed, not reissued.
        let after = try #require(old.subscriptionUntil).adding(days: 2)
        #expect(throws: PanelError.self) { try database.reissueWithStoredCSR(order: OrderID(1032), by: alice, now: after) }
    }

    @Test func eachResellerSetsItsReminderDaysAudited() throws {
        let alvo = Principal.reseller(ResellerID(1))
        #expect(try database.expiryReminderDays(reseller: ResellerID(1), for: alvo) == .standard)
        _ = try database.setExpiryReminderDays(try ExpiryReminderDays(parsing: "10,3"), reseller: ResellerID(1), by: alvo, now: now)
        #expect(try database.expiryReminderDays(reseller: ResellerID(1), for: .operator).days == [10, 3])
        #expect(try database.auditEntries(subject: "reseller:1").first?.summary == "expiry reminder days 30,14,7,1 → 10,3")
        #expect(throws: PanelError.self) { try database.setExpiryReminderDays(.standard, reseller: ResellerID(2), by: alvo, now: now) }
        #expect(throws: PanelError.self) { try database.expiryReminderDays(reseller: ResellerID(1), for: alice) }
        // With 10,3, 1006 (5 days left) gets the 10-day reminder instead of the 7-day one.
        #expect(try database.runCertificateJobs(now: now).first { $0.orderID == OrderID(1006) }?.reminderDays == 10)
    }

    @Test func aRenewalAtTheSubscriptionsEndGetsTheSeedsNoticeThenReminders() throws {
        // 1008: expiring in 12 days at the end of its subscription, with a pending invoice.
        // The notice goes out with 12 days left: it is the 30- and 14-day reminder; the 7- and 1-day follow.
        let outcomes = try database.runCertificateJobs(now: now).filter { $0.orderID == OrderID(1008) }
        #expect(outcomes.map(\.change) == [.renewalWindow])
        #expect(try database.runCertificateJobs(now: now.adding(days: 4)).filter { $0.orderID == OrderID(1008) }.isEmpty)
        let week = try database.runCertificateJobs(now: now.adding(days: 5)).filter { $0.orderID == OrderID(1008) }
        #expect(week.map(\.reminderKind) == [.renewal])
        #expect(week.map(\.reminderDays) == [7])
        #expect(try database.runCertificateJobs(now: now.adding(days: 6)).filter { $0.orderID == OrderID(1008) }.isEmpty)
        let reminder = try #require(try database.outboxMessages(for: .operator).first { $0.orderID == OrderID(1008) && $0.subject.hasSuffix("renew it") })
        #expect(reminder.subject.contains("expires in 7 days"))
        #expect(reminder.body.contains("Invoice INV-000006"))
    }
}

/// The v8 migration on a database written before it: every certificate's subscription ends
/// where its order expires (until then both were `orders.expires_at`).
@Suite struct SubscriptionMigrationTests {
    @Test func existingCertificatesTakeTheirOrdersExpiryAsTheSubscriptionsEnd() throws {
        // A SQLite migration (PostgreSQL's schema starts past v11), on SQLite in both passes.
        let world = try TemporaryDatabase(engine: .sqlite)
        try world.database.load(DemoWorld.fixture(now: TestClock.now), source: "demo world")
        let path = world.path
        // Back to the schema before v8 (SQLite drops the column with its index first).
        try world.database.close()
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: """
                DROP INDEX certificates_subscription;
                ALTER TABLE certificates DROP COLUMN subscription_until;
                DROP TABLE certificate_reminders;
                DROP TABLE reseller_reminder_days;
                DELETE FROM grdb_migrations WHERE identifier = 'v11-certificate-subscription-and-reminders';
                """)
        }
        try queue.close()
        let migrated = try PanelDatabase(path: path)
        defer { try? migrated.close() }
        let pairs = try migrated.read { db in
            try SQLRow.fetchAll(db, sql: "SELECT c.subscription_until, o.expires_at FROM certificates c JOIN orders o ON o.id = c.order_id")
        }
        #expect(pairs.count > 20)
        #expect(pairs.allSatisfy { ($0[0] as Date?) == ($0[1] as Date?) })
        // The job runs on the migrated file: the seed's renewal window as before, reminders once.
        let outcomes = try migrated.runCertificateJobs(now: TestClock.now)
        #expect(outcomes.contains { $0.orderID == OrderID(1008) && $0.change == .renewalWindow })
        #expect(try migrated.runCertificateJobs(now: TestClock.now).isEmpty)
    }
}
