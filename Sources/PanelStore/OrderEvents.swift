import Foundation
import PanelModel

/// The index from orders to the audit entries about them (`order_events`), with the account
/// each order was in when the entry was written: an order's history reads it, scoped by that
/// account. `AuditLog.record` keeps it; entries written before it existed are filled in once.
enum OrderEvents {
    /// Links a new audit entry to its orders: those given (a move names every service it moved),
    /// else the order its subject names (`order:N`, or `transfer:N`'s order). Each link takes
    /// the order's owner as it is now, inside the writer's transaction, after its change.
    static func link(auditID: Int64, subject: String, orders: [OrderID]?, movedFrom: CustomerID?, _ db: any SQLConnection) throws {
        let ids: [Int64]
        if let orders {
            ids = orders.map(\.rawValue)
        } else if let id = number(in: subject, after: "order:") {
            ids = [id]
        } else if let transfer = number(in: subject, after: "transfer:"),
                  let order = try Int64.fetchOne(db, sql: "SELECT order_id FROM transfer_requests WHERE id = ?", arguments: [transfer]) {
            ids = [order]
        } else {
            return
        }
        for id in ids {
            try db.execute(sql: """
                INSERT INTO order_events (order_id, audit_id, customer_id, from_customer_id)
                SELECT id, ?, customer_id, ? FROM orders WHERE id = ?
                ON CONFLICT DO NOTHING
                """, arguments: [auditID, movedFrom?.rawValue, id])
        }
    }

    static func number(in subject: String, after prefix: String) -> Int64? {
        subject.hasPrefix(prefix) ? Int64(subject.dropFirst(prefix.count)) : nil
    }

    // MARK: - Entries written before the index

    /// What an old entry changed about an order's owner.
    enum OwnerChange {
        case moved(from: Int64, to: Int64)
        case transferred
    }

    /// Fills the index for an existing database. Owners are worked out backwards from each
    /// order's current owner: before a move it was the customer the move names as its source;
    /// before a completed internal transfer it is unknown (the entry is then kept for operators).
    static func backfill(_ db: any SQLConnection) throws {
        var perOrder: [Int64: [(audit: Int64, change: OwnerChange?)]] = [:]
        let rows = try SQLRow.fetchAll(db, sql: """
            SELECT id, action, subject, summary FROM audit_log WHERE subject LIKE 'order:%' OR subject LIKE 'transfer:%' ORDER BY id
            """)
        for row in rows {
            let id: Int64 = row["id"], action: String = row["action"], subject: String = row["subject"], summary: String = row["summary"]
            if let order = number(in: subject, after: "order:") {
                if action == "order.move", let move = MoveSummary(summary) {
                    for moved in move.orders.isEmpty ? [order] : move.orders {
                        perOrder[moved, default: []].append((id, .moved(from: move.from, to: move.to)))
                    }
                } else {
                    perOrder[order, default: []].append((id, nil))
                }
            } else if let transfer = number(in: subject, after: "transfer:"),
                      let order = try Int64.fetchOne(db, sql: "SELECT order_id FROM transfer_requests WHERE id = ?", arguments: [transfer]) {
                perOrder[order, default: []].append((id, summary.hasSuffix(": completed") || summary.contains(": completed,") ? .transferred : nil))
            }
        }
        for (order, events) in perOrder {
            guard var owner = try Int64?.fetchOne(db, sql: "SELECT customer_id FROM orders WHERE id = ?", arguments: [order]) else { continue }
            for (audit, change) in events.reversed() {
                var from: Int64?
                if case .moved(let source, let target) = change {
                    owner = target
                    from = source
                }
                try db.execute(sql: "INSERT INTO order_events (order_id, audit_id, customer_id, from_customer_id) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                               arguments: [order, audit, owner, from])
                switch change {
                case .moved(let source, _)?: owner = source
                case .transferred?: owner = nil
                case nil: break
                }
            }
        }
    }

    /// The parts of a move's audit summary: "moved Digital Certificate 1001, Email Hosting 1002
    /// of example.com from customer 100001 to customer 100002 (…)".
    struct MoveSummary: Equatable {
        var orders: [Int64]
        var from: Int64
        var to: Int64

        init?(_ summary: String) {
            guard summary.hasPrefix("moved "), let of = summary.range(of: " of "),
                  let from = summary.range(of: " from customer "), let to = summary.range(of: " to customer ", range: from.upperBound..<summary.endIndex),
                  let source = Int64(summary[from.upperBound...].prefix(while: \.isNumber)),
                  let target = Int64(summary[to.upperBound...].prefix(while: \.isNumber)) else { return nil }
            orders = summary[summary.index(summary.startIndex, offsetBy: 6)..<of.lowerBound]
                .split(separator: ",").compactMap { $0.split(separator: " ").last.flatMap { Int64($0) } }
            self.from = source
            self.to = target
        }
    }
}
