import Crypto
import Foundation
import PanelModel
@testable import PanelStore
import TestSupport

/// A fresh database on the engine under test (`TestStore`), removed when the test ends: a
/// file in a new temporary directory for SQLite, a new database in the private cluster for
/// PostgreSQL. `directory` exists on both, for the files a test writes beside the data.
final class TemporaryDatabase: Sendable {
    let directory: URL
    let database: PanelDatabase
    /// The PostgreSQL database to drop at the end, nil on SQLite.
    private let postgres: (cluster: PostgresCluster, name: String)?

    /// `engine` pins one for a test about SQLite's files or migrations; nil takes the one under test.
    init(name: String = "test.sqlite", engine: SQLDialect? = nil) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("certpanel-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        switch try engine ?? TestStore.dialect() {
        case .sqlite:
            postgres = nil
            database = try PanelDatabase(path: directory.appendingPathComponent(name).path)
        case .postgresql:
            let created = try PostgresTestDatabases.create()
            postgres = created
            database = try PanelDatabase(path: created.cluster.url(database: created.name))
        }
    }

    /// The SQLite file's path, or the PostgreSQL URL (which opens the same database again).
    var path: String { database.path }

    var isPostgres: Bool { postgres != nil }

    deinit {
        try? database.close()
        if let postgres { try? postgres.cluster.dropDatabase(postgres.name) }
        try? FileManager.default.removeItem(at: directory)
    }

    static func demo(now: Date = TestClock.now) throws -> TemporaryDatabase {
        let temporary = try TemporaryDatabase()
        try temporary.database.load(DemoWorld.fixture(now: now), source: "demo world")
        return temporary
    }

    /// SHA-256 of the main database file, after writing the WAL back into it; on PostgreSQL,
    /// of every row (`contentDump`), which is what "unchanged" means there.
    func fileDigest() throws -> String {
        let data: Data
        if isPostgres {
            data = Data(try database.contentDump().joined(separator: "\n").utf8)
        } else {
            try database.checkpoint()
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        }
        return SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }
}

enum TestClock {
    static let now = Date(timeIntervalSince1970: 1_795_000_000)  // 2026-11-18
}
