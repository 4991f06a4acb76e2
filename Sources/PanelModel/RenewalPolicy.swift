import Foundation

/// Seed 004's renewals: "30 days before the SSL certificate expires, you will receive a
/// notification email along with an invoice for the next billing period … Upon receipt of
/// payment and completion of other requirements (CSR request exchange), the SSL certificate
/// will be renewed." What the daily job does to one certificate, decided from a snapshot.
/// Renewal is of the subscription (what was paid): a certificate that ends before its
/// subscription does is reissued within the term instead (`ReissueSchedule`), with no invoice.
public enum RenewalPolicy {
    /// A subscription period: what a renewal adds to the subscription's end. The certificate
    /// issued for it is as long as `CertificateValidityTable` allows, never past that end.
    public static let periodDays = 365

    /// What the job reads about one certificate.
    public struct Snapshot: Sendable, Equatable {
        public var state: CertificateState
        public var validTo: Date?
        /// The status of the invoice for the next period, if one was issued.
        public var renewalInvoice: InvoiceStatus?
        /// Whether a CSR has been exchanged for the renewal.
        public var hasRenewalCSR: Bool
        /// Whether the order has an invoice to price the next period from (the renewal invoice
        /// costs what the last one did); without one an operator issues it by hand.
        public var canPriceRenewal: Bool
        /// The end of the subscription; nil reads as the certificate's own end (as before subscriptions).
        public var subscriptionUntil: Date?

        public init(state: CertificateState, validTo: Date?, renewalInvoice: InvoiceStatus?, hasRenewalCSR: Bool,
                    canPriceRenewal: Bool = true, subscriptionUntil: Date? = nil) {
            self.subscriptionUntil = subscriptionUntil
            self.state = state
            self.validTo = validTo
            self.renewalInvoice = renewalInvoice
            self.hasRenewalCSR = hasRenewalCSR
            self.canPriceRenewal = canPriceRenewal
        }
    }

    public enum Step: Sendable, Equatable {
        /// Paid and a CSR exchanged: a new certificate, expiry moved by one period.
        case renew
        /// Past its expiry.
        case expire
        /// Within 30 days of expiry: state expiring; an invoice and a notice unless one was issued.
        case enterRenewalWindow(issueInvoice: Bool)
    }

    /// The step due at `now`, or nil when there is nothing to do (which is what makes the
    /// job idempotent: every step changes what the next run reads).
    public static func step(_ snapshot: Snapshot, now: Date) -> Step? {
        guard let validTo = snapshot.validTo, [.issued, .expiring, .expired].contains(snapshot.state) else { return nil }
        if snapshot.state != .issued, snapshot.renewalInvoice == .paid, snapshot.hasRenewalCSR { return .renew }
        let due = CertificateState.timeState(validTo: validTo, now: now)
        if due == .expired { return snapshot.state == .expired ? nil : .expire }
        // The subscription runs on: the certificate is reissued within it, not renewed or billed.
        if ReissueSchedule.subscriptionContinues(validTo: validTo, subscriptionUntil: snapshot.subscriptionUntil) { return nil }
        guard due == .expiring else { return nil }
        if snapshot.state == .issued { return .enterRenewalWindow(issueInvoice: snapshot.renewalInvoice == nil) }
        // Already expiring (loaded that way): it still needs its invoice and notice, once. One
        // that cannot be priced was reported when it entered the window; asking again every run
        // would do the same thing twice.
        return snapshot.renewalInvoice == nil && snapshot.canPriceRenewal ? .enterRenewalWindow(issueInvoice: true) : nil
    }

    /// The renewed subscription's end: the old one plus one period.
    public static func renewedSubscriptionUntil(_ subscriptionUntil: Date) -> Date { subscriptionUntil.adding(days: periodDays) }

    /// The renewed certificate's expiry, issued at `now` for the renewed subscription.
    public static func renewedValidTo(subscriptionUntil: Date, now: Date) -> Date {
        CertificateValidityTable.notAfter(issuedAt: now, subscriptionUntil: renewedSubscriptionUntil(subscriptionUntil))
    }

    /// The renewal invoice's number: one per order and period, so it can never be issued twice.
    public static func invoiceNumber(order: OrderID, validTo: Date) -> String {
        "INV-\(order)-R" + validTo.dayText.replacingOccurrences(of: "-", with: "")
    }
}
