import Foundation
import PanelModel

/// A certificate issued by `dcv check` after it found every validation value.
public struct DCVIssued: Codable, Sendable, Hashable {
    public var validTo: Date
    public var serialNumber: String
    public var message: String
    public var transactionID: String
}

extension PanelDatabase {
    /// `dcv check` that acts on what it found: the lookups first (outside any transaction),
    /// then, when every name's value is in place and the certificate waits in "validating"
    /// (a reissue past its validation's reuse period), the certificate issued in one write
    /// transaction with the domain validated now. If anything is missing nothing changes.
    public func checkDomainValidation(order id: OrderID, method: DCVMethod?, for principal: Principal,
                                      lookups: DomainValidationLookups, now: Date) throws -> DCVCheckReport {
        try checkDomainValidation(order: id, method: method, for: principal, resolver: lookups.resolver, fetcher: lookups.fetcher, now: now)
    }

    public func checkDomainValidation(order id: OrderID, method: DCVMethod?, for principal: Principal,
                                      resolver: any DNSResolving, fetcher: any HTTPFetching, now: Date) throws -> DCVCheckReport {
        let detail = try domainValidation(order: id, for: principal)
        var report = try checkDomainValidation(order: id, method: method, for: principal, resolver: resolver, fetcher: fetcher)
        guard report.isComplete, detail.csr == .order else { return report }
        report.issued = try write { db in
            guard let record = try CertificateLifecycle.record(id, as: principal, db), record.certificate.state == .validating,
                  // The values checked are those of the CSR still stored (it may have been replaced meanwhile).
                  let pem = record.certificate.csrPEM, try DCVValues.derive(csrPEM: pem).csrSHA256 == detail.values.csrSHA256 else {
                return nil
            }
            let transactionID = TransactionID.make()
            // Without a certificate authority (only the demo world has one) it waits on, unchanged.
            guard let issued = try CertificateLifecycle.issue(record, validatedAt: now, principal: principal, transactionID: transactionID,
                                                              now: now, db) else { return nil }
            try AuditLog.record(db, transactionID: transactionID, principal: principal, action: "certificate.validation", subject: "order:\(id)",
                                summary: "domain validated by \(report.method.displayName) (\(report.findings.count) names found)", at: now)
            return DCVIssued(validTo: issued.notAfter, serialNumber: issued.summary.serialNumber,
                             message: "Domain validated; certificate issued, valid until \(issued.notAfter.dayText). Download it with certpanel cert download \(id).",
                             transactionID: transactionID)
        }
        return report
    }
}

extension PanelDatabase {
    /// A reseller or operator confirms that the approver answered the validation mail of order
    /// `id` (email method, certificate waiting in "validating"): issued in one write
    /// transaction with the domain validated now, audited (`EmailValidationApproval`).
    public func approveEmailValidation(order id: OrderID, by principal: Principal, now: Date) throws -> DCVIssued {
        try write { db in
            let detail = try Self.domainValidation(id, as: principal, db)
            guard let record = try CertificateLifecycle.record(id, as: principal, db) else { throw PanelError.orderNotFound(id) }
            let byCustomer = if case .customer = principal { true } else { false }
            if let refusal = EmailValidationApproval.refusal(order: id, byCustomer: byCustomer, state: record.certificate.state,
                                                             choice: detail.choice) {
                throw PanelError.refused(refusal)
            }
            let transactionID = TransactionID.make()
            guard let issued = try CertificateLifecycle.issue(record, validatedAt: now, principal: principal, transactionID: transactionID,
                                                              now: now, db) else {
                throw PanelError.refused("The domain of order \(id) is validated, but this database has no certificate authority to issue the certificate (only the demo world has one), so nothing was changed.")
            }
            try AuditLog.record(db, transactionID: transactionID, principal: principal, action: "certificate.validation", subject: "order:\(id)",
                                summary: "domain validated by email (\(detail.choice?.approverEmail ?? "-") answered), confirmed", at: now)
            return DCVIssued(validTo: issued.notAfter, serialNumber: issued.summary.serialNumber,
                             message: "Email validation confirmed; certificate issued, valid until \(issued.notAfter.dayText). Download it with certpanel cert download \(id).",
                             transactionID: transactionID)
        }
    }
}
