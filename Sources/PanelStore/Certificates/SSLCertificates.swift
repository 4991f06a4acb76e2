import Foundation
import PanelModel

extension PanelDatabase {
    /// Every Digital Certificate order `principal` may see (deleted ones aside), by order ID,
    /// with its state as it reads at `now` and its invoice counts.
    public func sslCertificates(for principal: Principal, now: Date) throws -> [SSLCertificateRow] {
        let scope = Scope.customerCondition(principal)
        return try read { db in
            try SQLRow.fetchAll(db, sql: """
                SELECT c.*, o.domain, o.customer_id, o.expires_at AS order_expires_at,
                       (SELECT COUNT(*) FROM invoices i WHERE i.order_id = o.id) AS invoices_issued,
                       (SELECT COUNT(*) FROM invoices i WHERE i.order_id = o.id AND i.status = 'paid') AS invoices_paid
                FROM certificates c JOIN orders o ON o.id = c.order_id
                WHERE o.product = 'digital_certificate' AND o.status <> 'deleted' AND \(scope.sql)
                ORDER BY o.id
                """, arguments: scope.arguments).map { row in try Self.sslRow(row, now: now) }
        }
    }

    /// One certificate in full, if `principal` may see its order.
    public func sslCertificateDetail(order id: OrderID, for principal: Principal, now: Date) throws -> SSLCertificateDetail {
        try read { db in
            guard let record = try CertificateLifecycle.record(id, as: principal, db) else {
                throw try Self.missingCertificate(id, as: principal, db)
            }
            let certificate = record.certificate
            let invoices = try SQLRow.fetchAll(db, sql: "SELECT * FROM invoices WHERE order_id = ? ORDER BY issued_at DESC, number DESC",
                                            arguments: [id.rawValue]).map(RowMapping.invoice)
            let row = SSLCertificateRow(
                orderID: id, domain: record.order.domain, customerID: record.order.customerID, type: certificate.type,
                state: SSLCertificateRow.displayState(stored: certificate.state, validTo: certificate.validTo, now: now),
                storedState: certificate.state, validTo: certificate.validTo, daysLeft: certificate.daysLeft(at: now),
                invoicesIssued: invoices.count, invoicesPaid: invoices.filter { $0.status == .paid }.count,
                subscriptionUntil: certificate.subscriptionUntil, nextReissueDue: certificate.nextReissueDue)
            // Stored PEMs were checked when they were written; one that no longer reads shows as absent.
            return SSLCertificateDetail(
                row: row, additionalNames: certificate.additionalNames,
                certificate: certificate.certificatePEM.flatMap { try? CertificateSummary(pem: $0) },
                csr: certificate.csrPEM.flatMap { CSRCheck.judge($0, for: nil).summary },
                renewalCSR: certificate.renewalCSRPEM.flatMap { CSRCheck.judge($0, for: nil).summary },
                renewalInvoiceNumber: certificate.renewalInvoiceNumber, invoices: invoices,
                csrEntry: CSREntry.decide(order: id, orderStatus: record.order.status, state: certificate.state,
                                          renewalInvoice: record.renewalInvoice,
                                          subscriptionContinues: certificate.validTo.map {
                                              ReissueSchedule.subscriptionContinues(validTo: $0, subscriptionUntil: certificate.subscriptionUntil)
                                          } ?? false),
                validatedAt: certificate.validatedAt,
                validationStatus: certificate.validatedAt.map { ValidationReuse.statusLine(validatedAt: $0, now: now) })
        }
    }

    static func sslRow(_ row: SQLRow, now: Date) throws -> SSLCertificateRow {
        var certificate = try RowMapping.certificate(row)
        if certificate.subscriptionUntil == nil { certificate.subscriptionUntil = row["order_expires_at"] }
        return SSLCertificateRow(
            orderID: certificate.orderID, domain: DomainName(storedASCII: row["domain"]), customerID: CustomerID(row["customer_id"]),
            type: certificate.type,
            state: SSLCertificateRow.displayState(stored: certificate.state, validTo: certificate.validTo, now: now),
            storedState: certificate.state, validTo: certificate.validTo, daysLeft: certificate.daysLeft(at: now),
            invoicesIssued: row["invoices_issued"], invoicesPaid: row["invoices_paid"],
            subscriptionUntil: certificate.subscriptionUntil, nextReissueDue: certificate.nextReissueDue)
    }
}
