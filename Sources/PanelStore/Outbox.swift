import Foundation
import PanelModel

/// The outbox: rendered notifications waiting to be handed to a mail system
/// (`certpanel outbox export --maildir DIR`).
enum Outbox {
    /// Queues one message inside the caller's write transaction.
    static func queue(to recipient: String, subject: String, body: String, orderID: OrderID?, customerID: CustomerID?,
                      invoiceNumber: String?, now: Date, _ db: any SQLConnection) throws -> OutboxMessage {
        let insertedID = try db.insert(sql: """
            INSERT INTO outbox (recipient, subject, body, created_at, order_id, customer_id, invoice_number) VALUES (?, ?, ?, ?, ?, ?, ?)
            """, arguments: [recipient, subject, body, now, orderID?.rawValue, customerID?.rawValue, invoiceNumber])
        return OutboxMessage(id: insertedID, recipient: recipient, subject: subject, body: body, createdAt: now,
                             orderID: orderID)
    }

    /// A condition on `outbox` rows (alias `m`) for what `principal` may read: a customer the
    /// messages about it or to its address, a reseller those about its customers, an operator all.
    static func condition(_ principal: Principal) -> (sql: String, arguments: SQLArguments) {
        switch principal {
        case .operator:
            return ("TRUE", [])
        case .customer(let id):
            return ("(m.customer_id = ? OR lower(m.recipient) = (SELECT username FROM customers WHERE id = ?))",
                    [id.rawValue, id.rawValue])
        case .reseller:
            let scope = Scope.customerCondition(principal, alias: "m")
            return ("(m.customer_id IS NOT NULL AND \(scope.sql))", scope.arguments)
        }
    }
}

extension PanelDatabase {
    /// The messages `principal` may read, newest first; `unsentOnly` leaves out those exported.
    public func outboxMessages(for principal: Principal, unsentOnly: Bool = false) throws -> [OutboxMessage] {
        let scope = Outbox.condition(principal)
        return try read { db in
            try SQLRow.fetchAll(db, sql: """
                SELECT m.* FROM outbox m WHERE \(scope.sql) \(unsentOnly ? "AND m.sent_at IS NULL" : "") ORDER BY m.id DESC
                """, arguments: scope.arguments).map(RowMapping.outboxMessage)
        }
    }
}
