import Foundation

/// Dates in fixtures: `2026-12-01` (midnight UTC) or a full ISO 8601 time such as
/// `2026-12-01T09:30:00Z`.
enum FixtureDates {
    static func parse(_ text: String) -> Date? {
        let full = text.count == 10 ? text + "T00:00:00Z" : text
        return try? Date.ISO8601FormatStyle().parse(full)
    }

    static func format(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle())
    }
}

extension FixtureFile {
    /// A date as fixtures and `--now` options write it.
    public static func parseDate(_ text: String) -> Date? { FixtureDates.parse(text) }
}
