/// The JSON fixture format of `certpanel db load` (documented field by field in
/// docs/fixtures.md). Fields are plain JSON values here; `FixtureConverter` validates
/// them into model values and names the record and field of any problem.
public struct FixtureFile: Codable, Sendable, Equatable {
    public var resellers: [ResellerRecord] = []
    public var customers: [CustomerRecord] = []
    public var contacts: [ContactRecord] = []
    public var orders: [OrderRecord] = []
    public var certificates: [CertificateRecord] = []
    public var invoices: [InvoiceRecord] = []
    public var transferRequests: [TransferRequestRecord] = []

    public init() {}

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        resellers = try container.decodeIfPresent([ResellerRecord].self, forKey: .resellers) ?? []
        customers = try container.decodeIfPresent([CustomerRecord].self, forKey: .customers) ?? []
        contacts = try container.decodeIfPresent([ContactRecord].self, forKey: .contacts) ?? []
        orders = try container.decodeIfPresent([OrderRecord].self, forKey: .orders) ?? []
        certificates = try container.decodeIfPresent([CertificateRecord].self, forKey: .certificates) ?? []
        invoices = try container.decodeIfPresent([InvoiceRecord].self, forKey: .invoices) ?? []
        transferRequests = try container.decodeIfPresent([TransferRequestRecord].self, forKey: .transferRequests) ?? []
    }

    public struct ResellerRecord: Codable, Sendable, Equatable {
        public var id: Int64
        public var name: String
        public var parent: Int64?
        public var products: [String]
        public var registrarHandle: String
        public var refusesPushes: Bool?
        public var internalTransferRenew: String?
        public var registryAccountManagement: Bool?
    }

    public struct ContactsRecord: Codable, Sendable, Equatable {
        public var registrant: Int64?
        public var admin: Int64?
        public var tech: Int64?
        public var billing: Int64?
    }

    public struct CustomerRecord: Codable, Sendable, Equatable {
        public var id: Int64
        public var username: String
        public var name: String
        public var status: String?
        public var reseller: Int64
        /// Plain text, hashed on load (for demo and test worlds only).
        public var password: String?
        public var defaultContacts: ContactsRecord?
    }

    public struct ContactRecord: Codable, Sendable, Equatable {
        public var id: Int64
        public var handle: String
        public var owner: Int64
        public var name: String
        public var organisation: String?
        public var email: String
        public var country: String
        public var phone: String
        public var sponsoringRegistrar: String?
        public var cedContact: Bool?
    }

    public struct OrderRecord: Codable, Sendable, Equatable {
        public var id: Int64
        public var product: String
        public var domain: String
        public var customer: Int64
        public var status: String?
        public var created: String
        public var expires: String
        public var moneyBackUntil: String?
        public var transferLock: Bool?
        public var processing: String?
        public var contacts: ContactsRecord?
    }

    public struct CertificateRecord: Codable, Sendable, Equatable {
        public var order: Int64
        public var type: String
        public var state: String
        public var csr: String?
        public var certificate: String?
        public var validFrom: String?
        public var validTo: String?
        public var additionalNames: [String]?
    }

    public struct InvoiceRecord: Codable, Sendable, Equatable {
        public var number: String
        public var order: Int64
        public var amount: Int64
        public var currency: String
        public var status: String
        public var issued: String
        public var due: String
    }

    public struct TransferRequestRecord: Codable, Sendable, Equatable {
        public var id: Int64
        public var order: Int64
        public var from: Int64
        public var to: Int64
        /// The customer of `to` who receives the domain when the transfer completes.
        public var toCustomer: Int64?
        /// Plain text, stored only as a hash.
        public var authCode: String?
        public var noRenew: Bool?
        public var state: String?
        public var requested: String
        public var decided: String?
    }
}
