import Foundation

public typealias PendingMoveID = Identifier<PendingMove>

/// A move of a Digital Certificate order (with its related services) that waits for the
/// receiving side to accept it. Created instead of moving at once when the sending customer's
/// reseller has "receiver accepts moves" on (issue 15, part 5; not in the seeds). Nothing
/// moves until it is accepted, and every move rule is checked again then.
public struct PendingMove: Hashable, Codable, Sendable, Identifiable {
    public var id: PendingMoveID
    public var orderID: OrderID
    public var domain: DomainName
    /// The customer that holds the order now and asked for the move.
    public var fromCustomerID: CustomerID
    /// The customer that receives the order once it accepts.
    public var toCustomerID: CustomerID
    public var retainContacts: Bool
    public var state: PendingMoveState
    public var requestedAt: Date
    /// Who confirmed the move (`customer:ID`, `reseller:ID`, `operator`).
    public var requestedBy: String
    public var decidedAt: Date?
    public var decidedBy: String?

    public init(id: PendingMoveID, orderID: OrderID, domain: DomainName, fromCustomerID: CustomerID, toCustomerID: CustomerID,
                retainContacts: Bool, state: PendingMoveState = .pending, requestedAt: Date, requestedBy: String,
                decidedAt: Date? = nil, decidedBy: String? = nil) {
        self.id = id
        self.orderID = orderID
        self.domain = domain
        self.fromCustomerID = fromCustomerID
        self.toCustomerID = toCustomerID
        self.retainContacts = retainContacts
        self.state = state
        self.requestedAt = requestedAt
        self.requestedBy = requestedBy
        self.decidedAt = decidedAt
        self.decidedBy = decidedBy
    }

    /// The receiving side has 5 days, like seed 002's internal transfers.
    public static let acceptanceWindowDays = 5

    public var deadline: Date { requestedAt.adding(days: Self.acceptanceWindowDays) }

    public func isOverdue(at now: Date) -> Bool { now >= deadline }

    /// Whole days left to accept (0 on the last day), nil once closed.
    public func daysLeft(at now: Date) -> Int? {
        guard state == .pending else { return nil }
        return max(0, Int((deadline.timeIntervalSince(now) / 86_400).rounded(.up)))
    }
}

/// pending → accepted | declined | cancelled | expired. Only a pending move changes.
public enum PendingMoveState: String, CaseIterable, Codable, Sendable {
    case pending, accepted, declined, cancelled, expired

    public enum Event: String, Sendable, CaseIterable {
        case accept, decline, cancel, expire
    }

    public func applying(_ event: Event) throws(PanelError) -> PendingMoveState {
        guard self == .pending else {
            throw .refused("This move is already \(rawValue); nothing more can be done with it. To move the order now, start a new move from its Order Details.")
        }
        return switch event {
        case .accept: .accepted
        case .decline: .declined
        case .cancel: .cancelled
        case .expire: .expired
        }
    }

    public var isClosed: Bool { self != .pending }
}

/// Who may do what with a pending move. The receiving side (the receiving customer, or a
/// reseller above it) accepts or declines; the sending side (the sending customer, or a
/// reseller above it) cancels. An operator may decline or cancel (to clean up) but never
/// accept: acceptance is the receiving side's consent.
public enum PendingMovePolicy {
    /// Where the principal stands: the resellers above each customer, nearest first.
    public struct Parties: Sendable, Equatable {
        public var fromCustomer: CustomerID
        public var fromResellers: [ResellerID]
        public var toCustomer: CustomerID
        public var toResellers: [ResellerID]

        public init(fromCustomer: CustomerID, fromResellers: [ResellerID], toCustomer: CustomerID, toResellers: [ResellerID]) {
            self.fromCustomer = fromCustomer
            self.fromResellers = fromResellers
            self.toCustomer = toCustomer
            self.toResellers = toResellers
        }
    }

    public static func isReceiving(_ principal: Principal, _ parties: Parties) -> Bool {
        switch principal {
        case .customer(let id): id == parties.toCustomer
        case .reseller(let id): parties.toResellers.contains(id)
        case .operator: false
        }
    }

    public static func isSending(_ principal: Principal, _ parties: Parties) -> Bool {
        switch principal {
        case .customer(let id): id == parties.fromCustomer
        case .reseller(let id): parties.fromResellers.contains(id)
        case .operator: false
        }
    }

    /// The events `principal` may apply (expiry belongs to `jobs run` alone).
    public static func allowedEvents(for principal: Principal, _ parties: Parties) -> [PendingMoveState.Event] {
        if case .operator = principal { return [.decline, .cancel] }
        var events: [PendingMoveState.Event] = []
        if isReceiving(principal, parties) { events += [.accept, .decline] }
        if isSending(principal, parties) { events.append(.cancel) }
        return events
    }

    /// Whether `principal` may see the move at all: either side, or an operator.
    public static func isParty(_ principal: Principal, _ parties: Parties) -> Bool {
        if case .operator = principal { return true }
        return isReceiving(principal, parties) || isSending(principal, parties)
    }

    /// Why `event` is not `principal`'s to apply; nil when it is.
    public static func refusal(_ event: PendingMoveState.Event, by principal: Principal, _ parties: Parties) -> String? {
        if allowedEvents(for: principal, parties).contains(event) { return nil }
        return switch event {
        case .accept: "Only the receiving customer (Customer ID \(parties.toCustomer)) or its reseller can accept this move."
        case .decline: "Only the receiving customer (Customer ID \(parties.toCustomer)) or its reseller can decline this move; the sending side can cancel it instead."
        case .cancel: "Only the sending customer (Customer ID \(parties.fromCustomer)) or its reseller can cancel this move; the receiving side can decline it instead."
        case .expire: "A move expires by itself after \(PendingMove.acceptanceWindowDays) days (certpanel jobs run)."
        }
    }

    /// The text for an order whose move waits: "move pending" and to whom, until when.
    public static func orderNote(_ move: PendingMove, toUsername: String) -> String {
        "move pending to \(toUsername) (Customer ID \(move.toCustomerID)) until \(DayText.utc(move.deadline))"
    }

    /// Why a second move of the order is refused while one waits.
    public static func alreadyPending(_ move: PendingMove) -> String {
        "A move of order \(move.orderID) to Customer ID \(move.toCustomerID) is pending (move \(move.id), until \(DayText.utc(move.deadline))). It has to be accepted, declined or cancelled before the order can move again: cancel it under Pending moves (W on the order list) or with `certpanel moves cancel \(move.id)`."
    }
}
