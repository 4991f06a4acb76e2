import Foundation
import PanelModel

/// A fixture turned into model values, ready to insert.
extension ConvertedFixture {
    /// Writes every record, parents first: `db load` and the fixture fuzzer insert the same way.
    func insert(_ db: any SQLConnection) throws {
        for reseller in resellers { try RecordWriter.insert(reseller, db) }
        for (customer, hash) in customers { try RecordWriter.insert(customer, passwordHash: hash, db) }
        for contact in contacts { try RecordWriter.insert(contact, db) }
        for order in orders { try RecordWriter.insert(order, db) }
        for certificate in certificates { try RecordWriter.insert(certificate, db) }
        for invoice in invoices { try RecordWriter.insert(invoice, db) }
        for (request, hash) in transferRequests { try RecordWriter.insert(request, authCodeHash: hash, db) }
    }
}

struct ConvertedFixture {
    var resellers: [Reseller] = []
    var customers: [(Customer, passwordHash: String?)] = []
    var contacts: [Contact] = []
    var orders: [Order] = []
    var certificates: [CertificateDetails] = []
    var invoices: [Invoice] = []
    var transferRequests: [(InternalTransferRequest, authCodeHash: String?)] = []
}

/// Validates every record of a fixture against the file itself and the database it goes
/// into. The first problem stops the conversion with an error naming the record and the
/// field, such as `orders[3].domain: "exa mple.com" is not a valid domain name (…)`.
/// Indexes count from 0, as in jq.
struct FixtureConverter {
    let db: any SQLConnection
    /// Password and auth code hashes, computed before the write transaction (they are slow).
    let passwordHashes: [Int: String]
    let authCodeHashes: [Int: String]

    private var resellerIDs: Set<Int64> = []
    private var customerIDs: [Int64: Int64] = [:]        // customer → reseller, from the file
    private var contactOwners: [Int64: Int64] = [:]      // contact → owner, from the file
    private var orders: [Int64: Order] = [:]             // from the file

    init(db: any SQLConnection, passwordHashes: [Int: String], authCodeHashes: [Int: String]) {
        self.db = db
        self.passwordHashes = passwordHashes
        self.authCodeHashes = authCodeHashes
    }

