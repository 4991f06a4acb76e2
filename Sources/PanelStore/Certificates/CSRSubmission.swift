import Foundation
import PanelModel

extension PanelDatabase {
    /// A customer (or its reseller, or an operator) enters a CSR for a certificate order, in one
    /// write transaction. The CSR is judged against the order's names; a refused or unreadable
    /// one throws every problem (one per line) and writes nothing. Accepted while awaiting a CSR
    /// (stored as the CSR, then validating, and with the demo CA issued at once) or while
    /// expiring with a renewal invoice (stored as the renewal CSR; renewed at once if paid).
    /// The input is never stored or logged: only the canonical PEM of an accepted CSR and its
    /// decoded subject are (a pasted private key is refused before anything reads it).
    public func submitCSR(_ text: String, order id: OrderID, by principal: Principal, now: Date) throws -> CSRSubmissionResult {
        try write { db in
            guard let record = try CertificateLifecycle.record(id, as: principal, db) else {
                throw try Self.missingCertificate(id, as: principal, db)
            }
            let certificate = record.certificate
            let requirement = CSRRequirement(domain: record.order.domain.ascii, type: certificate.type,
                                             additionalNames: certificate.additionalNames)
            let verdict = CSRCheck.judge(text, for: requirement)
            let problems = verdict.problems.map(\.message).joined(separator: "\n")
            // A pasted private key is the first thing to hear about, whatever the state: it must be replaced.
            if verdict.problems.contains(where: { $0.code == "private_key" }) { throw PanelError.refused(problems) }
            let entry = CSREntry.decide(order: id, orderStatus: record.order.status, state: certificate.state,
                                        renewalInvoice: record.renewalInvoice,
                                        subscriptionContinues: certificate.validTo.map {
                                            ReissueSchedule.subscriptionContinues(validTo: $0, subscriptionUntil: certificate.subscriptionUntil)
                                        } ?? false)
            guard let purpose = entry.purpose else { throw PanelError.refused(entry.refusal ?? "No CSR can be entered now.") }

            guard verdict.isReadable else { throw PanelError.invalidInput(problems) }
            guard verdict.isAccepted, let pem = verdict.canonicalPEM, let csr = verdict.summary else { throw PanelError.refused(problems) }

            let transactionID = TransactionID.make()
            let described = "\(csr.subjectLine); \(csr.keyDescription); \(csr.signatureAlgorithm)"
            switch purpose {
            case .issue:
                let state = try certificate.state.applying(.csrSubmitted)
                try db.execute(sql: "UPDATE certificates SET state = ?, csr_pem = ? WHERE order_id = ?",
                               arguments: [state.rawValue, pem, id.rawValue])
                try AuditLog.record(db, transactionID: transactionID, principal: principal, action: "certificate.csr",
                                    subject: "order:\(id)", summary: "CSR accepted (\(described)); \(certificate.state.rawValue) → \(state.rawValue)", at: now)
                var validating = record
                validating.certificate.state = state
                validating.certificate.csrPEM = pem
                switch try CertificateLifecycle.issueOrValidate(validating, principal: principal, transactionID: transactionID, now: now, db) {
                case .issued(let summary, let notAfter):
                    return CSRSubmissionResult(orderID: id, purpose: purpose, csr: csr, state: .issued, certificate: summary,
                                               validTo: notAfter,
                                               message: "Certificate issued, valid until \(notAfter.dayText). Download it with certpanel cert download \(id).",
                                               transactionID: transactionID)
                case .waiting(let message):
                    return CSRSubmissionResult(orderID: id, purpose: purpose, csr: csr, state: state, certificate: nil, validTo: certificate.validTo,
                                               message: message ?? "The CSR is being validated; the certificate is issued once validation completes.",
                                               transactionID: transactionID)
                }
            case .renewal:
                try db.execute(sql: "UPDATE certificates SET renewal_csr_pem = ? WHERE order_id = ?", arguments: [pem, id.rawValue])
                try AuditLog.record(db, transactionID: transactionID, principal: principal, action: "certificate.renewal_csr",
                                    subject: "order:\(id)", summary: "renewal CSR accepted (\(described))", at: now)
                var exchanged = record
                exchanged.certificate.renewalCSRPEM = pem
                let invoice = record.renewalInvoice
                if RenewalPolicy.step(exchanged.snapshot, now: now) == .renew,
                   let renewal = try CertificateLifecycle.renew(exchanged, principal: principal, transactionID: transactionID, now: now, db) {
                    let summary = try SQLRow.fetchOne(db, sql: "SELECT certificate_pem FROM certificates WHERE order_id = ?", arguments: [id.rawValue])
                        .flatMap { ($0["certificate_pem"] as String?) }.map { try CertificateSummary(pem: $0) }
                    return CSRSubmissionResult(orderID: id, purpose: purpose, csr: csr, state: renewal.state, certificate: summary,
                                               validTo: renewal.validTo,
                                               message: "Certificate renewed, valid until \(renewal.validTo?.dayText ?? "-"). Download it with certpanel cert download \(id).",
                                               transactionID: transactionID)
                }
                let waiting = invoice?.status == .paid
                    ? "The renewal CSR is stored; the certificate is renewed as soon as the certificate authority signs it."
                    : "The renewal CSR is stored; the certificate is renewed once invoice \(invoice?.number ?? "-") is paid."
                return CSRSubmissionResult(orderID: id, purpose: purpose, csr: csr, state: certificate.state, certificate: nil,
                                           validTo: certificate.validTo, message: waiting, transactionID: transactionID)
            }
        }
    }

    /// Order `id` is not a visible certificate order: not found, or not a Digital Certificate order.
    static func missingCertificate(_ id: OrderID, as principal: Principal, _ db: any SQLConnection) throws -> PanelError {
        let scope = Scope.customerCondition(principal)
        guard let product = try String.fetchOne(db, sql: "SELECT o.product FROM orders o WHERE o.id = ? AND \(scope.sql)",
                                                arguments: [id.rawValue] + scope.arguments).flatMap(Product.init(rawValue:)) else {
            return PanelError.orderNotFound(id)
        }
        if product == .digitalCertificate {
            return PanelError.refused("Order \(id) has no certificate details yet, so no CSR can be entered. Ask your reseller to complete the order.")
        }
        return PanelError.invalidInput("Order \(id) is a \(product.displayName) order; certificates belong to Digital Certificate orders (certpanel ssl status lists yours).")
    }
}
