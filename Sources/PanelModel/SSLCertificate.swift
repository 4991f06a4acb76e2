import Foundation

/// One line of the SSL Certificates list (seed 004: "an insight into SSL certificate
/// expiration, issued and paid invoices, SSL certificate type").
public struct SSLCertificateRow: Hashable, Codable, Sendable {
    public var orderID: OrderID
    public var domain: DomainName
    public var customerID: CustomerID
    public var type: CertificateType
    /// The state as it reads now: an issued certificate within 30 days of expiry shows as
    /// expiring, one past it as expired, even before the daily job has run.
    public var state: CertificateState
    /// The state as stored.
    public var storedState: CertificateState
    public var validTo: Date?
    /// Calendar days until expiry (negative once expired); nil before issue.
    public var daysLeft: Int?
    public var invoicesIssued: Int
    public var invoicesPaid: Int
    /// The end of the subscription the certificate is issued under (what was paid).
    public var subscriptionUntil: Date?
    /// When the next reissue within the subscription is due; nil when the certificate runs to its end.
    public var nextReissueDue: Date?

    public init(orderID: OrderID, domain: DomainName, customerID: CustomerID, type: CertificateType, state: CertificateState,
                storedState: CertificateState, validTo: Date?, daysLeft: Int?, invoicesIssued: Int, invoicesPaid: Int,
                subscriptionUntil: Date? = nil, nextReissueDue: Date? = nil) {
        self.subscriptionUntil = subscriptionUntil
        self.nextReissueDue = nextReissueDue
        self.orderID = orderID
        self.domain = domain
        self.customerID = customerID
        self.type = type
        self.state = state
        self.storedState = storedState
        self.validTo = validTo
        self.daysLeft = daysLeft
        self.invoicesIssued = invoicesIssued
        self.invoicesPaid = invoicesPaid
    }

    /// "subscription until … · this certificate until … · next reissue due …".
    public var validitySummary: String {
        ReissueSchedule.summary(subscriptionUntil: subscriptionUntil, validTo: validTo, nextReissueDue: nextReissueDue)
    }

    /// The state to show at `now` for a certificate stored as `stored` valid until `validTo`.
    public static func displayState(stored: CertificateState, validTo: Date?, now: Date) -> CertificateState {
        guard let validTo, stored == .issued || stored == .expiring else { return stored }
        let due = CertificateState.timeState(validTo: validTo, now: now)
        return due == .issued ? stored : due
    }
}

/// The service detail: the row, the current certificate and CSR decoded, the order's
/// invoices, and whether a CSR may be entered now.
public struct SSLCertificateDetail: Hashable, Codable, Sendable {
    public var row: SSLCertificateRow
    public var additionalNames: [String]
    /// The current certificate (subject, SANs, issuer, serial, validity, SHA-256 fingerprint).
    public var certificate: CertificateSummary?
    /// The CSR the current certificate was (or will be) issued for.
    public var csr: CSRSummary?
    /// The CSR exchanged for the renewal, waiting for the renewal.
    public var renewalCSR: CSRSummary?
    public var renewalInvoiceNumber: String?
    public var invoices: [Invoice]
    public var csrEntry: CSREntry
    /// When the domain validation the current certificate was issued on was done; nil before the first issue.
    public var validatedAt: Date?
    /// "Domain validated … · reusable until …" (or that the reuse ended), as it reads at the time asked.
    public var validationStatus: String?

    public init(row: SSLCertificateRow, additionalNames: [String], certificate: CertificateSummary?, csr: CSRSummary?,
                renewalCSR: CSRSummary?, renewalInvoiceNumber: String?, invoices: [Invoice], csrEntry: CSREntry,
                validatedAt: Date? = nil, validationStatus: String? = nil) {
        self.validatedAt = validatedAt
        self.validationStatus = validationStatus
        self.row = row
        self.additionalNames = additionalNames
        self.certificate = certificate
        self.csr = csr
        self.renewalCSR = renewalCSR
        self.renewalInvoiceNumber = renewalInvoiceNumber
        self.invoices = invoices
        self.csrEntry = csrEntry
    }
}

