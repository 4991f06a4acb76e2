import Foundation
import PanelModel

/// What the SSL Certificates screen asks for: a state (as it reads now), an order, and how
/// many rows. Filtering and sorting happen in SQL, so an operator's 300,000 certificates cost
/// a count and one page, not 300,000 rows.
public struct SSLCertificateQuery: Sendable, Equatable {
    public enum Sort: String, CaseIterable, Sendable {
        /// Fewest days left first; not yet issued last.
        case daysLeft
        case orderID
    }

    public var state: CertificateState?
    public var sort: Sort
    public var limit: Int
    /// Only certificates not yet past their expiry whose DAYS LEFT is at most this.
    public var expiringWithinDays: Int?

    public init(state: CertificateState? = nil, sort: Sort = .daysLeft, limit: Int = 500, expiringWithinDays: Int? = nil) {
        self.state = state
        self.sort = sort
        self.limit = limit
        self.expiringWithinDays = expiringWithinDays
    }
}

public struct SSLCertificatePage: Sendable, Equatable {
    /// At most `limit` rows, in the query's order.
    public var rows: [SSLCertificateRow]
    /// How many match in all.
    public var total: Int
}

extension PanelDatabase {
    /// Inside a Task, cancelling the Task stops the read (`CancellationError`).
    public func sslCertificatePage(_ query: SSLCertificateQuery, for principal: Principal, now: Date) throws -> SSLCertificatePage {
        let scope = Scope.customerCondition(principal)
        var condition = "o.product = 'digital_certificate' AND o.status <> 'deleted' AND \(scope.sql)"
        var arguments = scope.arguments
        if let state = query.state {
            // `SSLCertificateRow.displayState` in SQL (a test holds the two together): an issued or
            // expiring certificate reads as expired from its expiry on, as expiring inside the window.
            condition += """
                 AND (CASE WHEN c.state IN ('issued', 'expiring') AND c.valid_to IS NOT NULL AND c.valid_to <= ? THEN 'expired'
                           WHEN c.state IN ('issued', 'expiring') AND c.valid_to IS NOT NULL AND c.valid_to < ? THEN 'expiring'
                           ELSE c.state END) = ?
                """
            arguments += [now, CertificateState.renewalWindowEnd(now: now), state.rawValue]
        }
        if let days = query.expiringWithinDays {
            // `Certificate.daysLeft` in SQL: calendar days, so the end is a UTC midnight.
            condition += " AND c.valid_to IS NOT NULL AND c.valid_to > ? AND c.valid_to < ?"
            arguments += [now, now.startOfUTCDay.adding(days: days + 1)]
        }
        let order = switch query.sort {
        case .daysLeft: "c.valid_to IS NULL, c.valid_to, o.id"
        case .orderID: "o.id"
        }
        // An operator's 300,000 certificates take a while to count: a stale page stops.
        return try cancellableRead { db in
            let total = try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM certificates c JOIN orders o ON o.id = c.order_id WHERE \(condition)
                """, arguments: arguments) ?? 0
            let rows = try SQLRow.fetchAll(db, sql: """
                SELECT c.*, o.domain, o.customer_id, o.expires_at AS order_expires_at,
                       (SELECT COUNT(*) FROM invoices i WHERE i.order_id = o.id) AS invoices_issued,
                       (SELECT COUNT(*) FROM invoices i WHERE i.order_id = o.id AND i.status = 'paid') AS invoices_paid
                FROM certificates c JOIN orders o ON o.id = c.order_id
                WHERE \(condition) ORDER BY \(order) LIMIT ?
                """, arguments: arguments + [max(0, query.limit)]).map { try Self.sslRow($0, now: now) }
            return SSLCertificatePage(rows: rows, total: total)
        }
    }
}
