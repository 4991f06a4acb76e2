import Foundation
import PanelModel

/// Transaction IDs in the seeds' form: 32 lower-case hex digits (`e2ca01ad7135e787a5e97ad5b421ed74`).
public enum TransactionID {
    public static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<16).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }
}

enum AuditLog {
    /// Appends one audit entry inside the caller's write transaction, linked to the orders it is
    /// about (`orders`, else the one its subject names) for their history; a move also names the
    /// customer the orders came from.
    @discardableResult
    static func record(_ db: any SQLConnection, transactionID: String = TransactionID.make(), principal: Principal,
                       action: String, subject: String, summary: String, at: Date,
                       orders: [OrderID]? = nil, movedFrom: CustomerID? = nil) throws -> String {
        let auditID = try db.insert(sql: """
            INSERT INTO audit_log (transaction_id, principal, action, subject, summary, at) VALUES (?, ?, ?, ?, ?, ?)
            """, arguments: [transactionID, principal.description, action, subject, summary, at])
        try OrderEvents.link(auditID: auditID, subject: subject, orders: orders, movedFrom: movedFrom, db)
        return transactionID
    }
}

extension PanelDatabase {
    /// The audit entries about `subject` (or all, newest first), for operators and tests.
    public func auditEntries(subject: String? = nil, limit: Int = 100) throws -> [AuditEntry] {
        try read { db in
            let rows = try SQLRow.fetchAll(db, sql: """
                SELECT * FROM audit_log WHERE (CAST(?1 AS TEXT) IS NULL OR subject = ?1) ORDER BY id DESC LIMIT ?2
                """, arguments: [subject, limit])
            return rows.map {
                AuditEntry(id: $0["id"], transactionID: $0["transaction_id"], principal: $0["principal"],
                           action: $0["action"], subject: $0["subject"], summary: $0["summary"], at: $0["at"])
            }
        }
    }
}
