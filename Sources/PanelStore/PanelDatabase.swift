import Foundation
import GRDB
import PanelModel

/// The SQLite store: one file in WAL mode, foreign keys on, a busy timeout, and every
/// write inside a `BEGIN IMMEDIATE` transaction so read-then-write use cases never
/// fail half-way on a lock upgrade.
public final class PanelDatabase: Sendable {
    public let path: String
    /// A pool (one writer, readers beside it) for a session, one connection for a command.
    let connections: any DatabaseWriter

    /// How the process uses the database.
    public enum Access: Sendable {
        /// A panel session: searches run on readers while a write may be under way.
        case session
        /// A command that runs its statements one after another and exits: one connection,
        /// opened without the write GRDB's pool makes to create the WAL file when no other
        /// connection has it open (a commit with two fsyncs, before the first read).
        case oneShot
    }

    /// How long a writer waits for another process's write lock before giving up.
    public static let busyTimeout: TimeInterval = 5

    /// Page cache per connection, as `PRAGMA cache_size` (negative: KiB; SQLite's default
    /// size). Searches stop early and read few pages, and the OS keeps the file cached, so a
    /// small cache costs little time and keeps a session small; bulk writes raise it for their
    /// transaction (`bulkWrite`).
    static let interactiveCacheKiB = -2048
    static let bulkCacheKiB = -262_144

    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    public init(path: String, access: Access = .session) throws {
        self.path = path
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try DatabaseFile.createOwnerOnly(path)
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(Self.busyTimeout)
        config.journalMode = .wal
        config.label = "certpanel"
        // A session reads on one connection at a time (a stale search is cancelled, not
        // waited for); every extra reader would keep its own page cache.
        config.maximumReaderCount = 2
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA cache_size = \(Self.interactiveCacheKiB)")
        }
        do {
            switch access {
            case .session:
                connections = try DatabasePool(path: path, configuration: config)
            case .oneShot:
                // The file's own journal mode, WAL once set (it persists in the file), with the
                // pool's synchronous level for WAL.
                config.journalMode = .default
                config.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = NORMAL") }
                let queue = try DatabaseQueue(path: path, configuration: config)
                try queue.writeWithoutTransaction { db in
                    guard try String.fetchOne(db, sql: "PRAGMA journal_mode") != "wal" else { return }
                    guard try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL") == "wal" else {
                        throw PanelError.invalidInput("cannot switch the database at \(path) to WAL mode")
                    }
                }
                connections = queue
            }
        } catch let error as DatabaseError {
            throw DatabaseFile.openError(error, path: path)
        }
        do {
            try Schema.migrator.migrate(connections)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
            throw DatabaseFile.openError(error, path: path)
        }
    }

    /// Reads from a consistent snapshot.
    public func read<T>(_ body: (Database) throws -> T) throws -> T {
        try connections.read(body)
    }

    /// Runs `body` in one `BEGIN IMMEDIATE` transaction: all of it commits, or none of it.
    @discardableResult
    public func write<T>(_ body: (Database) throws -> T) throws -> T {
        try connections.writeWithoutTransaction { db in
            var result: T?
            try db.inTransaction(.immediate) {
                result = try body(db)
                return .commit
            }
            return result!
        }
    }

    /// Runs `body` like `write` with a large page cache for its transaction: seeding and
    /// loading touch every index page many times over.
    @discardableResult
    public func bulkWrite<T>(_ body: (Database) throws -> T) throws -> T {
        try write { db in
            try db.execute(sql: "PRAGMA cache_size = \(Self.bulkCacheKiB)")
            defer { try? db.execute(sql: "PRAGMA cache_size = \(Self.interactiveCacheKiB)") }
            return try body(db)
        }
    }

    /// Runs `body` like `write`, then rolls everything back: a rehearsal that reports what
    /// would happen and leaves the data as it was (seed 003's test mode).
    public func rehearse<T>(_ body: (Database) throws -> T) throws -> T {
        try connections.writeWithoutTransaction { db in
            var result: T?
            try db.inTransaction(.immediate) {
                result = try body(db)
                return .rollback
            }
            return result!
        }
    }

    /// Writes the WAL back into the main file (used before comparing or copying the file).
    public func checkpoint() throws {
        try connections.writeWithoutTransaction { db in
            _ = try db.checkpoint(.truncate)
        }
    }

    public func close() throws {
        try connections.close()
    }

    /// The journal mode SQLite reports for this file (`wal`).
    public func journalMode() throws -> String {
        try read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "" }
    }

    /// Whether the database holds no resellers, customers or orders yet.
    public func isEmpty() throws -> Bool {
        try read { db in
            try Int.fetchOne(db, sql: "SELECT (SELECT COUNT(*) FROM resellers) + (SELECT COUNT(*) FROM customers) + (SELECT COUNT(*) FROM orders)") == 0
        }
    }
}

extension PanelDatabase {
    /// Every row of every table, in a stable order, as text: for checking that an operation
    /// left the data unchanged across processes (GRDB touches the file's header bytes when it
    /// opens a database whose WAL file is gone, so bytes alone cannot tell).
    public func contentDump() throws -> [String] {
        try read { db in
            let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
            var lines: [String] = []
            for table in tables {
                let quoted = "\"" + table.replacingOccurrences(of: "\"", with: "\"\"") + "\""
                lines += try Row.fetchAll(db, sql: "SELECT * FROM \(quoted)").map { "\(table) \($0)" }.sorted()
            }
            return lines
        }
    }
}
