import Foundation
import PanelModel

extension PanelDatabase {
    /// Back to "awaiting CSR" so a new CSR (a new key) can be entered for an issued or expiring
    /// certificate, or for an expired one while its subscription runs on. The current certificate
    /// stays downloadable until the new one is issued: it is still valid and installed on the
    /// customer's server, and taking it away would leave nothing to serve meanwhile. The new
    /// certificate is as long as the validity table allows on its issue day, within the
    /// subscription. Returns the transaction ID.
    public func requestReissue(order id: OrderID, by principal: Principal, now: Date) throws -> String {
        try write { db in
            let record = try Self.reissuableRecord(id, by: principal, now: now, db)
            return try Self.markReissue(record, by: principal, transactionID: TransactionID.make(), now: now, db)
        }
    }

    /// The one-key reissue: the stored CSR signed again (after the panel's confirmation), in one
    /// write transaction: a new certificate, as long as the validity table allows today, never
    /// past the subscription's end. Without a certificate authority it waits in "validating".
    public func reissueWithStoredCSR(order id: OrderID, by principal: Principal, now: Date) throws -> CSRSubmissionResult {
        try write { db in
            let record = try Self.reissuableRecord(id, by: principal, now: now, db)
            guard let pem = record.certificate.csrPEM, let csr = CSRCheck.judge(pem, for: nil).summary else {
                throw PanelError.refused("Order \(id) has no stored CSR to reuse. Paste a new CSR instead: request the reissue (certpanel cert reissue \(id)), then certpanel csr submit \(id) FILE.")
            }
            let transactionID = TransactionID.make()
            _ = try Self.markReissue(record, by: principal, transactionID: transactionID, now: now, db)
            var validating = record
            validating.certificate.state = try CertificateState.awaitingCSR.applying(.csrSubmitted)
            try db.execute(sql: "UPDATE certificates SET state = ? WHERE order_id = ?", arguments: [validating.certificate.state.rawValue, id.rawValue])
            try AuditLog.record(db, transactionID: transactionID, principal: principal, action: "certificate.csr", subject: "order:\(id)",
                                summary: "stored CSR reused (\(csr.subjectLine)); awaiting_csr → validating", at: now)
            switch try CertificateLifecycle.issueOrValidate(validating, principal: principal, transactionID: transactionID, now: now, db) {
            case .issued(let summary, let notAfter):
                return CSRSubmissionResult(orderID: id, purpose: .issue, csr: csr, state: .issued, certificate: summary, validTo: notAfter,
                                           message: "Certificate reissued with the stored CSR, valid until \(notAfter.dayText). Download it with certpanel cert download \(id).",
                                           transactionID: transactionID)
            case .waiting(let message):
                return CSRSubmissionResult(orderID: id, purpose: .issue, csr: csr, state: validating.certificate.state, certificate: nil,
                                           validTo: record.certificate.validTo,
                                           message: message ?? "The stored CSR is being validated; the certificate is issued once validation completes.",
                                           transactionID: transactionID)
            }
        }
    }

    /// The certificate of order `id` if it may be reissued now, or the refusal saying why.
    private static func reissuableRecord(_ id: OrderID, by principal: Principal, now: Date, _ db: any SQLConnection) throws -> CertificateLifecycle.Record {
        guard let record = try CertificateLifecycle.record(id, as: principal, db) else {
            throw try Self.missingCertificate(id, as: principal, db)
        }
        if record.order.status == .suspended {
            throw PanelError.refused("Order \(id) is suspended, so its certificate cannot be reissued. Ask your reseller to unsuspend it first.")
        }
        let certificate = record.certificate
        let current = SSLCertificateRow.displayState(stored: certificate.state, validTo: certificate.validTo, now: now)
        if current == .expired {
            // Within the subscription an expired certificate is simply reissued; after it, only a renewal brings it back.
            guard let subscription = certificate.subscriptionUntil, subscription > now.adding(days: 1) else {
                throw PanelError.refused("The certificate of order \(id) has expired and so has its subscription, so it cannot be reissued. Renew it: pay the renewal invoice and enter a new CSR (certpanel csr submit \(id) FILE).")
            }
        } else {
            _ = try certificate.state.applying(.reissueRequested)
        }
        return record
    }

    /// State awaiting CSR, audited; the current certificate stays downloadable.
    private static func markReissue(_ record: CertificateLifecycle.Record, by principal: Principal, transactionID: String, now: Date,
                                    _ db: any SQLConnection) throws -> String {
        let certificate = record.certificate
        let id = certificate.orderID
        let current = SSLCertificateRow.displayState(stored: certificate.state, validTo: certificate.validTo, now: now)
        let state = try (current == .expired ? CertificateState.expired : certificate.state).applying(.reissueRequested)
        try db.execute(sql: "UPDATE certificates SET state = ? WHERE order_id = ?", arguments: [state.rawValue, id.rawValue])
        return try AuditLog.record(db, transactionID: transactionID, principal: principal, action: "certificate.reissue", subject: "order:\(id)",
                                   summary: "\(certificate.state.rawValue) → \(state.rawValue); serial \(certificate.serialNumber ?? "-") stays downloadable until the new certificate is issued",
                                   at: now)
    }

    /// The PEM of the order's current certificate, if `principal` may see the order.
    public func certificatePEM(order id: OrderID, for principal: Principal) throws -> String {
        try read { db in
            guard let record = try CertificateLifecycle.record(id, as: principal, db) else {
                throw try Self.missingCertificate(id, as: principal, db)
            }
            let certificate = record.certificate
            if certificate.state == .revoked {
                throw PanelError.refused("The certificate of order \(id) was revoked, so it is not offered for download.")
            }
            guard let pem = certificate.certificatePEM else {
                throw PanelError.refused("Order \(id) has no issued certificate yet (state: \(certificate.state.displayName)). It can be downloaded once it is issued; enter a CSR with certpanel csr submit \(id) FILE if it is waiting for one.")
            }
            return pem
        }
    }
}
