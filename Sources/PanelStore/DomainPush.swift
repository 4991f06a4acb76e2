import Foundation
import PanelModel

/// Seed 003, pushing a domain to another registrar handle. One write transaction (or, in
/// test mode, the same work rolled back): the domain leaves the pusher's account at once,
/// outstanding invoices are credited and re-issued to the gaining account, contact handles
/// change sponsorship (or become unsponsored when other domains of the pusher use them),
/// and the gaining registrar gets a notification, except in test mode.
extension PanelDatabase {
    public struct PushResult: Sendable, Equatable {
        public var succeeded: Bool
        public var message: String
        public var transactionID: String
        public var test: Bool
        /// What happened (or would happen), one line each.
        public var effects: [String]

        /// The seed's response line.
        public var response: String {
            SeedAPIResponse.push(succeeded: succeeded, message: message, transactionID: transactionID)
        }
    }

    public func pushDomain(_ text: String, toHandle handle: String, test: Bool, as principal: Principal,
                           clock: any Clock = SystemClock()) throws -> PushResult {
        guard case .reseller(let pusherID) = principal else {
            throw PanelError.invalidInput("a push is made by the reseller that holds the domain: act as reseller:ID")
        }
        let transactionID = TransactionID.make()
        let now = clock.now
        let attempt: (any SQLConnection) throws -> PushResult = { db in
            try Self.push(text, handle: handle, test: test, pusherID: pusherID, principal: principal, transactionID: transactionID, now: now, db)
        }
        let result = test ? try rehearse(attempt) : try write(attempt)
        if test || !result.succeeded {
            // A rehearsal or a refusal changes nothing but is still audited with its transaction ID.
            try write { db in
                _ = try AuditLog.record(db, transactionID: transactionID, principal: principal, action: test ? "push.test" : "push.refused",
                                        subject: "domain:\(text.lowercased())", summary: "to \(handle): \(result.message)", at: now)
            }
        }
        return result
    }

    private static func push(_ text: String, handle: String, test: Bool, pusherID: ResellerID, principal: Principal, transactionID: String,
                             now: Date, _ db: any SQLConnection) throws -> PushResult {
        func refused(_ refusal: PushPolicy.Refusal) -> PushResult {
            PushResult(succeeded: false, message: refusal.message, transactionID: transactionID, test: test, effects: [])
        }
        let pusher = try reseller(pusherID, db)
        guard let domain = try? DomainName(text) else { return refused(.domainNotFound) }
        let scope = Scope.customerCondition(principal)
        let order = try SQLRow.fetchOne(db, sql: """
            SELECT o.* FROM orders o WHERE o.domain = ? AND o.product = 'domain' AND o.status <> 'deleted' AND \(scope.sql) ORDER BY o.id LIMIT 1
            """, arguments: [domain.ascii] + scope.arguments).map(RowMapping.order)
        let gaining = try SQLRow.fetchOne(db, sql: "SELECT * FROM resellers WHERE registrar_handle = ?", arguments: [handle]).map(RowMapping.reseller)
        if let refusal = PushPolicy.refusal(order: order, pusher: pusher, gainingHandle: handle, gaining: gaining) { return refused(refusal) }
        guard let order, let gaining else { return refused(.domainNotFound) }
        guard let receiver = try accountHolder(of: gaining.id, db) else {
            return PushResult(succeeded: false, message: "Gaining handle '\(handle)' has no account to receive the domain.",
                              transactionID: transactionID, test: test, effects: [])
        }
        var effects: [String] = []

        // 1. Contact handles: sponsorship moves, unless other domains of the pusher use the handle.
        for role in ContactRole.allCases {
            guard let contactID = order.contacts[role] else { continue }
            let usedElsewhere = try Bool.fetchOne(db, sql: """
                SELECT EXISTS (SELECT 1 FROM orders o WHERE o.id <> ? AND o.domain <> ? AND \(scope.sql)
                    AND ? IN (o.registrant_id, o.admin_id, o.tech_id, o.billing_id))
                """, arguments: [order.id.rawValue, domain.ascii] + scope.arguments + [contactID.rawValue]) ?? false
            let sponsor = PushPolicy.sponsorAfterPush(usedByOtherDomainsOfPusher: usedElsewhere, gainingHandle: handle)
            let changed = try SQLRow.fetchOne(db, sql: "SELECT handle, sponsoring_registrar FROM contacts WHERE id = ?", arguments: [contactID.rawValue])
            guard let changed, (changed["sponsoring_registrar"] as String?) != sponsor else { continue }
            try db.execute(sql: "UPDATE contacts SET sponsoring_registrar = ? WHERE id = ?", arguments: [sponsor, contactID.rawValue])
            effects.append("\(role.rawValue) contact \(changed["handle"] as String): " + (sponsor.map { "now sponsored by \($0)" } ?? "unsponsored (used by other domains of \(pusher.registrarHandle))"))
        }
        // 2. Outstanding invoices: credited to the pusher, re-issued to the gaining account.
        let pending = try SQLRow.fetchAll(db, sql: "SELECT * FROM invoices WHERE order_id = ? AND status = 'pending'", arguments: [order.id.rawValue])
            .map(RowMapping.invoice)
        for invoice in pending {
            try db.execute(sql: "UPDATE invoices SET status = 'credited' WHERE number = ?", arguments: [invoice.number])
            let reissued = Invoice(number: "\(invoice.number)-\(handle)", orderID: order.id, customerID: CustomerID(receiver), amount: invoice.amount,
                                   status: .pending, issuedAt: now, dueAt: now.adding(days: Invoice.dueAfterDays))
            try RecordWriter.insert(reissued, db)
            effects.append("invoice \(invoice.number) (\(invoice.amount)) credited; re-issued to \(handle) as \(reissued.number)")
        }
        // 3. The domain leaves the account at once.
        try db.execute(sql: "UPDATE orders SET customer_id = ? WHERE id = ?", arguments: [receiver, order.id.rawValue])
        effects.insert("\(domain.ascii) moved from \(pusher.registrarHandle) to \(handle)", at: 0)
        // 4. The gaining registrar is told (not in test mode).
        if !test {
            try db.execute(sql: "INSERT INTO outbox (recipient, subject, body, created_at) VALUES (?, ?, ?, ?)", arguments: [
                "registrar:\(handle)", "Domain pushed to you: \(domain.ascii)",
                "The domain \(domain.ascii) has been pushed to your registrar account \(handle) by \(pusher.registrarHandle) (\(pusher.name)).\nTransaction-ID: \(transactionID)\n",
                now,
            ])
            effects.append("notification to \(handle) queued")
        }
        try db.execute(sql: """
            INSERT INTO domain_pushes (order_id, domain, from_handle, gaining_handle, test, succeeded, message, transaction_id, at)
            VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?)
            """, arguments: [order.id.rawValue, domain.ascii, pusher.registrarHandle, handle, test, SeedAPIResponse.pushSucceeded, transactionID, now])
        try AuditLog.record(db, transactionID: transactionID, principal: principal, action: "push", subject: "order:\(order.id)",
                            summary: effects.joined(separator: "; "), at: now)
        return PushResult(succeeded: true, message: SeedAPIResponse.pushSucceeded, transactionID: transactionID, test: test, effects: effects)
    }
}
