import Foundation
import Testing
import PanelModel
import PanelStore
import TestSupport

/// The asciicast recorder of the tmux walks (issue 12).
extension TmuxEndToEndTests {
    // MARK: - The recorder

    @Test func eachRecordedRowCarriesTheAttributesItStartsWith() {
        let rows = ["\u{1B}[1mA", "B\u{1B}[0;7mC", "D\u{1B}[31m", "E\u{1B}[0mF", "G"]
        #expect(CastRecorder.selfContained(rows) == [
            "\u{1B}[1mA",
            "\u{1B}[1mB\u{1B}[0;7mC",
            "\u{1B}[0;7mD\u{1B}[31m",
            "\u{1B}[0;7m\u{1B}[31mE\u{1B}[0mF",
            "G",
        ])
    }

    @Test func castStringsAreJSONThatReadsBackTheSame() throws {
        let text = "quote \" backslash \\ escape \u{1B}[1m tab \t bell \u{07} del \u{7F} é ✓ 東京 \r\n"
        let line = "[0.5, \"o\", \(CastRecorder.json(text))]"
        let array = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [Any])
        #expect(array[2] as? String == text)
        #expect(!CastRecorder.json(text).unicodeScalars.contains { $0.value < 0x20 }, "a raw control character in a JSON string")
    }

    @Test func aCastThatIsNotAsciicastV2IsRefused() {
        let header = "{\"version\": 2, \"width\": 80, \"height\": 24}"
        #expect(throws: Cast.Invalid.self) { try Cast(parsing: "{\"version\": 1, \"width\": 80, \"height\": 24}\n[0.1, \"o\", \"x\"]\n") }
        #expect(throws: Cast.Invalid.self) { try Cast(parsing: header + "\n[0.5, \"o\", \"x\"]\n[0.2, \"o\", \"y\"]\n") }
        #expect(throws: Cast.Invalid.self) { try Cast(parsing: header + "\n[0.5, \"o\", \"x\"\n") }
        #expect(throws: Cast.Invalid.self) { try Cast(parsing: header + "\n") }
        #expect((try? Cast(parsing: header + "\n[0.1, \"o\", \"x\"]\n[0.1, \"o\", \"y\"]\n"))?.text == "xy")
    }

    /// A short walk, recorded: the cast is asciicast v2, has the walk's screens in order, and
    /// played into a fresh terminal of the same size ends on exactly the screen the walk ended on,
    /// colours and cursor included.
    @Test func theRecordedWalkReplaysToTheScreenItEndedOn() throws {
        let walk = try Walk()
        defer { walk.tmux.kill() }
        let tmux = walk.tmux
        let recorder = CastRecorder(width: 100, height: 30)
        tmux.recorder = recorder
        try walk.start(["tui", "--db", walk.database, "--as", "customer:\(DemoWorld.alice)"])
        try tmux.waitFor("sunrise-bakery.com", "quiet-harbor.net")
        try tmux.type("/")
        try tmux.type("sunrise")
        try tmux.waitFor("1-2 of 2")
        try tmux.press("Enter")
        try tmux.waitFor("Enter Open")
        try tmux.press("Enter")
        try tmux.waitFor("Order 1001", "Related services", "1002  Email Hosting")
        try tmux.press("Escape")
        try tmux.waitForAbsence(of: "Related services")
        try tmux.press("Down")
        try tmux.wait("1002 selected") { Self.selectedRow($0)?.contains("1002") == true }
        try tmux.press("Enter")
        try tmux.waitFor("Order 1002")
        let (finalScreen, finalFrame) = try Self.settled(tmux)
        recorder.record(finalFrame)

        let file = walk.demo.directory.appendingPathComponent("walk.cast")
        try recorder.write(to: file)
        let cast = try Cast(parsing: try String(contentsOf: file, encoding: .utf8))
        #expect(cast.width == 100 && cast.height == 30)
        #expect(cast.events.allSatisfy { $0.code == "o" })
        #expect(cast.events.count >= 5, "\(cast.events.count) events")
        try Self.expectInOrder(["e2e$", "quiet-harbor.net", "1-2 of 2", "Order 1001", "Related services", "Order 1002"], in: cast.text)

        let replayed = try Self.replay(file, cast)
        #expect(replayed.screen == finalScreen, "the replay ends on another screen:\n\(TmuxSession.framed(replayed.screen))\nnot:\n\(TmuxSession.framed(finalScreen))")
        #expect(CastRecorder.selfContained(replayed.frame.rows) == CastRecorder.selfContained(finalFrame.rows), "the replay's colours differ")
        #expect(replayed.frame.cursorX == finalFrame.cursorX && replayed.frame.cursorY == finalFrame.cursorY
                && replayed.frame.cursorVisible == finalFrame.cursorVisible, "the replay's cursor differs")
    }

    // MARK: - Helpers

    /// Each of `texts` occurs in `text`, each after the one before it.
    static func expectInOrder(_ texts: [String], in text: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        var rest = text[...]
        for expected in texts {
            guard let found = rest.range(of: expected) else {
                Issue.record("\"\(expected)\" is not in the recording after the screens before it", sourceLocation: sourceLocation)
                return
            }
            rest = rest[found.upperBound...]
        }
    }

    /// The screen once it has stopped changing (the same twice, 200 ms apart), plain and styled.
    static func settled(_ tmux: TmuxSession) throws -> (screen: String, frame: CastRecorder.Frame) {
        var previous = (try tmux.screen(), try tmux.frame())
        for _ in 0..<50 {
            Thread.sleep(forTimeInterval: 0.2)
            let current = (try tmux.screen(), try tmux.frame())
            if current.0 == previous.0 && current.1.rows == previous.1.rows { return current }
            previous = current
        }
        throw TmuxSession.Failure(description: "the screen kept changing:\n\(TmuxSession.framed(previous.0))")
    }

    /// Plays the cast in `file` into a fresh tmux pane of its size, with `asciinema play` when
    /// it is installed (at 20 times the speed), else by writing its output with `cat`, and
    /// returns the screen it ends on.
    static func replay(_ file: URL, _ cast: Cast) throws -> (screen: String, frame: CastRecorder.Frame) {
        let directory = file.deletingLastPathComponent()
        let tmux = try TmuxSession(width: cast.width, height: cast.height, directory: directory)
        defer { tmux.kill() }
        if let asciinema {
            try tmux.shell("\(asciinema) play -s 20 \(Walk.quoted(file.path)); exec sleep 600")
        } else {
            let name = "replay-\(UUID().uuidString).out"
            try Data(cast.output.utf8).write(to: directory.appendingPathComponent(name))
            try tmux.shell("cat \(name); exec sleep 600")
        }
        try tmux.waitForFormat("#{pane_current_command}", toBe: "sleep", timeout: .seconds(60))
        return try settled(tmux)
    }

    static var asciinema: String? {
        ["/usr/bin/asciinema", "/usr/local/bin/asciinema"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
