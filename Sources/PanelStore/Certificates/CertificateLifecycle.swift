import Foundation
import PanelModel

/// The writes of the certificate lifecycle, shared by the daily job, payments and CSR
/// submission. Each runs inside the caller's write transaction and audits what it changed.
enum CertificateLifecycle {
    /// A certificate with the order it belongs to and its renewal invoice.
    struct Record {
        var certificate: CertificateDetails
        var order: Order
        var renewalInvoice: Invoice?
        /// Whether the order has any invoice (the renewal invoice is priced from the last one).
        var orderHasInvoice: Bool

        var snapshot: RenewalPolicy.Snapshot {
            RenewalPolicy.Snapshot(state: certificate.state, validTo: certificate.validTo, renewalInvoice: renewalInvoice?.status,
                                   hasRenewalCSR: certificate.renewalCSRPEM != nil, canPriceRenewal: orderHasInvoice,
                                   subscriptionUntil: certificate.subscriptionUntil)
        }
    }

    /// The certificate of order `id` if `principal` may see it (nil: missing or someone else's).
    static func record(_ id: OrderID, as principal: Principal, _ db: any SQLConnection) throws -> Record? {
        let scope = Scope.customerCondition(principal)
        return try records(where: "c.order_id = ? AND \(scope.sql)", arguments: [id.rawValue] + scope.arguments, db).first
    }

    /// The certificates the job may have to act on at `now`, on orders that are not deleted:
    /// those expiring within the window (by the `valid_to` index, so a million certificates
    /// far from expiry cost nothing) and those with a renewal CSR waiting.
    static func dueCandidates(now: Date, _ db: any SQLConnection) throws -> [Record] {
        let cutoff = CertificateState.renewalWindowEnd(now: now)
        return try records(where: """
            c.valid_to IS NOT NULL AND o.status <> 'deleted' AND (
                (c.state IN ('issued', 'expiring') AND c.valid_to < ?)
                OR (c.state IN ('expiring', 'expired') AND c.renewal_csr_pem IS NOT NULL))
            """, arguments: [cutoff], db)
    }

