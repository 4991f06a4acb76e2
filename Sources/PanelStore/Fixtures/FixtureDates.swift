import Foundation

/// Dates in fixtures: `2026-12-01` (midnight UTC) or a full ISO 8601 time such as
/// `2026-12-01T09:30:00Z` or `2026-12-01T09:30:00.5+02:00`. Strict: `2027-02-30` is no date
/// (the formatter alone would roll it over to March 2).
enum FixtureDates {
    static func parse(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        func number(_ start: Int, _ count: Int) -> Int? {
            guard start + count <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[start..<start + count] {
                guard byte >= 0x30, byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
        func at(_ index: Int, _ character: Character) -> Bool { index < bytes.count && bytes[index] == character.asciiValue! }
        guard let year = number(0, 4), at(4, "-"), let month = number(5, 2), at(7, "-"), let day = number(8, 2),
              year >= 1, (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day) else { return nil }
        var seconds = 0.0
        var offset = 0
        if bytes.count > 10 {
            guard at(10, "T") || at(10, "t"), let hour = number(11, 2), at(13, ":"), let minute = number(14, 2), at(16, ":"),
                  let second = number(17, 2), hour < 24, minute < 60, second < 60 else { return nil }
            seconds = Double(hour * 3600 + minute * 60 + second)
            var index = 19
            if at(index, ".") {
                index += 1
                let start = index
                while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 { index += 1 }
                guard index > start, let fraction = Double("0." + String(decoding: bytes[start..<index], as: UTF8.self)) else { return nil }
                seconds += fraction
            }
            if at(index, "Z") || at(index, "z") {
                index += 1
            } else if at(index, "+") || at(index, "-") {
                guard let hours = number(index + 1, 2), at(index + 3, ":"), let minutes = number(index + 4, 2), hours < 24, minutes < 60 else { return nil }
                offset = (hours * 3600 + minutes * 60) * (at(index, "-") ? -1 : 1)
                index += 6
            } else {
                return nil
            }
            guard index == bytes.count else { return nil }
        } else {
            guard bytes.count == 10 else { return nil }
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        guard let midnight = calendar.date(from: DateComponents(year: year, month: month, day: day)) else { return nil }
        return midnight.addingTimeInterval(seconds - Double(offset))
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    static func format(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle())
    }
}

extension FixtureFile {
    /// A date as fixtures and `--now` options write it.
    public static func parseDate(_ text: String) -> Date? { FixtureDates.parse(text) }
}
