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
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let from = calendar.startOfDay(for: self)
        let to = calendar.startOfDay(for: other)
        return calendar.dateComponents([.day], from: from, to: to).day ?? 0
    }

    /// `self` plus a number of days of 86,400 seconds.
    public func adding(days: Int) -> Date { addingTimeInterval(TimeInterval(days) * 86_400) }
}