    private static func records(where condition: String, arguments: SQLArguments, _ db: any SQLConnection) throws -> [Record] {
        let rows = try SQLRow.fetchAll(db, sql: """
            SELECT c.* FROM certificates c JOIN orders o ON o.id = c.order_id WHERE \(condition) ORDER BY c.order_id
            """, arguments: arguments)
        return try rows.map { row in
            var certificate = try RowMapping.certificate(row)
            guard let orderRow = try SQLRow.fetchOne(db, sql: "SELECT * FROM orders WHERE id = ?", arguments: [certificate.orderID.rawValue]) else {
                throw PanelError.orderNotFound(certificate.orderID)
            }
            let order = try RowMapping.order(orderRow)
            // A row written without one (an older writer) has the order's expiry as its subscription's end.
            if certificate.subscriptionUntil == nil { certificate.subscriptionUntil = order.expiresAt }
            let invoice = try certificate.renewalInvoiceNumber.flatMap {
                try SQLRow.fetchOne(db, sql: "SELECT * FROM invoices WHERE number = ?", arguments: [$0])
            }.map(RowMapping.invoice)
            let orderHasInvoice = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM invoices WHERE order_id = ?)",
                                                    arguments: [certificate.orderID.rawValue]) ?? false
            return Record(certificate: certificate, order: order, renewalInvoice: invoice, orderHasInvoice: orderHasInvoice)
        }
    }

    /// Applies one step of the renewal policy; nil when it could not be done (a renewal
    /// without a certificate authority waits).
    static func apply(_ step: RenewalPolicy.Step, to record: Record, principal: Principal, transactionID: String,
                      now: Date, _ db: any SQLConnection) throws -> CertificateJobOutcome? {
        switch step {
        case .renew:
            return try renew(record, principal: principal, transactionID: transactionID, now: now, db)
        case .expire:
            return try expire(record, principal: principal, transactionID: transactionID, now: now, db)
        case .enterRenewalWindow(let issueInvoice):
            return try enterRenewalWindow(record, issueInvoice: issueInvoice, principal: principal, transactionID: transactionID,
                                          now: now, db)
        }
    }

    private static func setState(_ state: CertificateState, of id: OrderID, _ db: any SQLConnection) throws {
        try db.execute(sql: "UPDATE certificates SET state = ? WHERE order_id = ?", arguments: [state.rawValue, id.rawValue])
    }

    static func expire(_ record: Record, principal: Principal, transactionID: String, now: Date, _ db: any SQLConnection) throws -> CertificateJobOutcome {
        let certificate = record.certificate
        let state = try certificate.state.applying(.expired)
        try setState(state, of: certificate.orderID, db)
        try AuditLog.record(db, transactionID: transactionID, principal: principal, action: "certificate.expired",
                            subject: "order:\(certificate.orderID)",
                            summary: "\(certificate.state.rawValue) → expired; valid until \(certificate.validTo?.dayText ?? "-")", at: now)
        return CertificateJobOutcome(orderID: certificate.orderID, domain: record.order.domain, change: .expired, state: state,
                                     validTo: certificate.validTo, transactionID: transactionID)
    }

    /// State expiring; the invoice for the next period and the customer's notice, each once.
    static func enterRenewalWindow(_ record: Record, issueInvoice: Bool, principal: Principal, transactionID: String,
                                   now: Date, _ db: any SQLConnection) throws -> CertificateJobOutcome {
        let certificate = record.certificate
        let order = record.order
        var state = certificate.state
        var summary: [String] = []
        if state == .issued {
            state = try state.applying(.enteredRenewalWindow)
            try setState(state, of: order.id, db)
            summary.append("issued → expiring, \(certificate.daysLeft(at: now).map(String.init) ?? "?") days left")
        }
        var outcome = CertificateJobOutcome(orderID: order.id, domain: order.domain, change: .renewalWindow, state: state,
                                            validTo: certificate.validTo, transactionID: transactionID)
        if issueInvoice, let validTo = certificate.validTo {
            if let invoice = try renewalInvoice(for: record, validTo: validTo, now: now, db) {
                try db.execute(sql: "UPDATE certificates SET renewal_invoice_number = ? WHERE order_id = ?",
                               arguments: [invoice.number, order.id.rawValue])
                outcome.invoiceNumber = invoice.number
                summary.append("renewal invoice \(invoice.number) (\(invoice.amount), due \(invoice.dueAt.dayText))")
                if let notice = try queueNotice(record, invoice: invoice, validTo: validTo, now: now, db) {
                    outcome.noticeID = notice.id
                    summary.append("notice \(notice.id) to \(notice.recipient)")
                }
            } else {
                outcome.note = "no earlier invoice of order \(order.id) to price the next period; issue the renewal invoice by hand"
                summary.append(outcome.note!)
            }
        }
        if !summary.isEmpty {
            try AuditLog.record(db, transactionID: transactionID, principal: principal, action: "certificate.renewal_window",
                                subject: "order:\(order.id)", summary: summary.joined(separator: "; "), at: now)
        }
        return outcome
    }

    /// The invoice for the next period: a pending invoice the order already has is taken as
    /// it (so a certificate loaded as expiring with one is never billed twice); otherwise a new
    /// one at the amount of the order's last invoice, due in 10 days. Nil when nothing says
    /// what the period costs.
    private static func renewalInvoice(for record: Record, validTo: Date, now: Date, _ db: any SQLConnection) throws -> Invoice? {
        let order = record.order
        if var pending = try SQLRow.fetchOne(db, sql: """
            SELECT * FROM invoices WHERE order_id = ? AND status = 'pending' ORDER BY issued_at DESC, number DESC LIMIT 1
            """, arguments: [order.id.rawValue]).map(RowMapping.invoice) {
            if pending.kind != .renewal {
                try db.execute(sql: "UPDATE invoices SET kind = 'renewal' WHERE number = ?", arguments: [pending.number])
                pending.kind = .renewal
            }
            return pending
        }
        guard let last = try SQLRow.fetchOne(db, sql: """
            SELECT * FROM invoices WHERE order_id = ? ORDER BY issued_at DESC, number DESC LIMIT 1
            """, arguments: [order.id.rawValue]).map(RowMapping.invoice) else { return nil }
        let invoice = Invoice(number: RenewalPolicy.invoiceNumber(order: order.id, validTo: validTo), orderID: order.id,
                              customerID: order.customerID, amount: last.amount, status: .pending, issuedAt: now,
                              dueAt: now.adding(days: Invoice.dueAfterDays), kind: .renewal)
        try RecordWriter.insert(invoice, db)
        return invoice
    }

    /// The renewal email to the customer's address, unless this invoice already has one.
    private static func queueNotice(_ record: Record, invoice: Invoice, validTo: Date, now: Date, _ db: any SQLConnection) throws -> OutboxMessage? {
        let already = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM outbox WHERE invoice_number = ?)", arguments: [invoice.number]) ?? false
        guard !already,
              let customerRow = try SQLRow.fetchOne(db, sql: "SELECT * FROM customers WHERE id = ?", arguments: [record.order.customerID.rawValue])
        else { return nil }
        let customer = try RowMapping.customer(customerRow)
        let notice = RenewalNotice(domain: record.order.domain, orderID: record.order.id, customerID: customer.id,
                                   customerName: customer.name, validTo: validTo, invoice: invoice)
        return try Outbox.queue(to: customer.username.value, subject: notice.subject, body: notice.body, orderID: record.order.id,
                                customerID: customer.id, invoiceNumber: invoice.number, now: now, db)
    }

    /// Signs the stored CSR of a validating certificate with the database's authority (which
    /// simulates validation): valid from now for as long as the validity table allows on this
    /// day, never past the subscription's end (a first issue and a reissue alike). A first issue
    /// on an order whose subscription already ended starts one period from now, as before
    /// subscriptions. `validatedAt` is the domain validation it is issued on (now, or the one a
    /// reissue reuses: `ValidationReuse`). Nil (it stays validating) without an authority.
    static func issue(_ record: Record, validatedAt: Date, principal: Principal, transactionID: String, now: Date,
                      _ db: any SQLConnection) throws -> (summary: CertificateSummary, notAfter: Date)? {
        let certificate = record.certificate
        guard certificate.state == .validating, let csr = certificate.csrPEM else { return nil }
        let reissue = certificate.certificatePEM != nil
        var subscription = certificate.subscriptionUntil ?? record.order.expiresAt
        let newPeriod = subscription <= now.adding(days: 1)
        if newPeriod { subscription = now.adding(days: RenewalPolicy.periodDays) }
        let notAfter = CertificateValidityTable.notAfter(issuedAt: now, subscriptionUntil: subscription)
        let state = try certificate.state.applying(.validated)
        guard let issued = try CertificateAuthorityStore.issue(csrPEM: csr, notBefore: now, notAfter: notAfter, db) else { return nil }
        try db.execute(sql: """
            UPDATE certificates SET state = ?, certificate_pem = ?, serial = ?, valid_from = ?, valid_to = ?, subscription_until = ?,
                validated_at = ?
            WHERE order_id = ?
            """, arguments: [state.rawValue, issued.pem, issued.serialHex, issued.notBefore, issued.notAfter, subscription,
                             validatedAt, certificate.orderID.rawValue])
        if newPeriod {
            try db.execute(sql: "UPDATE orders SET expires_at = ? WHERE id = ?", arguments: [subscription, certificate.orderID.rawValue])
        }
        let rule = CertificateValidityTable.rule(on: now)
        try AuditLog.record(db, transactionID: transactionID, principal: principal, action: "certificate.issued",
                            subject: "order:\(certificate.orderID)",
                            summary: "validating → issued (\(reissue ? "reissue" : "first issue")); serial \(issued.serialHex); valid until \(issued.notAfter.dayText) (at most \(rule.maxValidityDays) days when issued); subscription until \(subscription.dayText); domain validated \(validatedAt.dayText)",
                            at: now)
        return (try CertificateSummary(pem: issued.pem), issued.notAfter)
    }

    /// The subscription renewed for one more period from its old end, and a new certificate
    /// from the renewal CSR for it, as long as the validity table allows today.
    /// Nil (nothing changes) when there is no certificate authority to sign it.
    static func renew(_ record: Record, principal: Principal, transactionID: String, now: Date, _ db: any SQLConnection) throws -> CertificateJobOutcome? {
        let certificate = record.certificate
        guard let csr = certificate.renewalCSRPEM, let validTo = certificate.validTo else { return nil }
        let state = try certificate.state.applying(.renewed)
        let oldSubscription = max(certificate.subscriptionUntil ?? validTo, validTo)
        let subscription = RenewalPolicy.renewedSubscriptionUntil(oldSubscription)
        guard let issued = try CertificateAuthorityStore.issue(csrPEM: csr, notBefore: now,
                                                               notAfter: RenewalPolicy.renewedValidTo(subscriptionUntil: oldSubscription, now: now),
                                                               db) else { return nil }
        let newValidTo = issued.notAfter
        try db.execute(sql: """
            UPDATE certificates SET state = ?, csr_pem = ?, renewal_csr_pem = NULL, certificate_pem = ?, serial = ?,
                valid_from = ?, valid_to = ?, renewal_invoice_number = NULL, subscription_until = ?, validated_at = ?
            WHERE order_id = ?
            """, arguments: [state.rawValue, csr, issued.pem, issued.serialHex, issued.notBefore, newValidTo, subscription,
                             now, certificate.orderID.rawValue])
        // The order's expiry is the subscription's; an order that had expired with it is active again.
        try db.execute(sql: "UPDATE orders SET expires_at = ?, status = CASE WHEN status = 'expired' THEN 'active' ELSE status END WHERE id = ?",
                       arguments: [subscription, certificate.orderID.rawValue])
        try AuditLog.record(db, transactionID: transactionID, principal: principal, action: "certificate.renewed",
                            subject: "order:\(certificate.orderID)",
                            summary: "\(certificate.state.rawValue) → issued; invoice \(record.renewalInvoice?.number ?? "-") paid; serial \(issued.serialHex); subscription until \(subscription.dayText) (was \(oldSubscription.dayText)); certificate valid until \(newValidTo.dayText)",
                            at: now)
        return CertificateJobOutcome(orderID: certificate.orderID, domain: record.order.domain, change: .renewed, state: state,
                                     validTo: newValidTo, invoiceNumber: record.renewalInvoice?.number, transactionID: transactionID)
    }
}
