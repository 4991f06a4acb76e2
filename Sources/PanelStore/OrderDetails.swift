import Foundation
import PanelModel

/// Everything the Order Details view shows about one order.
public struct OrderDetail: Sendable, Equatable {
    public var order: Order
    public var customer: Customer
    public var reseller: Reseller
    /// The four contacts by role; a role without a contact is absent.
    public var contacts: [ContactRole: Contact]
    public var certificate: CertificateDetails?
    public var invoices: [Invoice]
    /// The other orders on the same registrable domain in this customer's account (a
    /// certificate for www.example.co.uk is a service of the domain name example.co.uk).
    public var relatedServices: [Order]
    /// The invoices of the related services.
    public var relatedInvoices: [Invoice]
    /// Why a suspended order was suspended (from the audit entry of its suspension); nil for
    /// an order that is not suspended or whose suspension recorded no reason.
    public var suspensionReason: String? = nil
    /// The registrable domain the order's services are grouped by (`example.co.uk`), in ASCII.
    public var registrableDomain: String = ""

    /// The registrable domain for display (U-labels).
    public var registrableDomainUnicode: String { DomainName(storedASCII: registrableDomain).unicode }

    /// The order-side move problems, each with its fix: what Order Details and `orders show`
    /// list before the form opens. Empty when only the target can still stop the move.
    public func movePreflight(actingAs principal: Principal, now: Date) -> [MoveServicesPolicy.Problem] {
        MoveServicesPolicy.orderProblems(moveSnapshot(actingAs: principal), now: now)
    }

    /// What the move checks read: this order, its domain's services and all their invoices.
    public func moveSnapshot(actingAs principal: Principal) -> MoveServicesPolicy.OrderSnapshot {
        let actingAsCustomer = if case .customer = principal { true } else { false }
        return MoveServicesPolicy.OrderSnapshot(order: order, relatedServices: relatedServices, invoices: invoices + relatedInvoices,
                                                resellerName: reseller.name, actingAsCustomer: actingAsCustomer)
    }
}

extension PanelDatabase {
    /// One order, if `principal` may see it. An order of someone else reads exactly like
    /// one that does not exist.
    public func orderDetail(_ id: OrderID, as principal: Principal) throws -> OrderDetail {
        try read { db in try Self.orderDetail(id, as: principal, db) }
    }

    static func orderDetail(_ id: OrderID, as principal: Principal, _ db: any SQLConnection) throws -> OrderDetail {
        let scope = Scope.customerCondition(principal)
        guard let orderRow = try SQLRow.fetchOne(db, sql: "SELECT o.* FROM orders o WHERE o.id = ? AND \(scope.sql)",
                                              arguments: [id.rawValue] + scope.arguments) else {
            throw PanelError.orderNotFound(id)
        }
        let order = try RowMapping.order(orderRow)
        guard let customerRow = try SQLRow.fetchOne(db, sql: "SELECT * FROM customers WHERE id = ?", arguments: [order.customerID.rawValue]),
              let resellerRow = try SQLRow.fetchOne(db, sql: "SELECT r.* FROM resellers r JOIN customers c ON c.reseller_id = r.id WHERE c.id = ?",
                                                 arguments: [order.customerID.rawValue])
        else { throw PanelError.orderNotFound(id) }

        let contacts = try contactsByRole(order.contacts, db)
        let certificate = try SQLRow.fetchOne(db, sql: "SELECT * FROM certificates WHERE order_id = ?", arguments: [id.rawValue])
            .map(RowMapping.certificate)
        let invoices = try SQLRow.fetchAll(db, sql: "SELECT * FROM invoices WHERE order_id = ? ORDER BY issued_at DESC, number",
                                        arguments: [id.rawValue]).map(RowMapping.invoice)
        let registrable: String = orderRow["registrable_domain"]
        let related = try SQLRow.fetchAll(db, sql: "SELECT * FROM orders WHERE registrable_domain = ? AND customer_id = ? AND id <> ? ORDER BY id",
                                       arguments: [registrable, order.customerID.rawValue, id.rawValue]).map(RowMapping.order)
        let relatedInvoices = try SQLRow.fetchAll(db, sql: """
            SELECT i.* FROM invoices i JOIN orders o ON o.id = i.order_id
            WHERE o.registrable_domain = ? AND o.customer_id = ? AND o.id <> ? ORDER BY i.issued_at DESC, i.number
            """, arguments: [registrable, order.customerID.rawValue, id.rawValue]).map(RowMapping.invoice)
        let suspensionReason = order.status == .suspended ? try SuspensionAudit.latestReason(order: id, db) : nil
        return OrderDetail(order: order, customer: try RowMapping.customer(customerRow), reseller: try RowMapping.reseller(resellerRow),
                           contacts: contacts, certificate: certificate, invoices: invoices, relatedServices: related,
                           relatedInvoices: relatedInvoices, suspensionReason: suspensionReason, registrableDomain: registrable)
    }

    /// A reseller account, for that reseller itself and operators (the header names who is
    /// logged in).
    public func reseller(_ id: ResellerID, as principal: Principal) throws -> Reseller {
        try read { db in
            let visible = switch principal {
            case .operator: true
            case .reseller(let acting): acting == id
            case .customer: false
            }
            guard visible, let row = try SQLRow.fetchOne(db, sql: "SELECT * FROM resellers WHERE id = ?", arguments: [id.rawValue]) else {
                throw PanelError.notFound("Reseller \(id) does not exist.")
            }
            return try RowMapping.reseller(row)
        }
    }

    /// The contacts of a set, by role; a role without a contact is absent.
    static func contactsByRole(_ set: ContactSet, _ db: any SQLConnection) throws -> [ContactRole: Contact] {
        var contacts: [ContactRole: Contact] = [:]
        for role in ContactRole.allCases {
            guard let id = set[role],
                  let row = try SQLRow.fetchOne(db, sql: "SELECT * FROM contacts WHERE id = ?", arguments: [id.rawValue]) else { continue }
            contacts[role] = RowMapping.contact(row)
        }
        return contacts
    }

    /// A customer, if `principal` may see it.
    public func customer(_ id: CustomerID, as principal: Principal) throws -> Customer {
        try read { db in
            guard try Scope.canSee(customer: id, as: principal, db),
                  let row = try SQLRow.fetchOne(db, sql: "SELECT * FROM customers WHERE id = ?", arguments: [id.rawValue])
            else { throw PanelError.customerNotFound(id) }
            return try RowMapping.customer(row)
        }
    }

    /// SQLRow counts per table, for `demo` and `db seed` summaries.
    public func counts() throws -> [String: Int] {
        try read { db in
            var result: [String: Int] = [:]
            for table in ["resellers", "customers", "contacts", "orders", "certificates", "invoices", "transfer_requests"] {
                result[table] = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? 0
            }
            return result
        }
    }
}
