import Foundation

/// Certificate details of a Digital Certificate order (seed 004).
public struct CertificateDetails: Hashable, Codable, Sendable {
    public var orderID: OrderID
    public var type: CertificateType
    public var state: CertificateState
    public var csrPEM: String?
    public var certificatePEM: String?
    public var validFrom: Date?
    public var validTo: Date?
    /// Extra names a multi-domain certificate covers, besides the order's domain.
    public var additionalNames: [String]
    /// The serial number of `certificatePEM` in hex, as the issuing authority numbered it.
    public var serialNumber: String?
    /// The CSR exchanged for the renewal while the certificate is expiring (seed 004's "CSR
    /// request exchange"); it becomes `csrPEM` when the certificate is renewed.
    public var renewalCSRPEM: String?
    /// The invoice for the next period, issued when the certificate entered its renewal window.
    public var renewalInvoiceNumber: String?
    /// The end of the subscription (what was paid, one to three years): the certificate's
    /// `validTo` never passes it, and the renewal invoice comes only when it ends. Nil on a
    /// value not read from the store: the store then takes the order's expiry.
    public var subscriptionUntil: Date?
    /// When the domain validation the current certificate was issued on was done (a reissue
    /// may reuse it for the table's reuse period); nil before the first issue.
    public var validatedAt: Date?

    public init(orderID: OrderID, type: CertificateType, state: CertificateState, csrPEM: String? = nil,
                certificatePEM: String? = nil, validFrom: Date? = nil, validTo: Date? = nil, additionalNames: [String] = [],
                serialNumber: String? = nil, renewalCSRPEM: String? = nil, renewalInvoiceNumber: String? = nil,
                subscriptionUntil: Date? = nil, validatedAt: Date? = nil) {
        self.subscriptionUntil = subscriptionUntil
        self.validatedAt = validatedAt
        self.orderID = orderID
        self.type = type
        self.state = state
        self.csrPEM = csrPEM
        self.certificatePEM = certificatePEM
        self.validFrom = validFrom
        self.validTo = validTo
        self.additionalNames = additionalNames
        self.serialNumber = serialNumber
        self.renewalCSRPEM = renewalCSRPEM
        self.renewalInvoiceNumber = renewalInvoiceNumber
    }

    /// Calendar days until `validTo` (negative once expired), nil before issuance.
    public func daysLeft(at now: Date) -> Int? {
        validTo.map { now.calendarDays(until: $0) }
    }

    /// When the next reissue within the subscription is due; nil when the certificate runs to its end.
    public var nextReissueDue: Date? {
        ReissueSchedule.nextReissueDue(validFrom: validFrom, validTo: validTo, subscriptionUntil: subscriptionUntil)
    }
}

public enum CertificateType: String, CaseIterable, Codable, Sendable {
    case dv, ov, ev, wildcard
    case multiDomain = "multi_domain"

    public var displayName: String {
        switch self {
        case .dv: "Domain Validated (DV)"
        case .ov: "Organization Validated (OV)"
        case .ev: "Extended Validation (EV)"
        case .wildcard: "Wildcard"
        case .multiDomain: "Multi-Domain"
        }
    }
}

/// The certificate lifecycle: awaiting CSR → validating → issued → expiring (≤ 30 days) → expired,
/// with reissue (back to awaiting CSR), renewal and revocation.
public enum CertificateState: String, CaseIterable, Codable, Sendable {
    case awaitingCSR = "awaiting_csr"
    case validating
    case issued
    case expiring
    case expired
    case revoked

    /// Seed 004: the renewal notice and invoice come 30 days before expiry.
    public static let expiringWindowDays = 30

    public var displayName: String {
        switch self {
        case .awaitingCSR: "Waiting for CSR"
        case .validating: "Validating"
        case .issued: "Issued"
        case .expiring: "Expiring"
        case .expired: "Expired"
        case .revoked: "Revoked"
        }
    }

    public enum Event: String, Sendable {
        case csrSubmitted, validated, enteredRenewalWindow, expired, renewed, reissueRequested, revoked
    }

    /// The next state, or an error naming the state and event when the transition is not allowed.
    public func applying(_ event: Event) throws(PanelError) -> CertificateState {
        switch (self, event) {
        case (.awaitingCSR, .csrSubmitted): return .validating
        case (.validating, .validated): return .issued
        case (.issued, .enteredRenewalWindow): return .expiring
        case (.issued, .expired), (.expiring, .expired): return .expired
        case (.expiring, .renewed), (.expired, .renewed): return .issued
        // An expired certificate is reissued only while its subscription runs on (the store checks that).
        case (.issued, .reissueRequested), (.expiring, .reissueRequested), (.expired, .reissueRequested): return .awaitingCSR
        case (.issued, .revoked), (.expiring, .revoked), (.validating, .revoked): return .revoked
        default:
            throw .refused("The certificate's state is \(displayName); it cannot be \(event.pastTense) now.")
        }
    }

    /// The end of the renewal window at `now`: a certificate valid until before this instant
    /// is within 30 calendar days of expiry (it is the start of the 31st UTC day after today),
    /// so a query can find the window through an index on `valid_to`.
    public static func renewalWindowEnd(now: Date) -> Date {
        now.startOfUTCDay.adding(days: expiringWindowDays + 1)
    }

    /// The state a certificate valid until `validTo` should be in at `now`, for issued certificates.
    public static func timeState(validTo: Date, now: Date) -> CertificateState {
        let days = now.calendarDays(until: validTo)
        if now >= validTo { return .expired }
        return days <= expiringWindowDays ? .expiring : .issued
    }
}

extension CertificateState.Event {
    var pastTense: String {
        switch self {
        case .csrSubmitted: "given a CSR"
        case .validated: "validated"
        case .enteredRenewalWindow: "marked as expiring"
        case .expired: "expired"
        case .renewed: "renewed"
        case .reissueRequested: "reissued"
        case .revoked: "revoked"
        }
    }
}
