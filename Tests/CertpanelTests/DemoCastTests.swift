import Foundation
import Testing
import PanelModel
import PanelStore
import TestSupport

/// The recorded walkthrough (`docs/demo.cast`, issue 12) and the recorder that writes it.
///
/// `theDemoWalkthrough` runs in every test run at full speed and checks what it recorded;
/// `RECORD_DEMO=1` (or `RECORD_DEMO=/path/to/file.cast`) makes it go at a person's pace and
/// write the cast into docs/demo.cast (or that file): `scripts/record-demo`.
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

        let replayed = try Self.replay(file, cast, scratch: walk.demo.directory)
        #expect(replayed.screen == finalScreen, "the replay ends on another screen:\n\(TmuxSession.framed(replayed.screen))\nnot:\n\(TmuxSession.framed(finalScreen))")
        #expect(CastRecorder.selfContained(replayed.frame.rows) == CastRecorder.selfContained(finalFrame.rows), "the replay's colours differ")
        #expect(replayed.frame.cursorX == finalFrame.cursorX && replayed.frame.cursorY == finalFrame.cursorY
                && replayed.frame.cursorVisible == finalFrame.cursorVisible, "the replay's cursor differs")
    }

    // MARK: - The walkthrough

    /// The walkthrough of docs/demo.cast: the demo seeded and opened as a README reader would,
    /// Alice logs in, searches, opens 1001 and moves it to Bob (refused first: Bob's username with
    /// Carol's Customer ID), pastes a CSR for 1003 and gets it issued; then Reseller B approves
    /// ALVO's request for harbor-lights.com. The database says each of those happened.
    @Test func theDemoWalkthrough() throws {
        let destination = Self.demoCastDestination
        let demo = try DemoFixture(seed: false)
        let tmux = try TmuxSession(width: 100, height: 30, directory: demo.directory)
        defer { tmux.kill() }
        let directory = demo.directory
        let csr = try DemoCertificateRequest.make(
            requirement: CSRRequirement(domain: "bluebird-studio.com", type: .multiDomain, additionalNames: ["www.bluebird-studio.com"]),
            organization: "Bluebird Studio", keySeed: Array("docs/demo.cast".utf8))
        // Off camera: certpanel on PATH, the locale and terminal, log and data in the scratch directory.
        let binaries = CLI.binary.deletingLastPathComponent().path
        try tmux.shell("export PATH=\(Walk.quoted(binaries)):\"$PATH\" LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color "
                       + "XDG_DATA_HOME=\(Walk.quoted(directory.path + "/data")) XDG_STATE_HOME=\(Walk.quoted(directory.path + "/state")) "
                       + "PS1='$ '; unset CERTPANEL_DB NO_COLOR")
        try tmux.shell("clear")
        try tmux.wait("a clear screen with the prompt") { $0.trimmingCharacters(in: .whitespacesAndNewlines) == "$" }

        let recorder = CastRecorder(width: 100, height: 30, pace: destination == nil ? .none : .person,
                                    title: "CertPanel: login, search, Move Services, a CSR issued, an internal transfer approved")
        tmux.recorder = recorder
        try tmux.recordFrame()
        try tmux.beat(0.5)

        // Alice: the demo, seeded fresh, and its login screen.
        try tmux.type("certpanel demo --db demo.sqlite")
        try tmux.press("Enter")
        try tmux.waitFor("Login to your Control Panel", "Demo world")
        try tmux.beat()
        try tmux.type("alice@example.com")
        try tmux.press("Tab")
        try tmux.type(DemoWorld.password)
        try tmux.press("Enter")
        try tmux.waitFor("sunrise-bakery.com", "alice@example.com (Customer ID 100001)")
        try tmux.beat()

        // Search as you type, then open the order.
        try tmux.type("/")
        try tmux.type("sunrise")
        try tmux.waitFor("1-2 of 2")
        try tmux.beat()
        try tmux.press("Enter")
        try tmux.waitFor("Enter Open")
        try tmux.press("Enter")
        try tmux.waitFor("Order 1001", "Related services", "[m] Move Services")
        try tmux.beat(1.5)

        // Move Services: refused, then confirmed.
        try tmux.type("m")
        try tmux.waitFor("Customer Username (Email Address)")
        try tmux.type("bob@example.net")
        try tmux.press("Tab")
        try tmux.type("100003")
        try tmux.press("Tab", "Tab", "Enter")
        try tmux.waitFor("! Attention", "The Customer username and Customer ID are not of the same Customer")
        try tmux.beat(2)
        try tmux.press("BTab", "BTab")
        for _ in 0..<6 { try tmux.press("BSpace") }
        try tmux.type("100002")
        try tmux.press("Tab", "Tab", "Enter")
        try tmux.waitFor("Confirm that this is the Customer account", "Bob Schneider", "1002  Email Hosting")
        try tmux.beat(2)
        try tmux.press("Enter")
        try tmux.waitFor("Transaction ID", "Bob Schneider")
        try tmux.beat(1.5)
        try tmux.press("Enter")                    // Done: back to the order list
        try tmux.waitForAbsence(of: "Transaction ID")
        try tmux.waitFor("C SSL")
        try tmux.beat()

        // SSL Certificates: paste a CSR for 1003, preview it, submit it, issued.
        try tmux.type("C")
        try tmux.waitFor("SSL Certificates", "bluebird-studio.com")
        try tmux.beat()
        try tmux.type("s")
        try tmux.waitFor("State: Waiting for CSR", "1 certificate")
        try tmux.press("Enter")
        try tmux.waitFor("Certificate 1003", "[c] Enter CSR")
        try tmux.beat()
        try tmux.type("c")
        try tmux.waitFor("CSR (PEM), pasted:")
        try tmux.beat(0.5)
        try tmux.paste(csr, scratch: directory)
        try tmux.waitFor("-----END CERTIFICATE REQUEST-----")
        try tmux.beat()
        try tmux.press("Tab", "Tab", "Enter")      // past the file field to Preview
        try tmux.waitFor("Decoded CSR", "This CSR can be submitted for order 1003.")
        try tmux.beat(2)
        try tmux.press("Enter")                    // Submit
        try tmux.waitFor("CSR accepted for order 1003.", "✓ Issued")
        try tmux.beat(1.5)
        try tmux.press("Enter")
        try tmux.waitFor("Certificate 1003", "Serial")
        try tmux.beat(1.5)
        try tmux.type("q")
        try tmux.waitFor("SSL Certificates")
        try tmux.type("q")
        try tmux.waitFor("C SSL")
        try tmux.type("q")
        try tmux.waitForFormat("#{pane_current_command}", toBe: "sh")
        try tmux.beat()

        // Reseller B approves ALVO's request for harbor-lights.com.
        try tmux.type("certpanel demo --keep --db demo.sqlite --as reseller:2")
        try tmux.press("Enter")
        try tmux.waitFor("Orders", "T Transfers")
        try tmux.beat()
        try tmux.type("T")
        try tmux.waitFor("Incoming (you hold the domain and decide)", "harbor-lights.com")
        var selected = Self.selectedRow(try tmux.screen())
        for _ in 0..<10 where selected?.contains("harbor-lights.com") != true {
            try tmux.press("Down")
            let before = selected
            selected = Self.selectedRow(try tmux.wait("the selection to move") { Self.selectedRow($0) != before })
        }
        #expect(selected?.contains("harbor-lights.com") == true, "harbor-lights.com is not in the incoming list")
        try tmux.beat()
        try tmux.type("a")
        try tmux.waitFor("Approve the internal transfer of harbor-lights.com")
        try tmux.beat()
        try tmux.press("Left", "Enter")            // Cancel is focused first
        try tmux.waitFor("Transfer approved: harbor-lights.com now belongs")
        try tmux.beat(2)
        try tmux.type("q")
        try tmux.waitFor("Orders")
        try tmux.type("q")
        try tmux.waitForFormat("#{pane_current_command}", toBe: "sh")
        let (finalScreen, finalFrame) = try Self.settled(tmux)
        recorder.record(finalFrame)
        try tmux.beat()

        // It all happened.
        let cli = CLI(databasePath: directory.appendingPathComponent("demo.sqlite").path)
        #expect(try cli.run(["--as", "customer:\(DemoWorld.bob)", "orders", "show", "1001"]).status == 0, "1001 did not move to Bob")
        let issued = try cli.run(["--as", "customer:\(DemoWorld.alice)", "ssl", "show", "1003"])
        #expect(issued.stdout.contains("Issued"), "\(issued.stdout)\(issued.stderr)")
        let transfer = try cli.run(["--as", "reseller:1", "api", "command=StatusDomainTransfer", "domain=harbor-lights.com"])
        #expect(transfer.stdout.contains("completed"), "\(transfer.stdout)\(transfer.stderr)")

        let file = destination ?? directory.appendingPathComponent("demo.cast")
        try recorder.write(to: file)
        let cast = try Cast(parsing: try String(contentsOf: file, encoding: .utf8))
        try Self.expectWalkthrough(cast)
        let replayed = try Self.replay(file, cast, scratch: directory)
        #expect(replayed.screen == finalScreen, "the replay ends on another screen:\n\(TmuxSession.framed(replayed.screen))\nnot:\n\(TmuxSession.framed(finalScreen))")
        if destination != nil {
            let size = (try? FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int) ?? 0
            print("theDemoWalkthrough: wrote \(file.path): \(cast.events.count) events, \(String(format: "%.1f", cast.duration)) s, \(size) bytes")
        }
    }

    /// The committed docs/demo.cast is a walkthrough that plays: valid asciicast v2 at 100x30,
    /// small, with every step of the walk on its screens.
    @Test func theCommittedDemoCastIsTheWalkthrough() throws {
        let file = Self.packageRoot.appendingPathComponent("docs/demo.cast")
        let data = try Data(contentsOf: file)
        #expect(data.count < 300_000, "docs/demo.cast is \(data.count) bytes")
        let cast = try Cast(parsing: String(decoding: data, as: UTF8.self))
        #expect(cast.width == 100 && cast.height == 30)
        #expect((20...240).contains(cast.duration), "it plays for \(cast.duration) s")
        try Self.expectWalkthrough(cast)
        // Played to the end: the shell, after Reseller B's session.
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("certpanel-cast-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let replayed = try Self.replay(file, cast, scratch: scratch)
        let rows = replayed.screen.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(rows.contains("$ certpanel demo --keep --db demo.sqlite --as reseller:2"), "\(TmuxSession.framed(replayed.screen))")
        #expect(replayed.frame.cursorVisible)
    }

    // MARK: - Helpers

    /// The screens of the walkthrough, in order, in a cast's text.
    static func expectWalkthrough(_ cast: Cast, sourceLocation: SourceLocation = #_sourceLocation) throws {
        try expectInOrder([
            "certpanel demo --db demo.sqlite", "Login to your Control Panel", "alice@example.com (Customer ID 100001)", "1-2 of 2", "Order 1001",
            "Customer Username (Email Address)", "The Customer username and Customer ID are not of the same",
            "Confirm that this is the Customer account", "Transaction ID",
            "SSL Certificates", "State: Waiting for CSR", "Certificate 1003", "-----BEGIN CERTIFICATE REQUEST-----",
            "Decoded CSR", "CSR accepted for order 1003.",
            "certpanel demo --keep --db demo.sqlite --as reseller:2", "Incoming (you hold the domain and decide)",
            "Approve the internal transfer of harbor-lights.com", "Transfer approved: harbor-lights.com now belongs",
        ], in: cast.text, sourceLocation: sourceLocation)
        // What `certpanel demo` printed shows once the panel has given the screen back.
        #expect(cast.text.contains("Seeded the demo world into demo.sqlite"), sourceLocation: sourceLocation)
    }

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

    /// Plays the cast in `file` into a fresh tmux pane of its size (started in `directory`),
    /// with `asciinema play` when it is installed (at 20 times the speed), else by writing its
    /// output with `cat`, and returns the screen it ends on.
    static func replay(_ file: URL, _ cast: Cast, scratch directory: URL) throws -> (screen: String, frame: CastRecorder.Frame) {
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

    /// Where `RECORD_DEMO` says to write the walkthrough: docs/demo.cast for `1`, or a path.
    static var demoCastDestination: URL? {
        guard let value = ProcessInfo.processInfo.environment["RECORD_DEMO"], !value.isEmpty, value != "0" else { return nil }
        if value == "1" { return packageRoot.appendingPathComponent("docs/demo.cast") }
        return URL(fileURLWithPath: value)
    }

    /// The package's directory (this file is Tests/CertpanelTests/DemoCastTests.swift).
    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    static var asciinema: String? {
        ["/usr/bin/asciinema", "/usr/local/bin/asciinema"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
