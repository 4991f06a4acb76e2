import Foundation
import GRDB
import Testing
import PanelModel
@testable import PanelStore

/// The whole renewal on a fixed clock with the demo CA: notice and invoice at day 30, payment,
/// the CSR exchange, and the renewed certificate verified by openssl.
@Suite struct CertificateRenewalFlowTests {
    let world: TemporaryDatabase
    let openssl: OpenSSLWorkspace
    var database: PanelDatabase { world.database }
    let alice = Principal.customer(CustomerID(DemoWorld.alice))

    init() throws {
        world = try TemporaryDatabase.demoWithAuthority()
        openssl = try OpenSSLWorkspace()
    }

    func certificate(_ id: Int64) throws -> CertificateDetails {
        try #require(try database.orderDetail(OrderID(id), as: .operator).certificate)
    }

    /// 1001 sunrise-bakery.com enters its renewal window; returns its expiry and renewal invoice.
    func openRenewal() throws -> (validTo: Date, invoice: String) {
        let validTo = try #require(try certificate(1001).validTo)
        let outcome = try #require(try database.runCertificateJobs(now: validTo.adding(days: -30)).first { $0.orderID == OrderID(1001) })
        return (validTo, try #require(outcome.invoiceNumber))
    }

    func renewalCSR() throws -> String {
        try openssl.csr(commonName: "sunrise-bakery.com", names: ["sunrise-bakery.com", "www.sunrise-bakery.com"]).csr
    }

    func expectRenewed(_ validTo: Date, oldPEM: String?, at now: Date) throws {
        // Seed 004's "new expiration date of the service": the subscription gains 365 days; the
        // certificate for it is as long as the validity table allows on the renewal day (in spring
        // 2027, after the 15 March step: 100 days).
        let renewed = try certificate(1001)
        #expect(CertificateValidityTable.rule(on: now).maxValidityDays == 100)
        let certificateEnd = now.wholeSecondsDown.adding(days: 100).addingTimeInterval(-1)
        #expect(renewed.state == .issued)
        #expect(renewed.subscriptionUntil == validTo.adding(days: 365))
        #expect(renewed.validTo == certificateEnd)
        #expect(renewed.nextReissueDue == certificateEnd.adding(days: -14))
        #expect(renewed.renewalCSRPEM == nil)
        #expect(renewed.renewalInvoiceNumber == nil)
        #expect(renewed.certificatePEM != oldPEM)
        #expect(renewed.validatedAt == now)   // a renewal validates the domain anew
        #expect(try database.orderDetail(OrderID(1001), as: alice).order.expiresAt == validTo.adding(days: 365))
        let pem = try database.certificatePEM(order: OrderID(1001), for: alice)
        let verified = try openssl.verify(pem, authority: try database.certificateAuthorityPEM(), at: now)
        #expect(verified.status == 0, "\(verified.stderr)")
        #expect(try CertificateSummary(pem: pem).notAfter == certificateEnd)
        #expect(try database.auditEntries(subject: "order:1001").contains { $0.action == "certificate.renewed" })
        // The new expiry shows, and the job has nothing left to do until the next window.
        #expect(try database.sslCertificates(for: alice, now: now).first { $0.orderID == OrderID(1001) }?.validTo == certificateEnd)
        #expect(try database.runCertificateJobs(now: validTo).filter { $0.orderID == OrderID(1001) }.isEmpty)
    }

    @Test func paymentThenCSRRenews() throws {
        let (validTo, invoice) = try openRenewal()
        let oldPEM = try certificate(1001).certificatePEM
        let payment = try database.payInvoice(number: invoice, by: .operator, now: validTo.adding(days: -28))
        #expect(payment.renewal == nil)                     // no CSR exchanged yet
        #expect(try certificate(1001).state == .expiring)
        #expect(try database.sslCertificateDetail(order: OrderID(1001), for: alice, now: validTo.adding(days: -28)).csrEntry.purpose == .renewal)

        let result = try database.submitCSR(try renewalCSR(), order: OrderID(1001), by: alice, now: validTo.adding(days: -27))
        #expect(result.purpose == .renewal)
        #expect(result.state == .issued)
        #expect(result.validTo == (try certificate(1001).validTo))
        try expectRenewed(validTo, oldPEM: oldPEM, at: validTo.adding(days: -27))
    }

    @Test func csrThenPaymentRenewsInThePaymentsTransaction() throws {
        let (validTo, invoice) = try openRenewal()
        let oldPEM = try certificate(1001).certificatePEM
        let result = try database.submitCSR(try renewalCSR(), order: OrderID(1001), by: alice, now: validTo.adding(days: -29))
        #expect(result.state == .expiring)
        #expect(result.message.contains(invoice))
        #expect(try certificate(1001).renewalCSRPEM != nil)
        #expect(try certificate(1001).csrPEM != certificate(1001).renewalCSRPEM)     // the current certificate's CSR is kept apart

        let payment = try database.payInvoice(number: invoice, by: .operator, now: validTo.adding(days: -25))
        #expect(payment.renewal?.change == .renewed)
        #expect(payment.renewal?.transactionID == payment.transactionID)
        try expectRenewed(validTo, oldPEM: oldPEM, at: validTo.adding(days: -25))
    }

    @Test func theJobRenewsWhatIsReady() throws {
        let (validTo, invoice) = try openRenewal()
        _ = try database.submitCSR(try renewalCSR(), order: OrderID(1001), by: alice, now: validTo.adding(days: -29))
        // Paid by another way than payInvoice (an import from accounting, say): the next run renews.
        try database.write { db in try db.execute(sql: "UPDATE invoices SET status = 'paid' WHERE number = ?", arguments: [invoice]) }
        let outcomes = try database.runCertificateJobs(now: validTo.adding(days: -20)).filter { $0.orderID == OrderID(1001) }
        #expect(outcomes.map(\.change) == [.renewed])
        try expectRenewed(validTo, oldPEM: nil, at: validTo.adding(days: -20))
    }

    @Test func anExpiredCertificateIsRenewedWhenPaidAndExchanged() throws {
        let (validTo, invoice) = try openRenewal()
        #expect(try database.runCertificateJobs(now: validTo.adding(days: 2)).contains { $0.orderID == OrderID(1001) && $0.change == .expired })
        _ = try database.payInvoice(number: invoice, by: .operator, now: validTo.adding(days: 3))
        let result = try database.submitCSR(try renewalCSR(), order: OrderID(1001), by: alice, now: validTo.adding(days: 3))
        #expect(result.state == .issued)
        #expect(result.validTo == (try certificate(1001).validTo))
    }
}

@Suite struct SSLCertificateViewTests {
    let world: TemporaryDatabase
    var database: PanelDatabase { world.database }
    let alice = Principal.customer(CustomerID(DemoWorld.alice))

