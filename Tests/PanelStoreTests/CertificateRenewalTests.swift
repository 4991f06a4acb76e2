import Foundation
import GRDB
import Testing
import PanelModel
@testable import PanelStore

/// Seed 004's renewal job on a fixed clock, over the demo world seeded at `TestClock.now`.
@Suite struct CertificateRenewalTests {
    let world: TemporaryDatabase
    var database: PanelDatabase { world.database }

    init() throws { world = try TemporaryDatabase.demo() }

    func certificate(_ id: Int64) throws -> CertificateDetails {
        try #require(try database.orderDetail(OrderID(id), as: .operator).certificate)
    }

    func invoices(_ id: Int64) throws -> [Invoice] { try database.orderDetail(OrderID(id), as: .operator).invoices }

    func notices(_ id: Int64) throws -> [OutboxMessage] {
        try database.outboxMessages(for: .operator).filter { $0.orderID == OrderID(id) }
    }

    /// The job's outcomes at `date` for order `id` only (the demo world has other certificates).
    func jobs(at date: Date, for id: Int64) throws -> [CertificateJobOutcome] {
        try database.runCertificateJobs(now: date).filter { $0.orderID == OrderID(id) }
    }

    @Test func thirtyDaysBeforeExpiryOneInvoiceAndOneNotice() throws {
        // 1001 sunrise-bakery.com: issued, expires 190 days after the demo's "now", last invoice 49.99 USD.
        let validTo = try #require(try certificate(1001).validTo)
        #expect(try jobs(at: validTo.adding(days: -31), for: 1001).isEmpty)
        #expect(try certificate(1001).state == .issued)
        #expect(try invoices(1001).count == 1)

        let day30 = validTo.adding(days: -30)
        let outcomes = try jobs(at: day30, for: 1001)
        #expect(outcomes.map(\.change) == [.renewalWindow])
        #expect(try certificate(1001).state == .expiring)
        let renewal = try #require(try invoices(1001).first { $0.kind == .renewal })
        #expect(renewal.number == outcomes.first?.invoiceNumber)
        #expect(renewal.status == .pending)
        #expect(renewal.amount == Money(stored: 4999, currency: "USD"))
        #expect(renewal.issuedAt == day30)
        #expect(renewal.dueAt == day30.adding(days: 10))
        #expect(renewal.customerID == CustomerID(DemoWorld.alice))
        #expect(try certificate(1001).renewalInvoiceNumber == renewal.number)

        let notice = try #require(try notices(1001).first)
        #expect(try notices(1001).count == 1)
        #expect(notice.recipient == "alice@example.com")
        #expect(notice.sentAt == nil)
        for text in ["sunrise-bakery.com", validTo.dayText, renewal.number] { #expect(notice.subject.contains(text)) }
        for text in ["sunrise-bakery.com", validTo.dayText, renewal.number, "49.99 USD", day30.adding(days: 10).dayText,
                     "new CSR", "certpanel --as customer:\(DemoWorld.alice) csr submit 1001", "press c"] {
            #expect(notice.body.contains(text), "the notice does not say \(text)")
        }
        #expect(try database.auditEntries(subject: "order:1001").first?.action == "certificate.renewal_window")

        // Running it again (then or later in the window) does nothing twice.
        #expect(try database.runCertificateJobs(now: day30).isEmpty)
        #expect(try jobs(at: day30.adding(days: 5), for: 1001).isEmpty)
        #expect(try invoices(1001).count == 2)
        #expect(try notices(1001).count == 1)
    }

    @Test func pastExpiryTheCertificateExpires() throws {
        let validTo = try #require(try certificate(1001).validTo)
        _ = try jobs(at: validTo.adding(days: -30), for: 1001)
        // The last second before expiry: nothing happens to the certificate (only its 1-day reminder goes out).
        #expect(try jobs(at: validTo.addingTimeInterval(-1), for: 1001).map(\.change) == [.reminder])
        let expired = try jobs(at: validTo, for: 1001)
        #expect(expired.map(\.change) == [.expired])
        #expect(try certificate(1001).state == .expired)
        #expect(try database.auditEntries(subject: "order:1001").first?.action == "certificate.expired")
        #expect(try jobs(at: validTo.adding(days: 3), for: 1001).isEmpty)
    }

    @Test func aCertificateFirstSeenPastExpiryExpiresWithoutAnInvoice() throws {
        // The job did not run during the last 30 days: the certificate expires, and is not billed.
        let validTo = try #require(try certificate(1001).validTo)
        #expect(try jobs(at: validTo.adding(days: 1), for: 1001).map(\.change) == [.expired])
        #expect(try invoices(1001).count == 1)
    }

    @Test func anExpiringDemoCertificateWithAPendingInvoiceIsNotBilledTwice() throws {
        // 1008 copper-kettle.org: loaded as expiring with pending INV-000006.
        let before = try invoices(1008)
        #expect(before.filter { $0.status == .pending }.map(\.number) == ["INV-000006"])
        let outcomes = try jobs(at: TestClock.now, for: 1008)
        #expect(outcomes.map(\.invoiceNumber) == ["INV-000006"])
        #expect(try invoices(1008).count == before.count)
        #expect(try certificate(1008).renewalInvoiceNumber == "INV-000006")
        #expect(try invoices(1008).first { $0.number == "INV-000006" }?.kind == .renewal)
        #expect(try notices(1008).count == 1)
        #expect(try jobs(at: TestClock.now.adding(days: 1), for: 1008).isEmpty)
    }

    @Test func anExpiringCertificateWithoutAnInvoiceGetsOne() throws {
        // 1201 carol-photo.com: loaded as expiring, only its paid first invoice.
        let outcomes = try jobs(at: TestClock.now, for: 1201)
        let number = try #require(outcomes.first?.invoiceNumber)
        #expect(number.hasPrefix("INV-1201-R"))
        #expect(try notices(1201).map(\.recipient) == ["carol@example.org"])
    }

    @Test func theWholeRunIsIdempotent() throws {
        let first = try database.runCertificateJobs(now: TestClock.now.adding(days: 40))
        #expect(!first.isEmpty)
        let rows = try database.contentDump()
        #expect(try database.runCertificateJobs(now: TestClock.now.adding(days: 40)).isEmpty)
        #expect(try database.contentDump() == rows)
    }

    /// A certificate whose order has no invoice to price the next period: the job says so
    /// once, when it enters the window, and a later run neither repeats it nor audits it again
    /// (seen at 1,000,000 orders, where 12,518 such notes came back on every run).
    @Test func anUnpricedRenewalIsReportedOnceNotEveryRun() throws {
        try database.write { db in try db.execute(sql: "DELETE FROM invoices WHERE order_id = 1001") }
        let validTo = try #require(try certificate(1001).validTo)
        let first = try jobs(at: validTo.adding(days: -30), for: 1001)
        #expect(first.map(\.change) == [.renewalWindow])
        #expect(first.first?.note?.contains("issue the renewal invoice by hand") == true)
        let rows = try database.contentDump()
        #expect(try jobs(at: validTo.adding(days: -29), for: 1001).isEmpty)
        #expect(try database.contentDump() == rows)
        // Once an operator has given the order an invoice, the next run bills the renewal.
        try database.write { db in
            try RecordWriter.insert(Invoice(number: "INV-MANUAL-1", orderID: OrderID(1001), customerID: CustomerID(DemoWorld.alice),
                                            amount: Money(stored: 5999, currency: "USD"), status: .paid, issuedAt: TestClock.now,
                                            dueAt: TestClock.now), db)
        }
        #expect(try jobs(at: validTo.adding(days: -28), for: 1001).first?.invoiceNumber?.hasPrefix("INV-1001-R") == true)
    }
}
