import Foundation

/// How long a publicly trusted TLS certificate may be valid, by the date it is issued: CA/Browser
/// Forum ballot SC-081v3. Before 15 March 2026 the limit was 398 days; from then 200, from
/// 15 March 2027 100, from 15 March 2029 47. Domain-validation data may be reused for 398,
/// 200, 100 days and, from 15 March 2029, 10 days. Each step starts at 00:00 UTC of its date.
/// The demo certificate authority and every issue, reissue and renewal follow this table.
public struct CertificateValidityRule: Sendable, Equatable {
    /// The first instant the rule is in force; nil for the rule before the first dated step.
    public var inForceFrom: Date?
    /// The longest validity a certificate issued under this rule may have, in days.
    public var maxValidityDays: Int
    /// How old domain-validation data may be when a certificate is issued under this rule.
    public var validationReuseDays: Int

    public init(inForceFrom: Date?, maxValidityDays: Int, validationReuseDays: Int) {
        self.inForceFrom = inForceFrom
        self.maxValidityDays = maxValidityDays
        self.validationReuseDays = validationReuseDays
    }
}

public enum CertificateValidityTable {
    /// Midnight UTC of a calendar day.
    static func utcDay(_ year: Int, _ month: Int, _ day: Int) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.date(from: DateComponents(year: year, month: month, day: day))!
    }

    /// The rules, oldest first.
    public static let rules: [CertificateValidityRule] = [
        CertificateValidityRule(inForceFrom: nil, maxValidityDays: 398, validationReuseDays: 398),
        CertificateValidityRule(inForceFrom: utcDay(2026, 3, 15), maxValidityDays: 200, validationReuseDays: 200),
        CertificateValidityRule(inForceFrom: utcDay(2027, 3, 15), maxValidityDays: 100, validationReuseDays: 100),
        CertificateValidityRule(inForceFrom: utcDay(2029, 3, 15), maxValidityDays: 47, validationReuseDays: 10),
    ]

    /// The rule in force at `date`.
    public static func rule(on date: Date) -> CertificateValidityRule {
        rules.last { rule in rule.inForceFrom.map { $0 <= date } ?? true } ?? rules[0]
    }

    /// The latest notAfter of a certificate issued at `notBefore` under a subscription that ends
    /// at `subscriptionUntil`: the rule's maximum, never past the subscription's end. X.509
    /// validity includes both its ends, so a certificate of N days ends one second before N
    /// times 86,400 seconds have passed (the ballot counts the period that way).
    public static func notAfter(issuedAt notBefore: Date, subscriptionUntil: Date) -> Date {
        let longest = notBefore.adding(days: rule(on: notBefore).maxValidityDays).addingTimeInterval(-1)
        return min(longest, subscriptionUntil)
    }

    /// Whether domain validation done at `validatedAt` may still be reused for a certificate
    /// issued at `issuingAt` (the reuse period of the rule in force when it is issued).
    public static func validationReusable(validatedAt: Date, issuingAt: Date) -> Bool {
        validatedAt <= issuingAt && issuingAt < validatedAt.adding(days: rule(on: issuingAt).validationReuseDays)
    }

    /// When a certificate valid until `validTo` could at the latest have been issued under the
    /// table with the longest validity up to `preferredDays`: the demo world uses it to date the
    /// certificates it signs, so each is as long as its issue date allowed.
    public static func latestLegalStart(validTo: Date, preferredDays: Int) -> Date {
        var days = preferredDays
        // Shorter validity moves the start later, which can only tighten the rule: a few steps settle it.
        for _ in 0..<rules.count + 1 {
            let allowed = rule(on: validTo.adding(days: -days)).maxValidityDays
            if allowed >= days { break }
            days = allowed
        }
        return validTo.adding(days: -days).addingTimeInterval(1)
    }
}
