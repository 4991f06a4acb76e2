import Foundation
import PanelModel

/// A suspension's reason is kept in the audit entry that records it
/// ("active → suspended: REASON"); Order Details reads it back from there.
enum SuspensionAudit {
    static func summary(from old: OrderStatus, to new: OrderStatus, reason: String) -> String {
        "\(old.rawValue) → \(new.rawValue): \(reason.trimmingCharacters(in: .whitespacesAndNewlines))"
    }

    /// The reason of the order's latest suspension, if one was recorded.
    static func latestReason(order id: OrderID, _ db: any SQLConnection) throws -> String? {
        guard let summary = try String.fetchOne(db, sql: """
            SELECT summary FROM audit_log WHERE subject = ? AND action = ? ORDER BY id DESC LIMIT 1
            """, arguments: ["order:\(id)", "order.\(SuspensionPolicy.Change.suspend.rawValue)"]),
              let separator = summary.range(of: ": ") else { return nil }
        let reason = summary[separator.upperBound...]
        return reason.isEmpty ? nil : String(reason)
    }
}
