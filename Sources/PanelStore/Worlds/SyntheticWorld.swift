import Foundation
import PanelModel

/// Reproducible bulk data for benchmarks: the same seed and sizes always write the same
/// rows. Synthetic customers have no password (they cannot log in); one reseller serves
/// every thousand customers. IDs start after the largest already in the database.
public struct SyntheticWorld: Sendable {
    public var orders: Int
    public var customers: Int
    public var seed: UInt64
    /// The instant the generated dates are relative to (fixed, so output is reproducible).
    public var epoch: Date

    public init(orders: Int, customers: Int, seed: UInt64 = 42, epoch: Date = Date(timeIntervalSince1970: 1_767_225_600)) {
        self.orders = orders
        self.customers = customers
        self.seed = seed
        self.epoch = epoch
    }

    static let tlds = ["com", "com", "com", "net", "org", "de", "co.uk", "nl", "fr", "io", "eu", "me", "co.me", "es", "ca",
                       "asia", "tel", "info", "biz", "co.nz", "jp", "ch"]
    static let syllables = ["ka", "lo", "mi", "ra", "zen", "tor", "vi", "sol", "bar", "nex", "qua", "fi", "dor", "ly", "pix",
                            "mar", "ben", "tri", "ora", "cel", "dus", "hal", "jin", "kor", "lum", "nor", "pel", "rin", "sta", "vek"]
    static let words = ["bakery", "studio", "garden", "cloud", "books", "travel", "design", "coffee", "labs", "media", "shop",
                        "health", "motors", "photo", "legal", "sports", "music", "farm", "tech", "craft"]
    static let idnWords = ["bücher", "café", "müller", "straße", "façade", "niño", "smörgås", "ærø"]
    static let products: [Product] = [.digitalCertificate, .digitalCertificate, .domain, .domain, .emailHosting, .webHosting]
    static let statuses: [OrderStatus] = [.active, .active, .active, .active, .active, .active, .active, .suspended, .inProcess, .expired]
    static let countries = ["US", "GB", "DE", "FR", "NL", "ES", "ME", "SE", "JP", "KR", "BR", "IN", "AU", "CA"]

    public struct Summary: Sendable, Equatable, Codable {
        public var resellers: Int
        public var customers: Int
        public var orders: Int
        public var certificates: Int
        public var invoices: Int
    }

    /// Writes the world in one transaction.
    public func write(into database: PanelDatabase) throws -> Summary {
        guard orders >= 0, customers >= 1, orders <= 50_000_000, customers <= 10_000_000 else {
            throw PanelError.invalidInput("--customers must be at least 1 and --orders at least 0 (at most 10,000,000 customers and 50,000,000 orders)")
        }
        return try database.bulkWrite { db in try write(db) }
    }

    private func write(_ db: any SQLConnection) throws -> Summary {
        var random = SplitMix64(seed: seed)
        let base = try Int64.fetchOne(db, sql: """
            SELECT MAX(m) FROM (SELECT MAX(id) AS m FROM resellers UNION ALL SELECT MAX(id) FROM customers
                                UNION ALL SELECT MAX(id) FROM contacts UNION ALL SELECT MAX(id) FROM orders) ids
            """) ?? 0
        let firstID = (base / 1_000_000 + 1) * 1_000_000   // a round number past everything that exists
        return try Schema.bulkInsertIndexingAfterwards(from: firstID, db) {
            try writeRows(firstID: firstID, random: &random, db)
        }
    }

