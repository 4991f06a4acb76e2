import Foundation
import PanelModel

/// An order's domain-control validation: the values its CSR needs and the method chosen.
public struct DomainValidationDetail: Codable, Sendable, Hashable {
    public enum CSRSource: String, Codable, Sendable {
        /// The order's CSR.
        case order
        /// The CSR exchanged for the renewal, which is validated next.
        case renewal
    }

    public var orderID: OrderID
    public var domain: DomainName
    public var csr: CSRSource
    public var values: DCVValues
    /// Nil until a method is chosen.
    public var choice: DCVChoice?
    public var chosenAt: Date?
}

/// A method change: the choice before and after, and the audit entry's transaction.
public struct DCVMethodChange: Codable, Sendable, Hashable {
    public var orderID: OrderID
    public var previous: DCVChoice?
    public var choice: DCVChoice
    /// Nil when the choice was already stored: nothing was written.
    public var transactionID: String?

    public var message: String {
        guard transactionID != nil else { return "Order \(orderID) already validates by \(choice.text); nothing changed." }
        let from = previous.map { " (was \($0.text))" } ?? ""
        return "Order \(orderID) now validates by \(choice.text)\(from)."
    }
}

extension PanelDatabase {
    /// The validation values of order `id`'s CSR (the renewal CSR while one waits), if
    /// `principal` may see the order. Not found (3) for someone else's or a deleted order;
    /// refused (1) while the order has no CSR.
    public func domainValidation(order id: OrderID, for principal: Principal) throws -> DomainValidationDetail {
        try read { db in try Self.domainValidation(id, as: principal, db) }
    }

    /// Stores the validation method for order `id`'s CSR in one write transaction, audited as
    /// `certificate.dcv_method`. Choosing the stored method again writes nothing.
    public func chooseDCVMethod(_ method: DCVMethod, email: String? = nil, order id: OrderID, by principal: Principal,
                                now: Date) throws -> DCVMethodChange {
        try write { db in
            let detail = try Self.domainValidation(id, as: principal, db)
            let choice = try DCVMethodPolicy.decide(method, email: email, for: detail.values)
            guard choice != detail.choice else { return DCVMethodChange(orderID: id, previous: detail.choice, choice: choice, transactionID: nil) }
            try db.execute(sql: """
                INSERT INTO dcv_methods (order_id, method, approver_email, chosen_at) VALUES (?, ?, ?, ?)
                ON CONFLICT(order_id) DO UPDATE SET method = excluded.method, approver_email = excluded.approver_email,
                                                    chosen_at = excluded.chosen_at
                """, arguments: [id.rawValue, choice.method.rawValue, choice.approverEmail, now])
            let transactionID = try AuditLog.record(db, principal: principal, action: "certificate.dcv_method", subject: "order:\(id)",
                                                    summary: "validation method \(detail.choice?.text ?? "none") → \(choice.text)", at: now)
            return DCVMethodChange(orderID: id, previous: detail.choice, choice: choice, transactionID: transactionID)
        }
    }

    static func domainValidation(_ id: OrderID, as principal: Principal, _ db: any SQLConnection) throws -> DomainValidationDetail {
        let scope = Scope.customerCondition(principal)
        guard let row = try SQLRow.fetchOne(db, sql: """
            SELECT o.domain, o.product, c.order_id AS certificate, c.csr_pem, c.renewal_csr_pem,
                   d.method, d.approver_email, d.chosen_at
            FROM orders o LEFT JOIN certificates c ON c.order_id = o.id LEFT JOIN dcv_methods d ON d.order_id = o.id
            WHERE o.id = ? AND o.status <> 'deleted' AND \(scope.sql)
            """, arguments: [id.rawValue] + scope.arguments) else {
            throw PanelError.orderNotFound(id)
        }
        let product = (row["product"] as String?).flatMap(Product.init(rawValue:)) ?? .domain
        guard product == .digitalCertificate else {
            throw PanelError.invalidInput("Order \(id) is a \(product.displayName) order; domain validation belongs to Digital Certificate orders (certpanel ssl status lists yours).")
        }
        guard (row["certificate"] as Int64?) != nil else {
            throw PanelError.refused("Order \(id) has no certificate details yet, so there is nothing to validate. Ask your reseller to complete the order.")
        }
        let renewalCSR: String? = row["renewal_csr_pem"]
        guard let pem = renewalCSR ?? row["csr_pem"] else {
            throw PanelError.refused("Order \(id) has no CSR yet, so there is nothing to validate. Enter one first: certpanel csr submit \(id) FILE.")
        }
        let method = (row["method"] as String?).flatMap(DCVMethod.init(rawValue:))
        return DomainValidationDetail(orderID: id, domain: DomainName(storedASCII: row["domain"]), csr: renewalCSR != nil ? .renewal : .order,
                                      values: try DCVValues.derive(csrPEM: pem),
                                      choice: method.map { DCVChoice(method: $0, approverEmail: row["approver_email"]) },
                                      chosenAt: row["chosen_at"])
    }
}
