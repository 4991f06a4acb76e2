import Foundation

/// The days before a certificate's expiry on which its customer is reminded, per reseller
/// (default 30, 14, 7 and 1). Stored as "30,14,7,1".
public struct ExpiryReminderDays: Sendable, Equatable, Codable {
    public static let standard = ExpiryReminderDays(validated: [30, 14, 7, 1])
    public static let allowed = 1...365

    /// Distinct, longest first.
    public private(set) var days: [Int]

    private init(validated days: [Int]) { self.days = days }

    /// "30,14,7,1" (spaces allowed, any order, at least one day, each 1 to 365).
    public init(parsing text: String) throws(PanelError) {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        var days: Set<Int> = []
        for part in parts {
            guard let day = Int(part), Self.allowed.contains(day) else {
                throw .invalidInput("\"\(part)\" is not a number of days from 1 to 365. Give the days before expiry as a comma-separated list, e.g. 30,14,7,1.")
            }
            days.insert(day)
        }
        guard !days.isEmpty, days.count <= 10 else {
            throw .invalidInput("Give one to ten days before expiry as a comma-separated list, e.g. 30,14,7,1.")
        }
        self.days = days.sorted(by: >)
    }

    public var text: String { days.map(String.init).joined(separator: ",") }
}

/// What a reminder is about: a reissue within a subscription that runs on, or the renewal
/// of the subscription itself (seed 004's renewal).
public enum ExpiryReminderKind: String, Codable, Sendable {
    case reissue
    case renewal
}

public enum ExpiryReminderPolicy {
    /// The threshold whose reminder is due for a certificate with `daysLeft` calendar days left,
    /// or nil. Only the tightest threshold reached is sent (after a pause in the job, one
    /// reminder, not three); each (certificate, threshold) once, which the store keys on.
    /// Renewals start with seed 004's 30-day notice and invoice, which is their first reminder:
    /// thresholds of 30 days or more are not sent again for them, nor those the notice already
    /// reached (`noticeDaysLeft`: the days left when it went out, e.g. 12 for a certificate
    /// that entered its window late; its 14-day reminder would repeat the notice).
    public static func dueThreshold(daysLeft: Int, kind: ExpiryReminderKind, settings: ExpiryReminderDays,
                                    noticeDaysLeft: Int? = nil) -> Int? {
        guard daysLeft >= 0 else { return nil }
        let thresholds = settings.days.filter {
            kind == .reissue || ($0 < CertificateState.expiringWindowDays && $0 < (noticeDaysLeft ?? Int.max))
        }
        return thresholds.filter { daysLeft <= $0 }.min()
    }
}

/// The reminder email (in the outbox, on the Messages screen).
public struct ExpiryReminder: Sendable, Equatable {
    public var subject: String
    public var body: String

    public init(kind: ExpiryReminderKind, domain: DomainName, orderID: OrderID, customerID: CustomerID, customerName: String,
                validTo: Date, daysLeft: Int, subscriptionUntil: Date?, renewalInvoice: Invoice?) {
        let name = domain.unicode
        let when = daysLeft == 0 ? "today" : daysLeft == 1 ? "in 1 day" : "in \(daysLeft) days"
        switch kind {
        case .reissue:
            subject = "Reissue your SSL certificate for \(name): it expires \(when) (\(DayText.utc(validTo)))"
            body = """
                Dear \(customerName),

                the SSL certificate for \(name) (order \(orderID)) expires on \(DayText.utc(validTo)).
                Your subscription runs until \(subscriptionUntil.map(DayText.utc) ?? "-"), so there is nothing to pay:
                certificates may no longer be valid as long as a subscription (CA/Browser Forum
                ballot SC-081v3), so the panel reissues them within it.

                Reissue it before it expires:
                  - in the panel: SSL Certificates, open order \(orderID) and press R (reuse the stored
                    CSR after a confirmation, or paste a new one);
                  - on the command line: certpanel --as customer:\(customerID) cert reissue \(orderID) --reuse-csr
                    (or without --reuse-csr, then csr submit \(orderID) FILE.csr with a new CSR).
                Then install the new certificate on your server.

                CertPanel

                """
        case .renewal:
            let invoice = renewalInvoice.map { invoice in
                invoice.status == .paid
                    ? "Invoice \(invoice.number) is paid; the renewal waits for a new CSR."
                    : "Invoice \(invoice.number) (\(invoice.amount)) is due on \(DayText.utc(invoice.dueAt))."
            } ?? "The renewal invoice has not been issued; ask your reseller."
            subject = "Your SSL certificate for \(name) expires \(when) (\(DayText.utc(validTo))): renew it"
            body = """
                Dear \(customerName),

                the subscription and SSL certificate for \(name) (order \(orderID)) end on \(DayText.utc(validTo)).
                \(invoice)

                To renew: pay the invoice and enter a new CSR
                  - in the panel: open order \(orderID) (or SSL Certificates) and press c;
                  - on the command line: certpanel --as customer:\(customerID) csr submit \(orderID) FILE.csr

                CertPanel

                """
        }
    }
}
