import Foundation
import PanelModel

extension DemoWorld {
    /// The demo world's suspended orders, with the reason their reseller gave (kept where a
    /// real suspension keeps it: its audit entry).
    static let suspensions: [(order: Int64, reseller: Int64, reason: String)] = [
        (1005, 1, "Chargeback on the renewal payment; unsuspend once it is settled"),
    ]

    static func recordSuspensions(now: Date, _ db: any SQLConnection) throws {
        for suspension in suspensions {
            try AuditLog.record(db, principal: .reseller(ResellerID(suspension.reseller)), action: "order.suspend",
                                subject: "order:\(suspension.order)",
                                summary: SuspensionAudit.summary(from: .active, to: .suspended, reason: suspension.reason),
                                at: now.addingTimeInterval(-3 * 24 * 3600))
        }
    }
}
