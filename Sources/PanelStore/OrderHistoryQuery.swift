import Foundation
import PanelModel

extension PanelDatabase {
    /// Every event of one order that `principal` may read, in time order: its audit entries
    /// (moves, suspensions, CSRs, issues, reissues, renewals, transfers, pushes, payments), its
    /// invoices and its notices. An order someone else owns reads like one that does not exist;
    /// of an order it owns, a customer reads the events of its own account (see `OrderHistory`).
    public func orderHistory(_ id: OrderID, as principal: Principal) throws -> [OrderHistoryEvent] {
        try read { db in
            let scope = Scope.customerCondition(principal)
            guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM orders o WHERE o.id = ? AND \(scope.sql))",
                                    arguments: [id.rawValue] + scope.arguments) == true else {
                throw PanelError.orderNotFound(id)
            }
            let eventScope = Scope.customerCondition(principal, alias: "e")
            let auditRows = try SQLRow.fetchAll(db, sql: """
                SELECT a.*, e.from_customer_id FROM order_events e JOIN audit_log a ON a.id = e.audit_id
                WHERE e.order_id = ? AND \(eventScope.sql) ORDER BY a.id
                """, arguments: [id.rawValue] + eventScope.arguments)
            var audited: [OrderHistoryEvent] = []
            for row in auditRows {
                let entry = AuditEntry(id: row["id"], transactionID: row["transaction_id"], principal: row["principal"],
                                       action: row["action"], subject: row["subject"], summary: row["summary"], at: row["at"])
                let from: Int64? = row["from_customer_id"]
                let canSeeFrom = try from.map { try Scope.canSee(customer: CustomerID($0), as: principal, db) } ?? true
                audited.append(OrderHistory.event(entry, viewer: .init(principal: principal, canSeeFromCustomer: canSeeFrom)))
            }
            // Payments recorded through the panel are in the audit log already (whoever's account
            // they were in); older ones are known only from the invoice.
            let paidSummaries = try String.fetchAll(db, sql: """
                SELECT a.summary FROM order_events e JOIN audit_log a ON a.id = e.audit_id WHERE e.order_id = ? AND a.action = 'invoice.paid'
                """, arguments: [id.rawValue])
            let invoices = try SQLRow.fetchAll(db, sql: "SELECT * FROM invoices WHERE order_id = ? ORDER BY issued_at, number",
                                            arguments: [id.rawValue]).map(RowMapping.invoice)
            let billed = invoices.flatMap { invoice in
                OrderHistory.events(of: invoice, paymentAudited: paidSummaries.contains { $0.hasPrefix(invoice.number + " ") })
            }
            let notices = Outbox.condition(principal)
            let noticed = try SQLRow.fetchAll(db, sql: "SELECT m.* FROM outbox m WHERE m.order_id = ? AND \(notices.sql) ORDER BY m.id",
                                           arguments: [id.rawValue] + notices.arguments).map(RowMapping.outboxMessage).map(OrderHistory.event)
            return OrderHistory.merged(audited, billed, noticed)
        }
    }
}
