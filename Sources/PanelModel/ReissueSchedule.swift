import Foundation

/// A certificate order's subscription (what was paid: one to three years) against the
/// certificate now issued under it (at most what the validity table allows). While the
/// subscription runs on past the certificate, the panel reissues within the term; when the
/// certificate reaches the subscription's end, seed 004's renewal (notice and invoice) applies.
public enum ReissueSchedule {
    /// Lead time of "next reissue due" before the certificate's end: 14 days, or a third of the
    /// certificate's validity when that is shorter (so a short certificate is not due at once).
    public static let leadDays = 14

    /// Whether the subscription runs on past a certificate valid until `validTo`: by a day or
    /// more (a certificate cut to the subscription's end in whole seconds does not count).
    public static func subscriptionContinues(validTo: Date, subscriptionUntil: Date?) -> Bool {
        guard let subscriptionUntil else { return false }
        return subscriptionUntil.timeIntervalSince(validTo) >= 86_400
    }

    /// The lead time for a certificate valid from `validFrom` to `validTo`.
    public static func lead(validFrom: Date?, validTo: Date) -> Int {
        guard let validFrom else { return leadDays }
        let validity = max(1, Int((validTo.timeIntervalSince(validFrom) / 86_400).rounded()))
        return max(1, min(leadDays, validity / 3))
    }

    /// When the next reissue is due, or nil when the certificate runs to the subscription's end
    /// (then the renewal is next, not a reissue).
    public static func nextReissueDue(validFrom: Date?, validTo: Date?, subscriptionUntil: Date?) -> Date? {
        guard let validTo, subscriptionContinues(validTo: validTo, subscriptionUntil: subscriptionUntil) else { return nil }
        return validTo.adding(days: -lead(validFrom: validFrom, validTo: validTo))
    }

    /// The text of the lists and `ssl status`: "subscription until 2028-06-13 · this
    /// certificate until 2026-12-30 · next reissue due 2026-12-16".
    public static func summary(subscriptionUntil: Date?, validTo: Date?, nextReissueDue: Date?) -> String {
        var parts: [String] = []
        if let subscriptionUntil { parts.append("subscription until \(DayText.utc(subscriptionUntil))") }
        if let validTo { parts.append("this certificate until \(DayText.utc(validTo))") }
        if let nextReissueDue {
            parts.append("next reissue due \(DayText.utc(nextReissueDue))")
        } else if validTo != nil, subscriptionUntil != nil {
            parts.append("renewal at the end of the subscription")
        }
        return parts.joined(separator: " · ")
    }
}