    mutating func convert(_ file: FixtureFile) throws -> ConvertedFixture {
        var out = ConvertedFixture()
        var handles: Set<String> = []
        for (index, record) in file.resellers.enumerated() {
            let path = "resellers[\(index)]"
            try checkNewID(record.id, table: "resellers", seen: resellerIDs.contains(record.id), path: path, what: "reseller")
            let products = try record.products.enumerated().map { productIndex, text in
                try value("\(path).products[\(productIndex)]") {
                    guard let product = Product(lenient: text) else {
                        throw PanelError.invalidInput("\"\(text)\" is not a product (use one of \(Product.allCases.map(\.rawValue).joined(separator: ", ")))")
                    }
                    return product
                }
            }
            try require(!record.name.trimmingCharacters(in: .whitespaces).isEmpty, "\(path).name", "the name is empty")
            try require(Reseller.isValidHandle(record.registrarHandle), "\(path).registrarHandle",
                        "\"\(record.registrarHandle)\" is not a registrar handle (expected H followed by digits, such as H12345)")
            let handleTaken = try handles.contains(record.registrarHandle)
                || exists("SELECT 1 FROM resellers WHERE registrar_handle = ?", [record.registrarHandle])
            try require(!handleTaken, "\(path).registrarHandle", "the handle \(record.registrarHandle) is already used by another reseller")
            handles.insert(record.registrarHandle)
            let renew = try enumValue(InternalTransferRenewSetting.self, record.internalTransferRenew ?? "default", "\(path).internalTransferRenew")
            resellerIDs.insert(record.id)
            out.resellers.append(Reseller(id: ResellerID(record.id), name: record.name, parentID: record.parent.map(ResellerID.init),
                                          products: Set(products), registrarHandle: record.registrarHandle,
                                          refusesPushes: record.refusesPushes ?? false, internalTransferRenew: renew,
                                          usesRegistryAccountManagement: record.registryAccountManagement ?? false))
        }
        // Parents are checked once every reseller of the file is known, so order does not matter.
        for (index, record) in file.resellers.enumerated() {
            guard let parent = record.parent else { continue }
            let path = "resellers[\(index)].parent"
            try require(parent != record.id, path, "a reseller cannot be its own parent")
            try require(try resellerExists(parent), path, "reseller \(parent) does not exist in this file or the database")
            var seen: Set<Int64> = [record.id]
            var cursor: Int64? = parent
            while let current = cursor, let next = file.resellers.first(where: { $0.id == current }) {
                try require(!seen.contains(current), path, "the parent chain of reseller \(record.id) loops back to itself")
                seen.insert(current)
                cursor = next.parent
            }
        }

        var usernames: Set<String> = []
        for (index, record) in file.customers.enumerated() {
            let path = "customers[\(index)]"
            try checkNewID(record.id, table: "customers", seen: customerIDs[record.id] != nil, path: path, what: "customer")
            let username = try value("\(path).username") { try EmailAddress(record.username) }
            let usernameTaken = try usernames.contains(username.value)
                || exists("SELECT 1 FROM customers WHERE \(db.equalsIgnoringCase("username"))", [username.value])
            try require(!usernameTaken, "\(path).username", "the username \(username) is already used by another customer")
            usernames.insert(username.value)
            try require(!record.name.trimmingCharacters(in: .whitespaces).isEmpty, "\(path).name", "the name is empty")
            let status = try enumValue(CustomerStatus.self, record.status ?? "active", "\(path).status")
            try require(try resellerExists(record.reseller), "\(path).reseller", "reseller \(record.reseller) does not exist in this file or the database")
            customerIDs[record.id] = record.reseller
            out.customers.append((Customer(id: CustomerID(record.id), username: username, name: record.name, status: status,
                                           resellerID: ResellerID(record.reseller), defaultContacts: ContactSet()),
                                  passwordHashes[index]))
        }

        for (index, record) in file.contacts.enumerated() {
            let path = "contacts[\(index)]"
            try checkNewID(record.id, table: "contacts", seen: contactOwners[record.id] != nil, path: path, what: "contact")
            try require(!record.handle.isEmpty && record.handle.count <= 32 && !record.handle.contains(" "), "\(path).handle",
                        "\"\(record.handle)\" is not a contact handle (1 to 32 characters, no spaces)")
            let handleTaken = try out.contacts.contains { $0.handle == record.handle }
                || exists("SELECT 1 FROM contacts WHERE handle = ?", [record.handle])
            try require(!handleTaken, "\(path).handle", "the handle \(record.handle) is already used by another contact")
            try require(try customerExists(record.owner), "\(path).owner", "customer \(record.owner) does not exist in this file or the database")
            try require(!record.name.trimmingCharacters(in: .whitespaces).isEmpty, "\(path).name", "the name is empty")
            let email = try value("\(path).email") { try EmailAddress(record.email) }
            let country = try value("\(path).country") { try CountryCode(record.country) }
            try require(Contact.isValidPhone(record.phone), "\(path).phone",
                        "\"\(record.phone)\" is not a phone number in +CC.NUMBER form (such as +49.301234567)")
            if let sponsor = record.sponsoringRegistrar {
                try require(Reseller.isValidHandle(sponsor), "\(path).sponsoringRegistrar",
                            "\"\(sponsor)\" is not a registrar handle (expected H followed by digits, such as H12345)")
            }
            contactOwners[record.id] = record.owner
            out.contacts.append(Contact(id: ContactID(record.id), handle: record.handle, ownerID: CustomerID(record.owner),
                                        name: record.name, organisation: record.organisation, email: email, country: country,
                                        phone: record.phone, sponsoringRegistrar: record.sponsoringRegistrar,
                                        isCEDContact: record.cedContact ?? false))
        }

        // Default contacts now that every contact of the file is known.
        for (index, record) in file.customers.enumerated() {
            guard let defaults = record.defaultContacts else { continue }
            out.customers[index].0.defaultContacts = try contactSet(defaults, owner: record.id, path: "\(path(index, "customers")).defaultContacts")
        }

        for (index, record) in file.orders.enumerated() {
            let path = "orders[\(index)]"
            try checkNewID(record.id, table: "orders", seen: orders[record.id] != nil, path: path, what: "order")
            let product = try value("\(path).product") {
                guard let product = Product(lenient: record.product) else {
                    throw PanelError.invalidInput("\"\(record.product)\" is not a product (use one of \(Product.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
                return product
            }
            let domain = try value("\(path).domain") { try DomainName(record.domain) }
            try require(try customerExists(record.customer), "\(path).customer", "customer \(record.customer) does not exist in this file or the database")
            let status = try enumValue(OrderStatus.self, record.status ?? "active", "\(path).status")
            let created = try date(record.created, "\(path).created")
            let expires = try date(record.expires, "\(path).expires")
            try require(expires > created, "\(path).expires", "the expiry \(record.expires) is not after the creation date \(record.created)")
            let moneyBack = try record.moneyBackUntil.map { try date($0, "\(path).moneyBackUntil") }
            let contacts = try record.contacts.map { try contactSet($0, owner: nil, path: "\(path).contacts") } ?? ContactSet()
            let order = Order(id: OrderID(record.id), product: product, domain: domain, customerID: CustomerID(record.customer),
                              status: status, createdAt: created, expiresAt: expires, moneyBackUntil: moneyBack,
                              transferLock: record.transferLock ?? false, processingAction: record.processing, contacts: contacts)
            orders[record.id] = order
            out.orders.append(order)
        }

        var certificateOrders: Set<Int64> = []
        for (index, record) in file.certificates.enumerated() {
            let path = "certificates[\(index)]"
            let order = try require(try orderProductAndCustomer(record.order), "\(path).order",
                                    "order \(record.order) does not exist in this file or the database")
            try require(order.product == .digitalCertificate, "\(path).order",
                        "order \(record.order) is a \(order.product.displayName) order; certificates belong to Digital Certificate orders")
            let duplicate = try certificateOrders.contains(record.order) || exists("SELECT 1 FROM certificates WHERE order_id = ?", [record.order])
            try require(!duplicate, "\(path).order", "order \(record.order) already has certificate details")
            certificateOrders.insert(record.order)
            let type = try enumValue(CertificateType.self, record.type, "\(path).type")
            let state = try enumValue(CertificateState.self, record.state, "\(path).state")
            let from = try record.validFrom.map { try date($0, "\(path).validFrom") }
            let to = try record.validTo.map { try date($0, "\(path).validTo") }
            if let from, let to { try require(to > from, "\(path).validTo", "validTo is not after validFrom") }
            if [.issued, .expiring, .expired].contains(state) {
                try require(to != nil, "\(path).validTo", "a certificate that is \(state.rawValue) needs validTo")
            }
            // What `cert download` and `ssl show` will print must be a certificate and a CSR.
            if let csr = record.csr {
                let verdict = CSRCheck.judge(csr, for: nil)
                try require(verdict.summary != nil, "\(path).csr", "not a readable CSR in PEM form: \(verdict.problems.first?.message ?? "")")
            }
            if let certificate = record.certificate {
                _ = try value("\(path).certificate") { try CertificateSummary(pem: certificate) }
            }
            out.certificates.append(CertificateDetails(orderID: OrderID(record.order), type: type, state: state, csrPEM: record.csr,
                                                       certificatePEM: record.certificate, validFrom: from, validTo: to,
                                                       additionalNames: record.additionalNames ?? []))
        }

        var invoiceNumbers: Set<String> = []
        for (index, record) in file.invoices.enumerated() {
            let path = "invoices[\(index)]"
            try require(!record.number.isEmpty && !record.number.contains(" "), "\(path).number", "the invoice number is empty or has spaces")
            let duplicate = try invoiceNumbers.contains(record.number) || exists("SELECT 1 FROM invoices WHERE number = ?", [record.number])
            try require(!duplicate, "\(path).number", "invoice \(record.number) already exists")
            invoiceNumbers.insert(record.number)
            let order = try require(try orderProductAndCustomer(record.order), "\(path).order",
                                    "order \(record.order) does not exist in this file or the database")
            let amount = try value("\(path).amount") { try Money(minorUnits: record.amount, currency: record.currency) }
            let status = try enumValue(InvoiceStatus.self, record.status, "\(path).status")
            let issued = try date(record.issued, "\(path).issued")
            let due = try date(record.due, "\(path).due")
            try require(due >= issued, "\(path).due", "the due date is before the issue date")
            out.invoices.append(Invoice(number: record.number, orderID: OrderID(record.order), customerID: order.customer,
                                        amount: amount, status: status, issuedAt: issued, dueAt: due))
        }

        for (index, record) in file.transferRequests.enumerated() {
            let path = "transferRequests[\(index)]"
            let taken = try out.transferRequests.contains { $0.0.id.rawValue == record.id }
                || exists("SELECT 1 FROM transfer_requests WHERE id = ?", [record.id])
            try require(record.id > 0 && !taken, "\(path).id", record.id > 0 ? "transfer request \(record.id) already exists" : "an ID must be a positive number")
            let order = try require(try orderProductAndCustomer(record.order), "\(path).order",
                                    "order \(record.order) does not exist in this file or the database")
            try require(order.product == .domain, "\(path).order", "order \(record.order) is not a Domain order; internal transfers move domains")
            try require(try resellerExists(record.from), "\(path).from", "reseller \(record.from) does not exist in this file or the database")
            try require(try resellerExists(record.to), "\(path).to", "reseller \(record.to) does not exist in this file or the database")
            try require(record.from != record.to, "\(path).to", "a domain cannot be transferred to the reseller that already holds it")
            try require(try resellerOf(customer: order.customer) == record.from, "\(path).from",
                        "reseller \(record.from) does not hold order \(record.order); `from` is the current reseller")
            if let receiver = record.toCustomer {
                try require(try resellerOf(customer: CustomerID(receiver)) == record.to, "\(path).toCustomer",
                            "customer \(receiver) is not a customer of reseller \(record.to), the gaining reseller")
            }
            let state = try enumValue(InternalTransferState.self, record.state ?? "pending", "\(path).state")
            let requested = try date(record.requested, "\(path).requested")
            let decided = try record.decided.map { try date($0, "\(path).decided") }
            let request = InternalTransferRequest(id: TransferRequestID(record.id), domain: order.domain, orderID: OrderID(record.order),
                                                  fromResellerID: ResellerID(record.from), toResellerID: ResellerID(record.to),
                                                  toCustomerID: record.toCustomer.map(CustomerID.init), withAuthCode: record.authCode != nil, noRenew: record.noRenew ?? false, state: state,
                                                  requestedAt: requested, decidedAt: decided)
            out.transferRequests.append((request, authCodeHashes[index]))
        }
        return out
    }

    // MARK: - Helpers

    private func path(_ index: Int, _ section: String) -> String { "\(section)[\(index)]" }

    private func value<T>(_ path: String, _ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as PanelError {
            throw PanelError.invalidInput("\(path): \(error.message)")
        } catch {
            throw PanelError.invalidInput("\(path): \(error)")
        }
    }

    private func require(_ condition: Bool, _ path: String, _ message: String) throws {
        if !condition { throw PanelError.invalidInput("\(path): \(message)") }
    }

    private func require<T>(_ value: T?, _ path: String, _ message: String) throws -> T {
        guard let value else { throw PanelError.invalidInput("\(path): \(message)") }
        return value
    }

    private func enumValue<T: RawRepresentable & CaseIterable>(_ type: T.Type, _ text: String, _ path: String) throws -> T where T.RawValue == String {
        guard let value = T(rawValue: text) else {
            throw PanelError.invalidInput("\(path): \"\(text)\" is not one of \(T.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return value
    }

    private func date(_ text: String, _ path: String) throws -> Date {
        guard let date = FixtureDates.parse(text) else {
            throw PanelError.invalidInput("\(path): \"\(text)\" is not a date (use 2026-12-01 or 2026-12-01T09:30:00Z)")
        }
        return date
    }

    private func checkNewID(_ id: Int64, table: String, seen: Bool, path: String, what: String) throws {
        try require(id > 0, "\(path).id", "an ID must be a positive number")
        let taken = try seen || exists("SELECT 1 FROM \(table) WHERE id = ?", [id])
        try require(!taken, "\(path).id", "\(what) \(id) already exists")
    }

    private func exists(_ sql: String, _ arguments: SQLArguments) throws -> Bool {
        try SQLRow.fetchOne(db, sql: sql, arguments: arguments) != nil
    }

    private func resellerExists(_ id: Int64) throws -> Bool {
        try resellerIDs.contains(id) || exists("SELECT 1 FROM resellers WHERE id = ?", [id])
    }

    private func customerExists(_ id: Int64) throws -> Bool {
        try customerIDs[id] != nil || exists("SELECT 1 FROM customers WHERE id = ?", [id])
    }

    private func resellerOf(customer: CustomerID) throws -> Int64? {
        if let reseller = customerIDs[customer.rawValue] { return reseller }
        return try Int64.fetchOne(db, sql: "SELECT reseller_id FROM customers WHERE id = ?", arguments: [customer.rawValue])
    }

    private func orderProductAndCustomer(_ id: Int64) throws -> (product: Product, customer: CustomerID, domain: DomainName)? {
        if let order = orders[id] { return (order.product, order.customerID, order.domain) }
        guard let row = try SQLRow.fetchOne(db, sql: "SELECT product, customer_id, domain FROM orders WHERE id = ?", arguments: [id]),
              let product = Product(rawValue: row["product"]) else { return nil }
        return (product, CustomerID(row["customer_id"]), DomainName(storedASCII: row["domain"]))
    }

    private func contactOwner(_ id: Int64) throws -> Int64? {
        if let owner = contactOwners[id] { return owner }
        return try Int64.fetchOne(db, sql: "SELECT owner_id FROM contacts WHERE id = ?", arguments: [id])
    }

    /// Contacts by role; each must exist, and when `owner` is given, belong to that customer.
    private func contactSet(_ record: FixtureFile.ContactsRecord, owner: Int64?, path: String) throws -> ContactSet {
        func check(_ id: Int64?, _ role: String) throws -> ContactID? {
            guard let id else { return nil }
            let actualOwner = try require(try contactOwner(id), "\(path).\(role)", "contact \(id) does not exist in this file or the database")
            if let owner {
                try require(actualOwner == owner, "\(path).\(role)", "contact \(id) belongs to customer \(actualOwner), not to customer \(owner)")
            }
            return ContactID(id)
        }
        return ContactSet(registrant: try check(record.registrant, "registrant"), admin: try check(record.admin, "admin"),
                          tech: try check(record.tech, "tech"), billing: try check(record.billing, "billing"))
    }
}
