import Testing
@testable import Terminal

@Suite("Sanitizer")
struct SanitizerTests {
    @Test func removesCSISequences() {
        #expect(Sanitizer.clean("a\u{1B}[2Jb") == "ab")
        #expect(Sanitizer.clean("\u{1B}[1;31mred\u{1B}[0m") == "red")
        #expect(Sanitizer.clean("x\u{1B}[?1049hy") == "xy")
    }

    @Test func removesOSC52ClipboardWrite() {
        #expect(Sanitizer.clean("ok\u{1B}]52;c;ZXZpbA==\u{07}done") == "okdone")
        #expect(Sanitizer.clean("ok\u{1B}]0;title\u{1B}\\done") == "okdone")   // ST terminated
        #expect(Sanitizer.clean("ok\u{1B}]52;c;ZXZpbA==") == "ok")               // unterminated swallows rest
    }

    @Test func removesDCSAndAPCStrings() {
        #expect(Sanitizer.clean("a\u{1B}Pq#0;2;0;0;0\u{1B}\\b") == "ab")
        #expect(Sanitizer.clean("a\u{1B}_payload\u{1B}\\b") == "ab")
    }

    @Test func removesTwoByteEscapes() {
        #expect(Sanitizer.clean("a\u{1B}cb") == "ab")       // RIS, full reset
        #expect(Sanitizer.clean("a\u{1B}(0b") == "ab")      // charset switch
        #expect(Sanitizer.clean("trailing\u{1B}") == "trailing")
    }

    @Test func removesC1Controls() {
        #expect(Sanitizer.clean("a\u{9B}2Jb") == "ab")      // 8-bit CSI with its sequence
        #expect(Sanitizer.clean("a\u{9D}52;c;x\u{9C}b") == "ab")  // 8-bit OSC ... ST
        #expect(Sanitizer.clean("a\u{85}b\u{80}c") == "abc")
    }

    @Test func removesC0ControlsNulAndDel() {
        #expect(Sanitizer.clean("a\u{0}b\u{7F}c\u{7}d\u{8}e") == "abcde")
        #expect(Sanitizer.clean("line1\r\nline2") == "line1line2")
        #expect(Sanitizer.clean("over\rwrite") == "overwrite")
        #expect(Sanitizer.clean("tab\there") == "tab here")
    }

    @Test func removesBidiOverrides() {
        #expect(Sanitizer.clean("invoice\u{202E}fdp.exe") == "invoicefdp.exe")
        #expect(Sanitizer.clean("\u{2066}a\u{2069}\u{200E}\u{200F}\u{61C}b") == "ab")
    }

    @Test func keepsOrdinaryUnicode() {
        let s = "Müller 日本 👨‍👩‍👧 e\u{301} ❤️"
        #expect(Sanitizer.clean(s) == s)
    }

    @Test func multilineKeepsNewlinesOnly() {
        #expect(Sanitizer.cleanMultiline("a\r\nb\rc\nd\u{1B}[2J") == "a\nb\nc\nd")
    }

    @Test func invalidUTF8BecomesReplacementCharacter() {
        let bytes: [UInt8] = [0x61, 0xFF, 0x62, 0xC3, 0x28, 0x9B, 0x32, 0x4A]
        let cleaned = Sanitizer.clean(bytes: bytes)
        #expect(cleaned == "a\u{FFFD}b\u{FFFD}(\u{FFFD}2J")
        #expect(!cleaned.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
    }

    @Test func bufferWriteSanitises() {
        var buffer = Buffer(width: 10, height: 1)
        buffer.write("a\u{1B}[2Jb\u{1B}]52;c;eA==\u{7}c", x: 0, y: 0, style: .plain)
        #expect(buffer.line(0) == "abc       ")
        #expect(!buffer.cells.contains { $0.symbol.unicodeScalars.contains { $0.value == 0x1B } })
    }
}
