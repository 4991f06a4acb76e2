import Foundation

/// What the certificate job (or a payment, or a CSR) did to one certificate.
public struct CertificateJobOutcome: Hashable, Codable, Sendable {
    public enum Change: String, Codable, Sendable {
        /// Entered the 30-day window: state expiring, invoice and notice issued (or found).
        case renewalWindow = "renewal_window"
        case expired
        case renewed
        /// An expiry reminder queued (a reissue within the subscription, or the renewal at its end).
        case reminder
    }

    public var orderID: OrderID
    public var domain: DomainName
    public var change: Change
    public var state: CertificateState
    public var validTo: Date?
    /// The renewal invoice issued or adopted (renewal window).
    public var invoiceNumber: String?
    /// The outbox message queued for the customer (renewal window).
    public var noticeID: Int64?
    /// Something the operator should know, e.g. why no invoice could be issued.
    public var note: String?
    public var transactionID: String
    /// What a reminder is about, and its threshold in days before expiry (reminder).
    public var reminderKind: ExpiryReminderKind?
    public var reminderDays: Int?

    public init(orderID: OrderID, domain: DomainName, change: Change, state: CertificateState, validTo: Date?,
                invoiceNumber: String? = nil, noticeID: Int64? = nil, note: String? = nil, transactionID: String) {
        self.orderID = orderID
        self.domain = domain
        self.change = change
        self.state = state
        self.validTo = validTo
        self.invoiceNumber = invoiceNumber
        self.noticeID = noticeID
        self.note = note
        self.transactionID = transactionID
    }

    /// One line for `jobs run`.
    public var summary: String {
        let until = validTo.map { " (valid until \($0.dayText))" } ?? ""
        let what: String
        switch change {
        case .renewalWindow:
            what = "expiring\(until)" + (invoiceNumber.map { ", invoice \($0)" } ?? "") + (noticeID.map { ", notice \($0) queued" } ?? "")
        case .expired:
            what = "expired\(until)"
        case .renewed:
            what = "renewed\(until)"
        case .reminder:
            let kind = reminderKind == .reissue ? "reissue" : "renewal"
            what = "\(kind) reminder, \(reminderDays ?? 0)-day\(until)" + (noticeID.map { ", notice \($0) queued" } ?? "")
        }
        return "Certificate \(orderID) of \(domain.unicode): \(what)" + (note.map { "; \($0)" } ?? "") + "."
    }
}
