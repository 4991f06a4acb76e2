import Crypto
import Foundation
import PanelModel
@testable import PanelStore

/// A real database file in a fresh temporary directory, removed when the test ends.
final class TemporaryDatabase: Sendable {
    let directory: URL
    let database: PanelDatabase

    init(name: String = "test.sqlite") throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("certpanel-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        database = try PanelDatabase(path: directory.appendingPathComponent(name).path)
    }

    var path: String { database.path }

    deinit {
        try? database.close()
        try? FileManager.default.removeItem(at: directory)
    }

    static func demo(now: Date = TestClock.now) throws -> TemporaryDatabase {
        let temporary = try TemporaryDatabase()
        try temporary.database.load(DemoWorld.fixture(now: now), source: "demo world")
        return temporary
    }

    /// SHA-256 of the main database file, after writing the WAL back into it.
    func fileDigest() throws -> String {
        try database.checkpoint()
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        return SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }
}

enum TestClock {
    static let now = Date(timeIntervalSince1970: 1_795_000_000)  // 2026-11-18
}
