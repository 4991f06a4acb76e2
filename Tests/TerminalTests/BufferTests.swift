import Testing
@testable import Terminal

@Suite("Buffer and clipping")
struct BufferTests {
    @Test func wideCharacterOccupiesTwoCells() {
        var b = Buffer(width: 6, height: 1)
        let end = b.write("日本", x: 0, y: 0, style: .plain)
        #expect(end == 4)
        #expect(b[0, 0].symbol == "日")
        #expect(b[1, 0].isContinuation)
        #expect(b[2, 0].symbol == "本")
        #expect(b.line(0) == "日本  ")
    }

    @Test func wideCharacterAtLastColumnBecomesSpace() {
        var b = Buffer(width: 5, height: 1)
        b.write("abcd日", x: 0, y: 0, style: .plain)
        #expect(b.line(0) == "abcd ")
        #expect(!b[4, 0].isContinuation)
        #expect(b[4, 0].symbol == " ")
    }

    @Test func wideCharacterIsNotSplitAtClipBorder() {
        var b = Buffer(width: 8, height: 1, style: .plain)
        b.fill(b.area, style: .plain, symbol: ".")
        b.write("ab👍🏽c", x: 1, y: 0, style: .plain, clip: Rect(x: 1, y: 0, width: 3, height: 1))
        // "ab" fits, the emoji would need columns 3–4 but the clip ends at 3: a space instead.
        #expect(b.line(0) == ".ab ....")
    }

    @Test func clipsOnTheLeft() {
        var b = Buffer(width: 6, height: 1)
        b.write("日本語", x: -1, y: 0, style: .plain, clip: b.area)
        // 日 straddles the left edge: a space; 本 at 1–2, 語 at 3–4.
        #expect(b.line(0) == " 本語 ")
    }

    @Test func emojiSequencesAreOneWideCell() {
        var b = Buffer(width: 8, height: 1)
        b.write("👨‍👩‍👧❤️e\u{301}x", x: 0, y: 0, style: .plain)
        #expect(b[0, 0].symbol == "👨‍👩‍👧")
        #expect(b[2, 0].symbol == "❤️")
        #expect(b[4, 0].symbol == "e\u{301}")
        #expect(b[5, 0].symbol == "x")
        #expect(b.line(0) == "👨‍👩‍👧❤️e\u{301}x  ")
    }

    @Test func overwritingHalfAWideCharacterBlanksTheOtherHalf() {
        var b = Buffer(width: 4, height: 1)
        b.write("日本", x: 0, y: 0, style: .plain)
        b.write("x", x: 1, y: 0, style: .plain)     // lands on 日's continuation
        #expect(b.line(0) == " x本")
        b.write("y", x: 2, y: 0, style: .plain)     // lands on 本's leading cell
        #expect(b.line(0) == " xy ")
        #expect(!b[3, 0].isContinuation)
    }

    @Test func writesOutsideTheBufferAreIgnored() {
        var b = Buffer(width: 3, height: 2)
        b.write("abc", x: 0, y: 5, style: .plain)
        b.write("abc", x: 5, y: 0, style: .plain)
        b.fill(Rect(x: -3, y: -3, width: 100, height: 1), style: .plain, symbol: "#")
        #expect(b.lines == ["   ", "   "])
        var empty = Buffer(width: 0, height: 0)
        empty.write("hello", x: 0, y: 0, style: .plain)
        empty.fill(Rect(x: 0, y: 0, width: 5, height: 5), style: .plain)
        #expect(empty.lines.isEmpty)
        #expect(empty.styleRuns.isEmpty)
    }

    @Test func alignedWriteTruncatesWithEllipsis() {
        var b = Buffer(width: 8, height: 1)
        b.write("certificate", in: b.area, style: .plain)
        #expect(b.line(0) == "certifi…")
        var c = Buffer(width: 8, height: 1)
        c.write("ok", in: c.area, style: .plain, alignment: .right)
        #expect(c.line(0) == "      ok")
    }

    @Test func stylesAreRecordedAsRuns() {
        var b = Buffer(width: 6, height: 1)
        b.write("ab", x: 1, y: 0, style: Style(foreground: .rgb(255, 0, 0), attributes: .bold))
        #expect(b.styleRuns == ["0: 0-0 plain", "0: 1-2 fg=#ff0000 bold", "0: 3-5 plain"])
    }

    @Test func wrapBreaksAtSpacesAndInsideLongWords() {
        #expect(TextLayout.wrap("the quick brown fox", width: 10) == ["the quick", "brown fox"])
        #expect(TextLayout.wrap("abcdefghij", width: 4) == ["abcd", "efgh", "ij"])
        #expect(TextLayout.wrap("日本語テキスト", width: 5) == ["日本", "語テ", "キス", "ト"])
        #expect(TextLayout.wrap("a\n\nb", width: 5) == ["a", "", "b"])
    }
}