/// Whether a CSR may be entered for a certificate now, what for, and if not, why.
public struct CSREntry: Hashable, Codable, Sendable {
    public enum Purpose: String, Codable, Sendable {
        /// The first issue, or a reissue: the CSR the next certificate is issued for.
        case issue
        /// Seed 004's "CSR request exchange" for the renewal of an expiring certificate.
        case renewal
    }

    public var purpose: Purpose?
    /// Why not, in words that say what to do instead; nil when allowed.
    public var refusal: String?

    public var isAllowed: Bool { purpose != nil }

    public init(purpose: Purpose?, refusal: String?) {
        self.purpose = purpose
        self.refusal = refusal
    }

    /// Allowed while awaiting a CSR (first issue or reissue), and while expiring (or expired)
    /// with a renewal invoice pending or paid; refused otherwise, saying the state.
    /// `subscriptionContinues`: the subscription runs on past this certificate, so what comes
    /// next is a reissue within it, not seed 004's renewal.
    public static func decide(order: OrderID, orderStatus: OrderStatus, state: CertificateState,
                              renewalInvoice: Invoice?, subscriptionContinues: Bool = false) -> CSREntry {
        func no(_ text: String) -> CSREntry { CSREntry(purpose: nil, refusal: text) }
        switch orderStatus {
        case .suspended:
            return no("Order \(order) is suspended, so no CSR can be entered. Ask your reseller to unsuspend it first.")
        case .deleted, .pendingDelete:
            return no("Order \(order) is \(orderStatus.displayName.lowercased()), so no CSR can be entered.")
        case .active, .inProcess, .expired:
            break
        }
        let named = "The certificate of order \(order) is \(state.displayName.lowercased())"
        switch state {
        case .awaitingCSR:
            return CSREntry(purpose: .issue, refusal: nil)
        case .expiring, .expired:
            switch renewalInvoice?.status {
            case .pending?, .paid?:
                return CSREntry(purpose: .renewal, refusal: nil)
            case .credited?, .cancelled?:
                return no("\(named), and its renewal invoice \(renewalInvoice!.number) is \(renewalInvoice!.status.rawValue), so no renewal CSR can be entered. Ask your reseller for a new renewal invoice.")
            case nil:
                return state == .expired
                    ? no("\(named) and was not renewed. Order a new certificate to get one again.")
                    : no("\(named), but its renewal invoice has not been issued yet; a renewal CSR can be entered once it has (30 days before expiry, with the renewal notice).")
            }
        case .validating:
            return no("\(named) (its CSR is being validated), so no CSR can be entered now. Once it is issued, request a reissue to replace the CSR.")
        case .issued where subscriptionContinues:
            return no("\(named), so no CSR is needed now. Its subscription runs on past this certificate: before it expires, reissue it (R on this certificate in SSL Certificates, reusing the stored CSR or with a new one, or certpanel cert reissue \(order) --reuse-csr); no renewal invoice is due.")
        case .issued:
            return no("\(named), so no CSR is needed now. To replace it with a new key, request a reissue (R on this certificate in SSL Certificates, or certpanel cert reissue \(order)); for the renewal, enter the new CSR after the renewal notice, 30 days before expiry.")
        case .revoked:
            return no("\(named), so no CSR can be entered for it. Order a new certificate.")
        }
    }
}

/// What submitting a CSR did.
public struct CSRSubmissionResult: Hashable, Codable, Sendable {
    public var orderID: OrderID
    public var purpose: CSREntry.Purpose
    /// The CSR as decoded (what the preview showed).
    public var csr: CSRSummary
    /// The certificate's state afterwards.
    public var state: CertificateState
    /// The certificate issued at once (demo CA) or by the renewal; nil when it waits.
    public var certificate: CertificateSummary?
    public var validTo: Date?
    /// One sentence on what happens next.
    public var message: String
    public var transactionID: String

    public init(orderID: OrderID, purpose: CSREntry.Purpose, csr: CSRSummary, state: CertificateState, certificate: CertificateSummary?,
                validTo: Date?, message: String, transactionID: String) {
        self.orderID = orderID
        self.purpose = purpose
        self.csr = csr
        self.state = state
        self.certificate = certificate
        self.validTo = validTo
        self.message = message
        self.transactionID = transactionID
    }
}
