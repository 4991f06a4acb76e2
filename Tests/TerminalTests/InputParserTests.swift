import Testing
@testable import Terminal

@Suite("Input parser")
struct InputParserTests {
    private func parse(_ chunks: [String], flush: Bool = false) -> [InputEvent] {
        var p = InputParser()
        var events = chunks.flatMap { p.feed(Array($0.utf8)) }
        if flush { events += p.flush() }
        return events
    }

    @Test func arrowsInNormalAndApplicationMode() {
        #expect(parse(["\u{1B}[A\u{1B}[B\u{1B}[C\u{1B}[D"]) == [.key(.up), .key(.down), .key(.right), .key(.left)])
        #expect(parse(["\u{1B}OA\u{1B}OD"]) == [.key(.up), .key(.left)])
        #expect(parse(["\u{1B}[1;5C"]) == [.key(.right)])   // modified arrow: the arrow
    }

    @Test func navigationAndEditingKeys() {
        #expect(parse(["\u{1B}[5~\u{1B}[6~\u{1B}[H\u{1B}[F\u{1B}[1~\u{1B}[4~\u{1B}[3~"])
                == [.key(.pageUp), .key(.pageDown), .key(.home), .key(.end), .key(.home), .key(.end), .key(.delete)])
        #expect(parse(["\t\u{1B}[Z\r\u{7F}\u{8}"]) == [.key(.tab), .key(.backTab), .key(.enter), .key(.backspace), .key(.backspace)])
        #expect(parse(["\u{1B}OP\u{1B}[15~\u{1B}[24~"]) == [.key(.function(1)), .key(.function(5)), .key(.function(12))])
    }

    @Test func ctrlKeysAndPlainCharacters() {
        #expect(parse(["\u{3}\u{1}\u{1A}jkgG"]) == [.key(.ctrl("c")), .key(.ctrl("a")), .key(.ctrl("z")),
                                                      .key(.char("j")), .key(.char("k")), .key(.char("g")), .key(.char("G"))])
    }

    @Test func loneEscapeNeedsTheTimeoutFlush() {
        var p = InputParser()
        #expect(p.feed([0x1B]).isEmpty)
        #expect(p.hasPending)
        #expect(p.flush() == [.key(.escape)])
        #expect(!p.hasPending)
        #expect(parse(["\u{1B}x"]) == [.key(.alt("x"))])
    }

    @Test func multiByteUTF8IncludingSplitAcrossChunks() {
        #expect(parse(["é日👍"]) == [.key(.char("é")), .key(.char("日")), .key(.char("👍"))])
        var p = InputParser()
        let bytes = Array("日👍".utf8)   // 3 + 4 bytes
        #expect(p.feed(bytes[0..<2]).isEmpty)
        #expect(p.feed(bytes[2..<5]) == [.key(.char("日"))])
        #expect(p.feed(bytes[5...]) == [.key(.char("👍"))])
    }

    @Test func invalidBytesAreDroppedNotTyped() {
        var p = InputParser()
        #expect(p.feed([0xFF, 0x61, 0xC3, 0x28, 0xC2, 0x9B]) == [.key(.char("a")), .key(.char("("))])
    }

    @Test func sequenceSplitAcrossChunks() {
        var p = InputParser()
        #expect(p.feed([0x1B, 0x5B]).isEmpty)
        #expect(p.feed([0x36]).isEmpty)
        #expect(p.feed([0x7E]) == [.key(.pageDown)])
    }

    /// Found by fuzz/input: a coordinate of Int.min overflowed `n - 1` and trapped.
    @Test func sgrMouseWithExtremeCoordinatesDoesNotTrap() {
        #expect(parse(["\u{1B}[<0;-9223372036854775808;4M"]) == [.mouse(MouseEvent(kind: .press, button: .left, x: 0, y: 3))])
        #expect(parse(["\u{1B}[<0;3;-9223372036854775808m"]) == [.mouse(MouseEvent(kind: .release, button: .left, x: 2, y: 0))])
        #expect(parse(["\u{1B}[<0;0;9223372036854775807M"]) == [.mouse(MouseEvent(kind: .press, button: .left, x: 0, y: 9223372036854775806))])
        #expect(parse(["\u{1B}[<-9223372036854775808;1;1M"]).count == 1)
    }

    @Test func sgrMouseClickReleaseAndWheel() {
        #expect(parse(["\u{1B}[<0;10;5M"]) == [.mouse(MouseEvent(kind: .press, button: .left, x: 9, y: 4))])
        #expect(parse(["\u{1B}[<0;10;5m"]) == [.mouse(MouseEvent(kind: .release, button: .left, x: 9, y: 4))])
        #expect(parse(["\u{1B}[<2;1;1M"]) == [.mouse(MouseEvent(kind: .press, button: .right, x: 0, y: 0))])
        #expect(parse(["\u{1B}[<64;3;4M\u{1B}[<65;3;4M"]) == [
            .mouse(MouseEvent(kind: .scroll, button: .wheelUp, x: 2, y: 3)),
            .mouse(MouseEvent(kind: .scroll, button: .wheelDown, x: 2, y: 3)),
        ])
        #expect(parse(["\u{1B}[<16;200;100M"]) == [.mouse(MouseEvent(kind: .press, button: .left, x: 199, y: 99, control: true))])
    }

    static let pem: String = {
        var lines = ["-----BEGIN CERTIFICATE-----"]
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
        var n = 7
        while lines.joined(separator: "\r\n").utf8.count < 1_450 {
            lines.append(String((0..<64).map { _ in n = (n * 31 + 11) % 64; return alphabet[n] }))
        }
        lines.append("-----END CERTIFICATE-----")
        return lines.joined(separator: "\r\n") + "\r\n"
    }()

    @Test func bracketedPasteOfPEMSplitAcrossThreeChunksIsOneEvent() throws {
        let payload = Array(Self.pem.utf8)
        #expect(payload.count >= 1_500)
        let stream = Array("\u{1B}[200~".utf8) + payload + Array("\u{1B}[201~".utf8) + Array("q".utf8)
        // Split so that both markers are cut in the middle.
        let cut1 = 3, cut2 = stream.count - 4
        var p = InputParser()
        var events = p.feed(stream[0..<cut1])
        #expect(events.isEmpty)
        events += p.feed(stream[cut1..<cut2])
        #expect(events.isEmpty)
        #expect(p.isInPaste)
        events += p.feed(stream[cut2...])
        #expect(events.count == 2)
        let expected = Self.pem.split(separator: "\r\n", omittingEmptySubsequences: false).joined(separator: "\n")
        #expect(events.first == .paste(expected))
        #expect(events.last == .key(.char("q")))
        // Keys inside the paste (q, Ctrl-C, ESC sequences) never become key events.
        let tricky = "\u{1B}[200~q\u{3}\u{1B}[A\r\u{1B}[201~"
        #expect(parse([tricky]) == [.paste("q\u{3}\u{1B}[A\n")])
    }

    @Test func pasteMarkerSplitByteByByte() {
        var p = InputParser()
        var events: [InputEvent] = []
        for b in Array("\u{1B}[200~ab\u{1B}[201~".utf8) { events += p.feed([b]) }
        #expect(events == [.paste("ab")])
    }

    @Test func escapeInsidePasteThatIsNotTheEndMarkerIsKept() {
        #expect(parse(["\u{1B}[200~a\u{1B}b\u{1B}[201~"]) == [.paste("a\u{1B}b")])
    }

    @Test func unterminatedPasteIsDeliveredOnlyWhenForced() {
        var p = InputParser()
        #expect(p.feed(Array("\u{1B}[200~partial".utf8)).isEmpty)
        #expect(p.flush().isEmpty)
        #expect(p.flush(endPaste: true) == [.paste("partial")])
        #expect(p.feed([0x61]) == [.key(.char("a"))])
    }

    @Test func oversizedPasteIsCapped() {
        var p = InputParser(maximumPasteBytes: 4)
        let events = p.feed(Array("\u{1B}[200~abcdefgh\u{1B}[201~x".utf8))
        #expect(events == [.paste("abcd"), .key(.char("x"))])
    }

    @Test func unknownSequencesAreSwallowed() {
        #expect(parse(["\u{1B}[?1;2c\u{1B}[99~a"]) == [.key(.char("a"))])
    }
}