    init() throws { world = try TemporaryDatabase.demoWithAuthority() }

    @Test func theListShowsEveryCertificateOfThePrincipalWithStateAndInvoices() throws {
        let rows = try database.sslCertificates(for: alice, now: TestClock.now)
        #expect(rows.allSatisfy { $0.customerID == CustomerID(DemoWorld.alice) })
        #expect(rows.contains { $0.orderID == OrderID(1003) && $0.state == .awaitingCSR && $0.validTo == nil && $0.daysLeft == nil })
        let kettle = try #require(rows.first { $0.orderID == OrderID(1008) })
        #expect(kettle.state == .expiring)
        #expect(kettle.daysLeft == 12)
        #expect(kettle.invoicesIssued == 2)
        #expect(kettle.invoicesPaid == 1)
        // Stored as issued, but 201 days later (it ends after 190) it reads as expired even before the job runs.
        let later = try database.sslCertificates(for: alice, now: TestClock.now.adding(days: 201))
        let bakery = try #require(later.first { $0.orderID == OrderID(1001) })
        #expect(bakery.state == .expired)
        #expect(bakery.storedState == .issued)
        #expect(try database.sslCertificates(for: .customer(CustomerID(DemoWorld.bob)), now: TestClock.now).map(\.orderID) == [OrderID(1101)])
    }

    @Test func theDetailDecodesTheCertificateAndSaysWhetherACSRMayBeEntered() throws {
        let detail = try database.sslCertificateDetail(order: OrderID(1001), for: alice, now: TestClock.now)
        let certificate = try #require(detail.certificate)
        #expect(certificate.issuer.contains(DemoCertificateAuthority.commonName))
        #expect(certificate.subjectAlternativeNames.contains("sunrise-bakery.com"))
        #expect(certificate.sha256Fingerprint.split(separator: ":").count == 32)
        #expect(detail.csr?.commonName == "sunrise-bakery.com")
        #expect(!detail.csrEntry.isAllowed)
        #expect(detail.csrEntry.refusal?.contains("issued") == true)
        #expect(detail.invoices.map(\.number) == ["INV-000001"])
        let waiting = try database.sslCertificateDetail(order: OrderID(1003), for: alice, now: TestClock.now)
        #expect(waiting.csrEntry.purpose == .issue)
        #expect(waiting.certificate == nil)
    }

    @Test func theDemoSeedSignsEveryIssuedCertificateReproducibly() throws {
        let again = try TemporaryDatabase.demoWithAuthority()
        let pems = { (database: PanelDatabase) in
            try database.read { db in try String.fetchAll(db, sql: "SELECT certificate_pem FROM certificates WHERE certificate_pem IS NOT NULL ORDER BY order_id") }
        }
        let first = try pems(database)
        let issuedCount = try database.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM certificates WHERE state IN ('issued', 'expiring', 'expired')")
        }
        #expect(first.count == issuedCount)
        #expect(try pems(again.database) == first)
        #expect(try database.certificateAuthorityPEM() == again.database.certificateAuthorityPEM())
        #expect(try database.read { db in try Bool.fetchOne(db, sql: "SELECT is_demo FROM certificate_authorities") } == true)
        let openssl = try OpenSSLWorkspace()
        let verified = try openssl.verify(try database.certificatePEM(order: OrderID(1032), for: alice),
                                          authority: try database.certificateAuthorityPEM(), at: TestClock.now)
        #expect(verified.status == 0, "\(verified.stderr)")
        #expect(try openssl.text(of: try database.certificatePEM(order: OrderID(1032), for: alice)).contains("DNS:shop.grand-hotel.com"))
    }

    @Test func withoutAnAuthorityAnAcceptedCSRWaitsInValidating() throws {
        let plain = try TemporaryDatabase.demo()
        let openssl = try OpenSSLWorkspace()
        let csr = try openssl.csr(commonName: "bluebird-studio.com").csr
        let result = try plain.database.submitCSR(csr, order: OrderID(1003), by: alice, now: TestClock.now)
        #expect(result.state == .validating)
        #expect(result.certificate == nil)
        #expect(throws: PanelError.self) { try plain.database.certificatePEM(order: OrderID(1003), for: alice) }
        #expect(throws: PanelError.self) { try plain.database.certificateAuthorityPEM() }
    }
}
