import Foundation

/// An order for one product on one domain name, owned by a customer.
public struct Order: Hashable, Codable, Sendable, Identifiable {
    public var id: OrderID
    public var product: Product
    public var domain: DomainName
    public var customerID: CustomerID
    public var status: OrderStatus
    public var createdAt: Date
    public var expiresAt: Date
    /// Deleting the order before this instant would entitle a refund (seed 000's "Money Back Period").
    public var moneyBackUntil: Date?
    public var transferLock: Bool
    /// The action the system is processing for this order right now, if any ("Renewal", "Transfer"...).
    public var processingAction: String?
    public var contacts: ContactSet

    public init(id: OrderID, product: Product, domain: DomainName, customerID: CustomerID, status: OrderStatus = .active,
                createdAt: Date, expiresAt: Date, moneyBackUntil: Date? = nil, transferLock: Bool = false,
                processingAction: String? = nil, contacts: ContactSet = ContactSet()) {
        self.id = id
        self.product = product
        self.domain = domain
        self.customerID = customerID
        self.status = status
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.moneyBackUntil = moneyBackUntil
        self.transferLock = transferLock
        self.processingAction = processingAction
        self.contacts = contacts
    }

    public func isInMoneyBackPeriod(at now: Date) -> Bool {
        guard let moneyBackUntil else { return false }
        return now < moneyBackUntil
    }
}

public enum OrderStatus: String, CaseIterable, Codable, Sendable {
    case active
    case suspended
    case inProcess = "in_process"
    case pendingDelete = "pending_delete"
    case deleted
    case expired

    public var displayName: String {
        switch self {
        case .active: "Active"
        case .suspended: "Suspended"
        case .inProcess: "In Process"
        case .pendingDelete: "Pending Delete"
        case .deleted: "Deleted"
        case .expired: "Expired"
        }
    }
}