    private func writeRows(firstID: Int64, random: inout SplitMix64, _ db: any SQLConnection) throws -> Summary {
        let resellerCount = max(1, customers / 1000)
        var summary = Summary(resellers: resellerCount, customers: customers, orders: orders, certificates: 0, invoices: 0)

        for index in 0..<resellerCount {
            let id = firstID + Int64(index)
            try RecordWriter.insert(Reseller(id: ResellerID(id), name: "Synthetic Reseller \(index + 1)", products: Set(Product.allCases),
                                             registrarHandle: "H\(id)"), db)
        }
        // Customer, then its contact, then the customer's default contacts: each row's parents
        // exist when it is written, so no deferred foreign key is ever outstanding (SQLite would
        // otherwise scan child tables on every parent insert).
        for index in 0..<customers {
            let id = firstID + Int64(index)
            let reseller = ResellerID(firstID + Int64(index % resellerCount))
            let country = Self.countries[Int(random.next() % UInt64(Self.countries.count))]
            let email = EmailAddress(stored: "user\(index + 1)@synthetic-\(index % 97).example.com")
            try RecordWriter.insert(Customer(id: CustomerID(id), username: email, name: "Customer \(index + 1)", resellerID: reseller),
                                    passwordHash: nil, db)
            try RecordWriter.insert(Contact(id: ContactID(id), handle: "SY-\(id)", ownerID: CustomerID(id), name: "Customer \(index + 1)",
                                            email: email, country: CountryCode(stored: country), phone: "+1.5550\(100000 + index % 900000)"), db)
            try db.execute(sql: """
                UPDATE customers SET default_registrant_id = ?1, default_admin_id = ?1, default_tech_id = ?1, default_billing_id = ?1
                WHERE id = ?1
                """, cached: true, arguments: [id])
        }
        for index in 0..<orders {
            let id = firstID + Int64(index)
            let customerIndex = Int(random.next() % UInt64(customers))
            let customer = CustomerID(firstID + Int64(customerIndex))
            let (ascii, unicode) = domain(&random, index: index)
            let product = Self.products[Int(random.next() % UInt64(Self.products.count))]
            let status = Self.statuses[Int(random.next() % UInt64(Self.statuses.count))]
            let created = epoch.adding(days: -Int(random.next() % 1000))
            let expires = epoch.adding(days: Int(random.next() % 730) - 60)
            let contact = ContactID(firstID + Int64(customerIndex))
            let order = Order(id: OrderID(id), product: product, domain: DomainName(storedASCII: ascii), customerID: customer,
                              status: status, createdAt: created, expiresAt: expires,
                              contacts: ContactSet(registrant: contact, admin: contact, tech: contact, billing: contact))
            // Every synthetic name is one label under a public suffix: it is its own registrable domain.
            try RecordWriter.insert(order, unicode: unicode, registrable: ascii, db)
            if product == .digitalCertificate {
                let state = CertificateState.timeState(validTo: expires, now: epoch)
                try RecordWriter.insert(CertificateDetails(orderID: order.id, type: .dv, state: state,
                                                           validFrom: expires.adding(days: -365), validTo: expires), db)
                summary.certificates += 1
            }
            if index % 10 == 0 {
                try RecordWriter.insert(Invoice(number: "SYN-\(id)", orderID: order.id, customerID: customer,
                                                amount: Money(stored: 4999, currency: "USD"), status: index % 20 == 0 ? .pending : .paid,
                                                issuedAt: created, dueAt: created.adding(days: Invoice.dueAfterDays)), db)
                summary.invoices += 1
            }
        }
        try AuditLog.record(db, principal: .operator, action: "db.seed.synthetic", subject: "synthetic:\(seed)",
                            summary: "\(orders) orders, \(customers) customers, \(resellerCount) resellers from ID \(firstID)", at: epoch)
        return summary
    }

    /// A unique, valid name: random syllables, the order's index in base 36 (for uniqueness),
    /// a TLD from the list; one name in fifty is an IDN.
    private func domain(_ random: inout SplitMix64, index: Int) -> (ascii: String, unicode: String) {
        let tld = Self.tlds[Int(random.next() % UInt64(Self.tlds.count))]
        let first = Self.syllables[Int(random.next() % UInt64(Self.syllables.count))] + Self.syllables[Int(random.next() % UInt64(Self.syllables.count))]
        let suffix = String(index, radix: 36)
        if random.next() % 50 == 0 {
            let word = Self.idnWords[Int(random.next() % UInt64(Self.idnWords.count))]
            let unicode = "\(word)-\(first)\(suffix).\(tld)"
            let ascii = (try? DomainName(unicode).ascii) ?? "\(first)\(suffix).\(tld)"
            return (ascii, ascii == "\(first)\(suffix).\(tld)" ? ascii : unicode)
        }
        let word = Self.words[Int(random.next() % UInt64(Self.words.count))]
        let ascii = "\(first)-\(word)\(suffix).\(tld)"
        return (ascii, ascii)
    }
}

/// SplitMix64: a tiny, fast, well-distributed PRNG whose output depends only on its seed.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
