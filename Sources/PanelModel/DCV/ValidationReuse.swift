import Foundation

/// Whether an issue may reuse the domain validation a certificate was last issued on
/// (`CertificateValidityTable.validationReusable`), and the words the panel uses for it.
/// A first issue and a renewal validate anew; a reissue reuses the validation while it is
/// within its reuse period and otherwise waits in "validating" for `dcv check`.
public enum ValidationReuse {
    public enum Decision: Equatable, Sendable {
        /// Issue now; the new certificate's validation date is `validatedAt`.
        case issue(validatedAt: Date)
        /// Do not issue: the validation of `validatedAt` could be reused until `reusableUntil` (a day).
        case validateAgain(validatedAt: Date, reusableUntil: Date)
    }

    /// The first instant at which validation done at `validatedAt` may no longer be reused.
    /// The reuse period shrinks at each step of the table, so a later step can end it earlier
    /// than the period in force on the validation day.
    public static func reuseEnds(validatedAt: Date) -> Date {
        let rules = CertificateValidityTable.rules
        var end = Date.distantFuture
        for (index, rule) in rules.enumerated() {
            let from = rule.inForceFrom ?? .distantPast
            let next = index + 1 < rules.count ? rules[index + 1].inForceFrom ?? .distantFuture : .distantFuture
            let candidate = max(from, validatedAt.adding(days: rule.validationReuseDays))
            if candidate < next { end = min(end, candidate) }
        }
        return end
    }

    /// The last calendar day (UTC) on which the validation may be reused.
    public static func lastReusableDay(validatedAt: Date) -> Date {
        reuseEnds(validatedAt: validatedAt).addingTimeInterval(-1)
    }

    /// What an issue at `now` does. `isReissue`: the certificate has been issued before.
    /// `validatedAt`: the validation its current certificate was issued on (nil: not known, so
    /// the issue validates as a first issue does).
    public static func decide(isReissue: Bool, validatedAt: Date?, now: Date) -> Decision {
        guard isReissue, let validatedAt else { return .issue(validatedAt: now) }
        if CertificateValidityTable.validationReusable(validatedAt: validatedAt, issuingAt: now) { return .issue(validatedAt: validatedAt) }
        return .validateAgain(validatedAt: validatedAt, reusableUntil: lastReusableDay(validatedAt: validatedAt))
    }

    /// The reply to a reissue that has to validate the domain again: the dates and the next step.
    public static func validateAgainMessage(order: OrderID, validatedAt: Date, reusableUntil: Date) -> String {
        "The domain validation of \(validatedAt.dayText) could be reused until \(reusableUntil.dayText); this reissue validates the domain again: publish the values of `certpanel dcv show \(order)` (or d on the certificate) and run `certpanel dcv check \(order)`. With email validation, your reseller confirms it."
    }

    /// "Domain validated 2026-05-14 · reusable until 2026-11-30", or that the reuse ended.
    public static func statusLine(validatedAt: Date, now: Date) -> String {
        let until = lastReusableDay(validatedAt: validatedAt)
        return now < reuseEnds(validatedAt: validatedAt)
            ? "Domain validated \(validatedAt.dayText) · reusable until \(until.dayText)"
            : "Domain validated \(validatedAt.dayText) · reuse ended \(until.dayText): the next reissue validates again"
    }
}
