import Foundation
import Testing
import PanelModel
import PanelStore
import Terminal
@testable import PanelScreens

/// Drives the real screens in an App over a fresh demo database, with a fixed clock, the
/// way a user would: keys, text, pastes; then reads the frame.
final class ScreenHarness {
    static let now = Date(timeIntervalSince1970: 1_795_608_000)  // 2026-11-25T12:00:00Z
    static let goldenDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    let directory: URL
    let database: PanelDatabase
    let session: PanelSession
    let app: App

    /// `clock`: the session's time (the demo world is always seeded at `now`), to walk later days.
    init(as principal: Principal?, size: Size = Size(width: 100, height: 30), clock: Date = ScreenHarness.now) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("certpanel-screens-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("demo.sqlite").path
        try FileManager.default.copyItem(atPath: try Self.template(), toPath: path)
        database = try PanelDatabase(path: path)
        session = PanelSession(database: database, clock: FixedClock(clock), principal: principal)
        session.detectDemoWorld()   // as `certpanel demo` does
        session.domainValidationLookups = .offline   // no screen test reaches the network
        app = App(root: session.rootScreen(), theme: .default, size: size)
        app.handle(.resize(width: size.width, height: size.height))
    }

    /// The demo world is seeded once per test process into a template file (checkpointed, so
    /// the one file is all of it); each harness works on its own copy.
    nonisolated(unsafe) private static var templatePath: String?
    private static let templateLock = NSLock()

    static func template() throws -> String {
        try templateLock.withLock {
            if let templatePath { return templatePath }
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("certpanel-screens-template-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let path = directory.appendingPathComponent("demo.sqlite").path
            let database = try PanelDatabase(path: path)
            try DemoWorld.seed(into: database, now: now, keySeed: DemoWorld.reproducibleKeySeed, clock: FixedClock(now))
            try database.checkpoint()
            try database.close()
            templatePath = path
            return path
        }
    }

    deinit {
        try? database.close()
        try? FileManager.default.removeItem(at: directory)
    }

    func press(_ keys: Key...) { for key in keys { app.handle(.key(key)) } }
    func type(_ text: String) { for character in text { app.handle(.key(.char(character))) } }
    func paste(_ text: String) { app.handle(.paste(text)) }

    var lines: [String] { app.render().lines }
    var text: String { lines.joined(separator: "\n") }

    func contains(_ needle: String) -> Bool { text.contains(needle) }

    var topTitle: String? { app.stack.last?.title }

    /// Opens an order from the list by searching for its ID.
    func openOrder(_ id: Int) {
        press(.char("/"))
        type(String(id))
        press(.enter, .enter)
    }

    func checkGolden(_ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for problem in GoldenFile.check(app.render(), named: name, in: Self.goldenDirectory) {
            Issue.record(Comment(rawValue: problem), sourceLocation: sourceLocation)
        }
    }
}
