import Foundation
import Testing
@testable import PanelModel

@Suite struct DayTextTests {
    /// The same text as Foundation's ISO 8601 year-month-day, which it replaces.
    @Test func daysLikeFoundationsISO8601Format() {
        var dates = [0, -1, 86_399, 86_400, 951_782_400, 951_868_799, 4_102_444_800, -2_208_988_800, 253_402_300_799]
            .map { Date(timeIntervalSince1970: TimeInterval($0)) }
        for step in stride(from: -2_000_000_000.0, to: 8_000_000_000, by: 3_333_331.7) {
            dates.append(Date(timeIntervalSince1970: step))
        }
        for date in dates + [Date(timeIntervalSince1970: -5_000_000_000), .distantPast, .distantFuture] {
            #expect(DayText.utc(date) == DayText.foundation(date), "\(date.timeIntervalSince1970)")
        }
    }

    /// The wall clock like Foundation's in the same time zone (TZ as the process has it).
    @Test func localTimeLikeFoundation() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .current
        for seconds in [0, 59, 3_599, 86_399, 1_795_608_000, 1_795_651_199] {
            let date = Date(timeIntervalSince1970: TimeInterval(seconds))
            let parts = calendar.dateComponents([.hour, .minute, .second], from: date)
            let expected = String(format: "%02d:%02d:%02d", parts.hour ?? -1, parts.minute ?? -1, parts.second ?? -1)
            #expect(DayText.localTime(date) == expected, "\(seconds)")
        }
    }
}
