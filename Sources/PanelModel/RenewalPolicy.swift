import Foundation

/// Seed 004's renewals: "30 days before the SSL certificate expires, you will receive a
/// notification email along with an invoice for the next billing period … Upon receipt of
/// payment and completion of other requirements (CSR request exchange), the SSL certificate
/// will be renewed." What the daily job does to one certificate, decided from a snapshot.
public enum RenewalPolicy {
    /// A certificate's period, and what a renewal adds to its expiry.
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

        public init(state: CertificateState, validTo: Date?, renewalInvoice: InvoiceStatus?, hasRenewalCSR: Bool,
                    canPriceRenewal: Bool = true) {
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
        guard due == .expiring else { return nil }
        if snapshot.state == .issued { return .enterRenewalWindow(issueInvoice: snapshot.renewalInvoice == nil) }
        // Already expiring (loaded that way): it still needs its invoice and notice, once. One
        // that cannot be priced was reported when it entered the window; asking again every run
        // would do the same thing twice.
        return snapshot.renewalInvoice == nil && snapshot.canPriceRenewal ? .enterRenewalWindow(issueInvoice: true) : nil
    }

    /// The renewed certificate's expiry: the old one plus one period.
    public static func renewedValidTo(_ validTo: Date) -> Date { validTo.adding(days: periodDays) }

    /// The renewal invoice's number: one per order and period, so it can never be issued twice.
    public static func invoiceNumber(order: OrderID, validTo: Date) -> String {
        "INV-\(order)-R" + validTo.dayText.replacingOccurrences(of: "-", with: "")
    }
}
