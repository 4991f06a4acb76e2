import Foundation
import PanelModel

extension PanelDatabase {
    /// Seed 004's time-driven work at `now`, in one write transaction: certificates within 30
    /// days of the end of their subscription become expiring with one invoice for the next
    /// period and one notice to the customer; those past expiry expire; those paid with a CSR
    /// exchanged are renewed. Then the expiry reminders due (reissue within the subscription,
    /// or renewal at its end), each once.
    /// Running it twice does nothing twice: each step changes what the next run reads, and
    /// the renewal invoice and its notice are keyed by order, period and invoice.
    @discardableResult
    public func runCertificateJobs(now: Date) throws -> [CertificateJobOutcome] {
        try write { db in
            var outcomes: [CertificateJobOutcome] = []
            for record in try CertificateLifecycle.dueCandidates(now: now, db) {
                var snapshot = record.snapshot
                while let step = RenewalPolicy.step(snapshot, now: now) {
                    if let outcome = try CertificateLifecycle.apply(step, to: record, principal: .operator,
                                                                    transactionID: TransactionID.make(), now: now, db) {
                        outcomes.append(outcome)
                        break
                    }
                    // Only a renewal can wait (no authority to sign it); the rest of the policy still applies.
                    guard step == .renew else { break }
                    snapshot.hasRenewalCSR = false
                }
            }
            outcomes += try CertificateReminders.send(now: now, principal: .operator, db)
            return outcomes
        }
    }
}
