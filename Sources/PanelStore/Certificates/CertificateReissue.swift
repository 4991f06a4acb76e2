import Foundation
import GRDB
import PanelModel

extension PanelDatabase {
    /// Back to "awaiting CSR" so a new CSR (a new key) can be entered for an issued or expiring
    /// certificate. The current certificate stays downloadable until the new one is issued: it
    /// is still valid and installed on the customer's server, and taking it away would leave
    /// nothing to serve meanwhile. A reissue keeps the paid period (same expiry). Returns the
    /// transaction ID.
    public func requestReissue(order id: OrderID, by principal: Principal, now: Date) throws -> String {
        try write { db in
            guard let record = try CertificateLifecycle.record(id, as: principal, db) else {
                throw try Self.missingCertificate(id, as: principal, db)
            }
            if record.order.status == .suspended {
                throw PanelError.refused("Order \(id) is suspended, so its certificate cannot be reissued. Ask your reseller to unsuspend it first.")
            }
            let certificate = record.certificate
            // A certificate already past its expiry cannot be reissued, whatever its stored state says.
            let current = SSLCertificateRow.displayState(stored: certificate.state, validTo: certificate.validTo, now: now)
            let state = try (current == .expired ? CertificateState.expired : certificate.state).applying(.reissueRequested)
            try db.execute(sql: "UPDATE certificates SET state = ? WHERE order_id = ?", arguments: [state.rawValue, id.rawValue])
            return try AuditLog.record(db, principal: principal, action: "certificate.reissue", subject: "order:\(id)",
                                       summary: "\(certificate.state.rawValue) → \(state.rawValue); serial \(certificate.serialNumber ?? "-") stays downloadable until the new certificate is issued",
                                       at: now)
        }
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
