import Foundation
import PanelModel
import GRDB

/// Dates as GRDB stores them ("2026-02-27 00:00:00.000", UTC), read without GRDB's date
/// decoding, whose first use sets up an ICU calendar and locale: a millisecond and a few MiB
/// for a command that prints one page of orders. Whole seconds from 1900 on only, where the
/// arithmetic below is exact and the calendars agree; anything else is GRDB's to read.
enum StoredDate {
    static func date(_ row: Row, _ column: String) -> Date {
        if let text = row[column] as String?, let date = parse(text) { return date }
        return row[column]
    }

    static func date(_ row: SQLRow, _ column: String) -> Date {
        if let text = row[column] as String?, let date = parse(text) { return date }
        return row[column]
    }

    /// The stored form of `date`: "yyyy-MM-dd HH:mm:ss.SSS" in UTC, as GRDB writes it.
    static func text(_ date: Date) -> String {
        // To the nearest millisecond, as the ICU date formatter GRDB writes with rounds.
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded())
        let days = milliseconds >= 0 ? milliseconds / 86_400_000 : (milliseconds - 86_399_999) / 86_400_000
        let inDay = milliseconds - days * 86_400_000
        let civil = DayText.civil(daysSince1970: Int(days))
        let (year, month, day) = (Int64(civil.year), Int64(civil.month), Int64(civil.day))
        func pad(_ value: Int64, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2)) \(pad(inDay / 3_600_000, 2)):\(pad(inDay / 60_000 % 60, 2)):\(pad(inDay / 1000 % 60, 2)).\(pad(inDay % 1000, 3))"
    }

    /// Any stored form: whole seconds fast (`parse`), else "yyyy-MM-dd[ HH:mm[:ss[.SSS]]]".
    static func parseAny(_ text: String) -> Date? {
        if let date = parse(text) { return date }
        let bytes = Array(text.utf8)
        if bytes.count == 10, let midnight = parse(text + " 00:00:00") { return midnight }
        if bytes.count == 16, let minute = parse(text + ":00") { return minute }
        guard bytes.count >= 21, bytes[19] == UInt8(ascii: "."), let whole = parse(String(decoding: bytes[0..<19], as: UTF8.self)) else { return nil }
        let fraction = bytes[20...].prefix(3)
        guard fraction.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else { return nil }
        var milliseconds = 0
        for (index, byte) in fraction.enumerated() { milliseconds += Int(byte - UInt8(ascii: "0")) * [100, 10, 1][index] }
        return whole.addingTimeInterval(TimeInterval(milliseconds) / 1000)
    }

    static func parse(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count == 19 || (bytes.count == 23 && bytes[19] == UInt8(ascii: ".") && bytes[20...22].allSatisfy { $0 == UInt8(ascii: "0") }),
              bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"), bytes[10] == UInt8(ascii: " "),
              bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":")
        else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) else { return nil }
                value = value * 10 + Int(bytes[index] - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
              let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
              (1...12).contains(month), hour < 24, minute < 60, second < 60,
              year >= 1900   // Foundation's Gregorian calendar is Julian before 1582
        else { return nil }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let monthDays = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        guard (1...monthDays).contains(day) else { return nil }
        // Days since 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant's days_from_civil).
        let y = month <= 2 ? year - 1 : year
        let era = y / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * ((month + 9) % 12) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468
        return Date(timeIntervalSince1970: TimeInterval(days * 86_400 + hour * 3_600 + minute * 60 + second))
    }
}
