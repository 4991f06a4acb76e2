import Foundation

/// An internal transfer ("usertransfer", seed 002): a domain moves from one reseller account
/// to another within the same registrar account.
public struct InternalTransferRequest: Hashable, Codable, Sendable, Identifiable {
    public var id: TransferRequestID
    public var domain: DomainName
    public var orderID: OrderID
    /// The reseller that holds the domain now (the losing side, who approves or denies).
    public var fromResellerID: ResellerID
    /// The reseller that asked for it (the gaining side).
    public var toResellerID: ResellerID
    /// The customer of the gaining reseller who receives the domain on completion.
    public var toCustomerID: CustomerID?
    /// Whether the request carried an auth code. The code itself is never stored in clear.
    public var withAuthCode: Bool
    public var noRenew: Bool
    public var state: InternalTransferState
    public var requestedAt: Date
    public var decidedAt: Date?

    public init(id: TransferRequestID, domain: DomainName, orderID: OrderID, fromResellerID: ResellerID,
                toResellerID: ResellerID, toCustomerID: CustomerID? = nil, withAuthCode: Bool, noRenew: Bool,
                state: InternalTransferState = .pending, requestedAt: Date, decidedAt: Date? = nil) {
        self.id = id
        self.domain = domain
        self.orderID = orderID
        self.fromResellerID = fromResellerID
        self.toResellerID = toResellerID
        self.toCustomerID = toCustomerID
        self.withAuthCode = withAuthCode
        self.noRenew = noRenew
        self.state = state
        self.requestedAt = requestedAt
        self.decidedAt = decidedAt
    }

    /// Seed 002: the current reseller has 5 days; on the 6th day the request times out
    /// (without auth code) or completes (with auth code, when the domain is not locked).
    public static let approvalWindowDays = 5

    public var deadline: Date { requestedAt.adding(days: Self.approvalWindowDays) }

    /// Whole days left to decide (0 on the last day), nil once decided.
    public func daysLeft(at now: Date) -> Int? {
        guard state == .pending else { return nil }
        return max(0, Int((deadline.timeIntervalSince(now) / 86_400).rounded(.up)))
    }
}

public enum InternalTransferState: String, CaseIterable, Codable, Sendable {
    case pending, completed, denied
    case timedOut = "timed_out"
    case cancelled

    public enum Event: Sendable, Equatable {
        case approve, deny, cancel
        /// The 6th day has come with no decision; `domainLocked` is the order's transfer lock then.
        case deadlinePassed(withAuthCode: Bool, domainLocked: Bool)
    }

    public func applying(_ event: Event) throws(PanelError) -> InternalTransferState {
        guard self == .pending else {
            throw .refused("This transfer request is already \(label); nothing more can be done with it.")
        }
        switch event {
        case .approve: return .completed
        case .deny: return .denied
        case .cancel: return .cancelled
        case .deadlinePassed(let withAuthCode, let domainLocked):
            return withAuthCode && !domainLocked ? .completed : .timedOut
        }
    }
}

extension InternalTransferState {
    /// The word the API prints and takes (StatusDomainTransfer's and the lists' `STATUS`, the
    /// lists' `STATUS` filter): PENDING, COMPLETED, DENIED, TIMED_OUT, CANCELLED.
    public var apiValue: String { rawValue.uppercased() }

    /// The same word as the panel and `certpanel transfers` show it: "timed out" for TIMED_OUT.
    public var label: String { rawValue.replacingOccurrences(of: "_", with: " ") }

    /// A state from its API value or its label, in any case ("TIMED_OUT", "timed out").
    public init?(apiValue text: String) {
        let key = text.trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(of: " ", with: "_")
        guard let state = InternalTransferState(rawValue: key) else { return nil }
        self = state
    }

    /// "PENDING, COMPLETED, DENIED, TIMED_OUT or CANCELLED", for messages that list them.
    public static var apiValueList: String {
        let values = allCases.map(\.apiValue)
        return values.dropLast().joined(separator: ", ") + " or " + values.last!
    }
}

extension InternalTransferRequest {
    /// How a principal stands to a request: the reseller holding the domain (who decides), the
    /// reseller that asked (who may withdraw), an operator, or no party (the request does not
    /// exist for it).
    public enum Party: Sendable, Equatable { case holder, requester, `operator`, none }

    public func party(of principal: Principal) -> Party {
        switch principal {
        case .operator: .operator
        case .reseller(let id) where id == fromResellerID: .holder
        case .reseller(let id) where id == toResellerID: .requester
        default: .none
        }
    }

    /// The not-found answer for a domain with no request the principal is a party to: the same
    /// text whether there is none or another reseller's, so scoping leaks nothing.
    public static func notFound(_ domain: DomainName) -> PanelError {
        .notFound("No internal transfer of \(domain.unicode) found for your account.")
    }

    /// Who may do what: the holder (or an operator) approves or denies; only the requester
    /// cancels. Checked before the state, so a non-party learns nothing about the request.
    public func checkAllowed(_ event: InternalTransferState.Event, by principal: Principal) throws(PanelError) {
        let party = party(of: principal)
        if party == .none { throw Self.notFound(domain) }
        switch event {
        case .approve, .deny:
            if party == .requester {
                throw .refused("Only the reseller holding \(domain.unicode) can approve or deny its transfer; you requested it, so you can cancel it while it is pending.")
            }
        case .cancel:
            if party != .requester {
                throw .refused("Only the reseller that requested the transfer of \(domain.unicode) can cancel it\(party == .holder ? "; you hold the domain, so approve or deny it" : "").")
            }
        case .deadlinePassed:
            if party != .operator { throw .refused("Only the daily job decides a request whose 5 days are over.") }
        }
    }
}
