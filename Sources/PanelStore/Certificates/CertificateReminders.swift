import Foundation
import PanelModel

/// Issue 16's escalating reminders: before a certificate expires, its customer gets one email
/// at each of the reseller's reminder days (default 30, 14, 7, 1), for a reissue within a
/// subscription that runs on, or for the renewal at its end. Each reminder is one row of
/// `certificate_reminders`, keyed by certificate, expiry and threshold: a second run, or the
/// next day's, finds it and sends nothing again.
enum CertificateReminders {
    /// Sends the reminders due at `now`, inside the job's write transaction.
    static func send(now: Date, principal: Principal, _ db: any SQLConnection) throws -> [CertificateJobOutcome] {
        let settings = try ReminderSettings.all(db)
        let longest = settings.values.reduce(ExpiryReminderDays.standard.days.max() ?? 30) { max($0, $1.days.max() ?? 0) }
        // Through the valid_to index: only certificates within the longest reminder period are read.
        let rows = try SQLRow.fetchAll(db, sql: """
            SELECT c.*, o.domain, o.expires_at AS order_expires_at, o.customer_id, cu.reseller_id, cu.name AS customer_name,
                   cu.username AS customer_username
            FROM certificates c JOIN orders o ON o.id = c.order_id JOIN customers cu ON cu.id = o.customer_id
            WHERE c.valid_to IS NOT NULL AND c.valid_to > ? AND c.valid_to < ?
              AND c.state IN ('issued', 'expiring', 'awaiting_csr')
              AND o.status NOT IN ('deleted', 'pending_delete', 'suspended')
            ORDER BY c.order_id
            """, arguments: [now, now.startOfUTCDay.adding(days: longest + 1)])
        var outcomes: [CertificateJobOutcome] = []
        for row in rows {
            let certificate = try RowMapping.certificate(row)
            guard let validTo = certificate.validTo else { continue }
            let subscription = certificate.subscriptionUntil ?? (row["order_expires_at"] as Date?)
            let kind: ExpiryReminderKind = ReissueSchedule.subscriptionContinues(validTo: validTo, subscriptionUntil: subscription) ? .reissue : .renewal
            let reseller: Int64 = row["reseller_id"]
            let days = settings[reseller] ?? .standard
            let daysLeft = now.calendarDays(until: validTo)
            // When the renewal notice went out, it reminded of every threshold it had reached.
            let noticeSent = try kind == .renewal ? certificate.renewalInvoiceNumber.flatMap {
                try Date.fetchOne(db, sql: "SELECT created_at FROM outbox WHERE invoice_number = ?", arguments: [$0])
            } : nil
            guard let threshold = ExpiryReminderPolicy.dueThreshold(daysLeft: daysLeft, kind: kind, settings: days,
                                                                    noticeDaysLeft: noticeSent.map { $0.calendarDays(until: validTo) })
            else { continue }
            let sent = try Bool.fetchOne(db, sql: """
                SELECT EXISTS (SELECT 1 FROM certificate_reminders WHERE order_id = ? AND valid_to = ? AND threshold_days = ?)
                """, arguments: [certificate.orderID.rawValue, validTo, threshold]) ?? false
            if sent { continue }
            let invoice = try certificate.renewalInvoiceNumber.flatMap {
                try SQLRow.fetchOne(db, sql: "SELECT * FROM invoices WHERE number = ?", arguments: [$0])
            }.map(RowMapping.invoice)
            // A renewal paid with its CSR in waits only for the authority: nothing to remind of.
            if kind == .renewal, invoice?.status == .paid, certificate.renewalCSRPEM != nil { continue }
            let domain = DomainName(storedASCII: row["domain"])
            let customer = CustomerID(row["customer_id"])
            let reminder = ExpiryReminder(kind: kind, domain: domain, orderID: certificate.orderID, customerID: customer,
                                          customerName: row["customer_name"], validTo: validTo, daysLeft: daysLeft,
                                          subscriptionUntil: subscription, renewalInvoice: invoice)
            let message = try Outbox.queue(to: row["customer_username"], subject: reminder.subject, body: reminder.body,
                                           orderID: certificate.orderID, customerID: customer, invoiceNumber: nil, now: now, db)
            try db.execute(sql: """
                INSERT INTO certificate_reminders (order_id, valid_to, threshold_days, kind, outbox_id, sent_at) VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [certificate.orderID.rawValue, validTo, threshold, kind.rawValue, message.id, now])
            let transactionID = try AuditLog.record(db, principal: principal, action: "certificate.reminder", subject: "order:\(certificate.orderID)",
                                                    summary: "\(kind.rawValue) reminder (\(threshold)-day), \(daysLeft) days before \(validTo.dayText); notice \(message.id) to \(message.recipient)",
                                                    at: now)
            var outcome = CertificateJobOutcome(orderID: certificate.orderID, domain: domain, change: .reminder, state: certificate.state,
                                                validTo: validTo, noticeID: message.id, transactionID: transactionID)
            outcome.reminderKind = kind
            outcome.reminderDays = threshold
            outcomes.append(outcome)
        }
        return outcomes
    }
}

/// Each reseller's reminder days; a reseller without a row has the standard 30, 14, 7, 1.
enum ReminderSettings {
    static func all(_ db: any SQLConnection) throws -> [Int64: ExpiryReminderDays] {
        var settings: [Int64: ExpiryReminderDays] = [:]
        for row in try SQLRow.fetchAll(db, sql: "SELECT reseller_id, days FROM reseller_reminder_days") {
            // A row that no longer parses (edited by hand) falls back to the standard days rather than stopping the job.
            settings[row["reseller_id"]] = (try? ExpiryReminderDays(parsing: row["days"])) ?? .standard
        }
        return settings
    }
}

extension PanelDatabase {
    /// The reminder days of reseller `id`, for that reseller (or one above it) or an operator.
    public func expiryReminderDays(reseller id: ResellerID, for principal: Principal) throws -> ExpiryReminderDays {
        try read { db in
            try Self.requireReminderAccess(id, principal, db)
            return try String.fetchOne(db, sql: "SELECT days FROM reseller_reminder_days WHERE reseller_id = ?", arguments: [id.rawValue])
                .flatMap { try? ExpiryReminderDays(parsing: $0) } ?? .standard
        }
    }

    /// Sets the reminder days of reseller `id`, audited with the old and new days; returns the transaction ID.
    public func setExpiryReminderDays(_ days: ExpiryReminderDays, reseller id: ResellerID, by principal: Principal, now: Date) throws -> String {
        try write { db in
            try Self.requireReminderAccess(id, principal, db)
            let old = try String.fetchOne(db, sql: "SELECT days FROM reseller_reminder_days WHERE reseller_id = ?", arguments: [id.rawValue])
                ?? ExpiryReminderDays.standard.text
            try db.execute(sql: """
                INSERT INTO reseller_reminder_days (reseller_id, days) VALUES (?, ?)
                ON CONFLICT(reseller_id) DO UPDATE SET days = excluded.days
                """, arguments: [id.rawValue, days.text])
            return try AuditLog.record(db, principal: principal, action: "reseller.reminder_days", subject: "reseller:\(id)",
                                       summary: "expiry reminder days \(old) → \(days.text)", at: now)
        }
    }

    /// Customers are refused; a reseller may read and set its own days and those of resellers below it.
    private static func requireReminderAccess(_ id: ResellerID, _ principal: Principal, _ db: any SQLConnection) throws {
        switch principal {
        case .customer:
            throw PanelError.refused("Only a reseller or an operator can read or change the expiry reminder days.")
        case .operator:
            guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM resellers WHERE id = ?)", arguments: [id.rawValue]) == true else {
                throw PanelError.notFound("Reseller \(id) does not exist.")
            }
        case .reseller(let acting):
            let visible = try Bool.fetchOne(db, sql: """
                WITH RECURSIVE tree(id) AS (SELECT ? UNION SELECT r.id FROM resellers r JOIN tree ON r.parent_id = tree.id)
                SELECT EXISTS (SELECT 1 FROM tree WHERE id = ?)
                """, arguments: [acting.rawValue, id.rawValue]) ?? false
            guard visible else { throw PanelError.notFound("Reseller \(id) does not exist or is not yours.") }
        }
    }
}
