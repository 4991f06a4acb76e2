/// A customer account: the owner of orders, identified by its numeric Customer ID
/// and its username (an email address).
public struct Customer: Hashable, Codable, Sendable, Identifiable {
    public var id: CustomerID
    public var username: EmailAddress
    public var name: String
    public var status: CustomerStatus
    public var resellerID: ResellerID
    public var defaultContacts: ContactSet

    public init(id: CustomerID, username: EmailAddress, name: String, status: CustomerStatus = .active,
                resellerID: ResellerID, defaultContacts: ContactSet = ContactSet()) {
        self.id = id
        self.username = username
        self.name = name
        self.status = status
        self.resellerID = resellerID
        self.defaultContacts = defaultContacts
    }
}

public enum CustomerStatus: String, CaseIterable, Codable, Sendable {
    case active, suspended, deleted
}

/// The four contact roles of a domain (and a customer's defaults for them).
public struct ContactSet: Hashable, Codable, Sendable {
    public var registrant: ContactID?
    public var admin: ContactID?
    public var tech: ContactID?
    public var billing: ContactID?

    public init(registrant: ContactID? = nil, admin: ContactID? = nil, tech: ContactID? = nil, billing: ContactID? = nil) {
        self.registrant = registrant
        self.admin = admin
        self.tech = tech
        self.billing = billing
    }

    public var all: [ContactID] { [registrant, admin, tech, billing].compactMap { $0 } }

    public subscript(role: ContactRole) -> ContactID? {
        switch role {
        case .registrant: registrant
        case .admin: admin
        case .tech: tech
        case .billing: billing
        }
    }
}

public enum ContactRole: String, CaseIterable, Codable, Sendable {
    case registrant, admin, tech, billing
}
