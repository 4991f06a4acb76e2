import Foundation
import PanelModel

extension CertificateLifecycle {
    enum IssueAttempt {
        case issued(summary: CertificateSummary, notAfter: Date)
        /// Not issued: without an authority (message nil), or a reissue whose domain validation
        /// is past its reuse period (the message says the dates and what to do).
        case waiting(message: String?)
    }

    /// A validating certificate issued if its domain validation allows it now
    /// (`ValidationReuse`): a first issue validates now; a reissue reuses the validation of its
    /// current certificate within the reuse period, and past it stays validating (audited) until
    /// `dcv check` finds the values. Runs inside the caller's write transaction.
    static func issueOrValidate(_ record: Record, principal: Principal, transactionID: String, now: Date,
                                _ db: any SQLConnection) throws -> IssueAttempt {
        let certificate = record.certificate
        // A row from before validation dates were kept was validated when its certificate was issued.
        let validatedAt = certificate.validatedAt ?? certificate.validFrom
        switch ValidationReuse.decide(isReissue: certificate.certificatePEM != nil, validatedAt: validatedAt, now: now) {
        case .issue(let validatedAt):
            guard let issued = try issue(record, validatedAt: validatedAt, principal: principal, transactionID: transactionID, now: now, db) else {
                return .waiting(message: nil)
            }
            return .issued(summary: issued.summary, notAfter: issued.notAfter)
        case .validateAgain(let validatedAt, let until):
            try AuditLog.record(db, transactionID: transactionID, principal: principal, action: "certificate.validation",
                                subject: "order:\(certificate.orderID)",
                                summary: "domain validation of \(validatedAt.dayText) reusable until \(until.dayText): the reissue waits in validating for dcv check",
                                at: now)
            return .waiting(message: ValidationReuse.validateAgainMessage(order: certificate.orderID, validatedAt: validatedAt, reusableUntil: until))
        }
    }
}
