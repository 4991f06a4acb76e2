import Foundation
import Testing
import PanelModel

@Suite struct GroupedNumberTests {
    /// The same text as Foundation's en_US grouping, which it replaces.
    @Test func groupsLikeFoundationsEnglishFormat() {
        let numbers = [0, 7, 12, 999, 1_000, 1_001, 12_408, 99_999, 100_000, 999_999, 1_000_000, 10_000_001, -1, -999, -1_000,
                       -12_345_678, Int.max, Int.min]
        for number in numbers {
            #expect(GroupedNumber.text(number) == number.formatted(.number.grouping(.automatic).locale(Locale(identifier: "en_US"))),
                    "\(number)")
        }
        #expect(GroupedNumber.text(12_408) == "12,408")
    }
}
