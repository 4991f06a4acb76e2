import Foundation
import PanelModel

extension PanelDatabase {
    /// An operator records the payment of a pending invoice. A renewal invoice paid after the
    /// renewal CSR was exchanged renews the certificate in the same transaction.
    public func payInvoice(number: String, by principal: Principal, now: Date) throws -> InvoicePayment {
        if let refusal = InvoicePaymentPolicy.refusal(for: principal) { throw refusal }
        let number = number.trimmingCharacters(in: .whitespaces)
        return try write { db in
            guard var invoice = try SQLRow.fetchOne(db, sql: "SELECT * FROM invoices WHERE number = ?", arguments: [number]).map(RowMapping.invoice) else {
                throw PanelError.notFound("Invoice \(number) not found. Check the number with `certpanel invoices list`.")
            }
            if let refusal = InvoicePaymentPolicy.refusal(paying: invoice) { throw refusal }
            invoice.status = .paid
            invoice.paidAt = now
            try db.execute(sql: "UPDATE invoices SET status = 'paid', paid_at = ? WHERE number = ?", arguments: [now, number])
            let transactionID = try AuditLog.record(db, principal: principal, action: "invoice.paid", subject: "order:\(invoice.orderID)",
                                                    summary: "\(invoice.number) (\(invoice.amount), \(invoice.kind.rawValue)) paid", at: now)
            var renewal: CertificateJobOutcome?
            if invoice.kind == .renewal,
               let record = try CertificateLifecycle.record(invoice.orderID, as: .operator, db),
               record.certificate.renewalInvoiceNumber == invoice.number,
               RenewalPolicy.step(record.snapshot, now: now) == .renew {
                renewal = try CertificateLifecycle.renew(record, principal: principal, transactionID: transactionID, now: now, db)
            }
            return InvoicePayment(invoice: invoice, renewal: renewal, transactionID: transactionID)
        }
    }

    /// The invoices of the orders `principal` may see, newest first.
    public func invoices(for principal: Principal) throws -> [Invoice] {
        let scope = Scope.customerCondition(principal, alias: "i")
        return try read { db in
            try SQLRow.fetchAll(db, sql: "SELECT i.* FROM invoices i WHERE \(scope.sql) ORDER BY i.issued_at DESC, i.number DESC",
                             arguments: scope.arguments).map(RowMapping.invoice)
        }
    }
}
