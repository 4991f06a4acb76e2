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
            throw .refused("This transfer request is already \(rawValue.replacingOccurrences(of: "_", with: " ")); nothing more can be done with it.")
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
