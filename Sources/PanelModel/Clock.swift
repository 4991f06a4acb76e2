import Foundation

/// Where "now" comes from, so that policies and tests never read the wall clock directly.
public protocol Clock: Sendable {
    var now: Date { get }
}

public struct SystemClock: Clock {
    public init() {}
    public var now: Date { Date() }
}

/// A clock that always answers the same instant (tests, `--now`, reproducible demos).
public struct FixedClock: Clock {
    public let now: Date
    public init(_ now: Date) { self.now = now }
}

extension Date {
    /// Whole calendar days from `self` to `other` in UTC (negative when `other` is earlier).
    public func calendarDays(until other: Date) -> Int {
        // UTC days are whole multiples of 86,400 seconds since the epoch (no leap seconds in Date).
        let from = (timeIntervalSince1970 / 86_400).rounded(.down)
        let to = (other.timeIntervalSince1970 / 86_400).rounded(.down)
        return Int(to - from)
    }

    /// `self` plus a number of days of 86,400 seconds.
    public func adding(days: Int) -> Date { addingTimeInterval(TimeInterval(days) * 86_400) }

    /// Midnight UTC at the start of this instant's day.
    public var startOfUTCDay: Date { Date(timeIntervalSince1970: (timeIntervalSince1970 / 86_400).rounded(.down) * 86_400) }

    /// This instant without its fraction of a second (earlier, never later): what an X.509
    /// validity time can hold.
    public var wholeSecondsDown: Date { Date(timeIntervalSince1970: timeIntervalSince1970.rounded(.down)) }

    /// The UTC calendar day, `2026-12-07`: how dates read in messages and notices.
    public var dayText: String { formatted(Date.ISO8601FormatStyle().year().month().day()) }
}
