import Foundation
import Testing
@testable import PanelModel

@Suite struct RenewalPolicyTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    func step(_ state: CertificateState, daysLeft: Int, invoice: InvoiceStatus? = nil, csr: Bool = false) -> RenewalPolicy.Step? {
        RenewalPolicy.step(.init(state: state, validTo: now.adding(days: daysLeft), renewalInvoice: invoice, hasRenewalCSR: csr), now: now)
    }

    @Test func theWindowOpensThirtyDaysBeforeExpiryOnce() {
        #expect(step(.issued, daysLeft: 31) == nil)
        #expect(step(.issued, daysLeft: 30) == .enterRenewalWindow(issueInvoice: true))
        #expect(step(.expiring, daysLeft: 30) == .enterRenewalWindow(issueInvoice: true))     // loaded expiring, never billed
        #expect(step(.expiring, daysLeft: 29, invoice: .pending) == nil)
        #expect(step(.expiring, daysLeft: 29, invoice: .paid) == nil)                          // paid, but no CSR yet
    }

    /// Without an invoice to price the next period the job reports it when the certificate
    /// enters the window (the store notes it) and not again on every later run.
    @Test func anUnpricedRenewalIsReportedOnce() {
        func unpriced(_ state: CertificateState) -> RenewalPolicy.Step? {
            RenewalPolicy.step(.init(state: state, validTo: now.adding(days: 20), renewalInvoice: nil, hasRenewalCSR: false,
                                     canPriceRenewal: false), now: now)
        }
        #expect(unpriced(.issued) == .enterRenewalWindow(issueInvoice: true))
        #expect(unpriced(.expiring) == nil)
    }

    @Test func renewalNeedsPaymentAndACSR() {
        #expect(step(.expiring, daysLeft: 10, invoice: .paid, csr: true) == .renew)
        #expect(step(.expired, daysLeft: -3, invoice: .paid, csr: true) == .renew)
        #expect(step(.expiring, daysLeft: 10, invoice: .pending, csr: true) == nil)
        // The subscription gains one period; the certificate for it is as long as the table allows
        // on the renewal day (now is 2027-01-15: 200 days, less the second X.509 counts inclusively).
        #expect(RenewalPolicy.renewedSubscriptionUntil(now) == now.adding(days: 365))
        #expect(RenewalPolicy.renewedValidTo(subscriptionUntil: now, now: now) == now.adding(days: 200).addingTimeInterval(-1))
    }

    @Test func pastExpiryExpiresOnce() {
        #expect(step(.issued, daysLeft: 0) == .expire)
        #expect(step(.expiring, daysLeft: -1, invoice: .pending) == .expire)
        #expect(step(.expired, daysLeft: -1) == nil)
        #expect(step(.awaitingCSR, daysLeft: -1) == nil)
        #expect(step(.revoked, daysLeft: 5) == nil)
    }

    @Test func theInvoiceNumberNamesOrderAndPeriod() {
        #expect(RenewalPolicy.invoiceNumber(order: OrderID(1001), validTo: Date(timeIntervalSince1970: 1_795_608_000)) == "INV-1001-R20261125")
    }
}
