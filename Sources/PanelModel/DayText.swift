import Foundation

/// A date's day in UTC as "2026-02-27", the text of Foundation's
/// `ISO8601FormatStyle().year().month().day()`, worked out by hand for years 1900 to 9999:
/// the format style sets up ICU's time zone data on first use (a millisecond and a few MiB
/// for a command that prints one page).
public enum DayText {
    public static func utc(_ date: Date) -> String {
        let seconds = date.timeIntervalSince1970.rounded(.down)
        guard seconds.isFinite, abs(seconds) < 1e12 else { return foundation(date) }
        let days = Int(seconds) >= 0 ? Int(seconds) / 86_400 : (Int(seconds) - 86_399) / 86_400
        let (year, month, day) = civil(daysSince1970: days)
        guard (1900...9999).contains(year) else { return foundation(date) }
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(year)-\(two(month))-\(two(day))"
    }

    /// The civil date of a day count since 1970-01-01 in the proleptic Gregorian calendar
    /// (H. Hinnant's civil_from_days).
    public static func civil(daysSince1970 days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shifted = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shifted + 2) / 5 + 1
        let month = shifted < 10 ? shifted + 3 : shifted - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// The day and the minute in UTC, "2026-02-27 14:05", for lists of events.
    public static func utcMinute(_ date: Date) -> String {
        let seconds = date.timeIntervalSince1970.rounded(.down)
        guard seconds.isFinite, abs(seconds) < 1e12 else { return utc(date) }
        let ofDay = ((Int(seconds) % 86_400) + 86_400) % 86_400
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(utc(date)) \(two(ofDay / 3_600)):\(two(ofDay % 3_600 / 60))"
    }

    static func foundation(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle().year().month().day())
    }

    /// The local wall-clock time as "14:02:11", from the C library's `localtime_r` (which reads
    /// TZ and /etc/localtime) rather than a Foundation format style, which would set up ICU
    /// for one clock in a status line.
    public static func localTime(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        guard localtime_r(&seconds, &parts) != nil else { return utc(date) }
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))"
    }
}
