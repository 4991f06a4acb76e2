import Testing
@testable import Terminal

@Suite("Display width")
struct DisplayWidthTests {
    @Test func asciiIsOneCellPerCharacter() {
        #expect(displayWidth("hello") == 5)
        #expect(displayWidth("") == 0)
    }

    @Test func cjkTakesTwoCells() {
        #expect(displayWidth("日本語") == 6)
        #expect(displayWidth("한국") == 4)
        #expect(displayWidth("ｶﾀｶﾅ") == 4)          // half-width katakana stay narrow
        #expect(displayWidth("Ａ") == 2)              // fullwidth Latin
    }

    @Test func emojiTakeTwoCells() {
        #expect(displayWidth("👍") == 2)
        #expect(displayWidth("👍🏽") == 2)             // skin-tone modifier joins
        #expect(displayWidth("❤️") == 2)              // U+2764 + VS16
        #expect(displayWidth("❤") == 1)               // U+2764 alone: text presentation
        #expect(displayWidth("👨‍👩‍👧") == 2)            // ZWJ family sequence
        #expect(displayWidth("🇫🇷") == 2)              // flag
        #expect(displayWidth("1️⃣") == 2)              // keycap
        #expect("👨‍👩‍👧".count == 1)
    }

    @Test func combiningMarksJoinThePreviousCluster() {
        #expect(displayWidth("e\u{301}") == 1)
        #expect(displayWidth("e\u{301}\u{302}x") == 2)
        #expect(displayWidth("\u{301}") == 0)         // a lone mark takes no cell
        #expect(displayWidth("a\u{200B}b") == 2)      // zero-width space
    }

    @Test func characterOverloadMatchesStringOverload() {
        for c in ["a", "日", "👍🏽", "e\u{301}", "❤️"] as [Character] {
            #expect(displayWidth(c) == displayWidth(String(c)))
        }
    }
}
