import Foundation
import GRDB
import GRDBSQLite
import PanelModel

/// The SQLite store: one file in WAL mode, foreign keys on, a busy timeout, and every
/// write inside a `BEGIN IMMEDIATE` transaction so read-then-write use cases never
/// fail half-way on a lock upgrade.
final class SQLiteEngine: StoreEngine {
    let path: String
    /// A pool (one writer, readers beside it) for a session, one connection for a command.
    let connections: any DatabaseWriter

    /// How long a writer waits for another process's write lock before giving up.
    static let busyTimeout: TimeInterval = 5

    /// Page cache per connection, as `PRAGMA cache_size` (negative: KiB; SQLite's default
    /// size). Searches stop early and read few pages, and the OS keeps the file cached, so a
    /// small cache costs little time and keeps a session small; bulk writes raise it for their
    /// transaction (`bulkWrite`).
    static let interactiveCacheKiB = -2048
    static let bulkCacheKiB = -262_144

    var dialect: SQLDialect { .sqlite }

    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    init(path: String, access: PanelDatabase.Access) throws {
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

    func read<T>(_ body: (any SQLConnection) throws -> T) throws -> T {
        try connections.read { db in try body(GRDBConnection(db)) }
    }

    func write<T>(_ body: (any SQLConnection) throws -> T) throws -> T {
        try transaction(commit: true, body)
    }

    func bulkWrite<T>(_ body: (any SQLConnection) throws -> T) throws -> T {
        try write { connection in
            let db = (connection as! GRDBConnection).db
            try db.execute(sql: "PRAGMA cache_size = \(Self.bulkCacheKiB)")
            defer { try? db.execute(sql: "PRAGMA cache_size = \(Self.interactiveCacheKiB)") }
            return try body(connection)
        }
    }

    func rehearse<T>(_ body: (any SQLConnection) throws -> T) throws -> T {
        try transaction(commit: false, body)
    }

    private func transaction<T>(commit: Bool, _ body: (any SQLConnection) throws -> T) throws -> T {
        try connections.writeWithoutTransaction { db in
            var result: T?
            try db.inTransaction(.immediate) {
                result = try body(GRDBConnection(db))
                return commit ? .commit : .rollback
            }
            return result!
        }
    }

    /// A statement still running when the calling Task is cancelled (a keystroke made the
    /// search stale) stops within about a thousand SQLite VM steps. The connection stays
    /// usable. Outside a Task it is a plain read.
    func cancellableRead<T>(_ body: (any SQLConnection) throws -> T) throws -> T {
        try withUnsafeCurrentTask { task in
            guard let task else { return try read(body) }
            if task.isCancelled { throw CancellationError() }
            // The task outlives this closure, so the probe may look at it until it returns.
            let probe = CancellationProbe { task.isCancelled }
            return try withExtendedLifetime(probe) {
                try connections.read { db in
                    let connection = db.sqliteConnection
                    sqlite3_progress_handler(connection, CancellationProbe.steps, { context in
                        guard let context else { return 0 }
                        return Unmanaged<CancellationProbe>.fromOpaque(context).takeUnretainedValue().isCancelled() ? 1 : 0
                    }, Unmanaged.passUnretained(probe).toOpaque())
                    defer { sqlite3_progress_handler(connection, 0, nil, nil) }
                    do {
                        return try body(GRDBConnection(db))
                    } catch let error as DatabaseError where error.resultCode == .SQLITE_INTERRUPT {
                        throw CancellationError()
                    }
                }
            }
        }
    }

    /// SQLite's `PRAGMA data_version` on a connection of its own changes when any other
    /// connection (another process, or this process's writer) commits.
    func changeWatcher() throws -> DataChangeWatcher {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.label = "certpanel.watcher"
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        return try DataChangeWatcher {
            try queue.inDatabase { db in try Int.fetchOne(db, sql: "PRAGMA data_version") }.map(Int64.init)
        }
    }

    func tableNames() throws -> [String] {
        try connections.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT GLOB 'order_search*' AND name NOT GLOB 'customer_search*' AND name <> 'grdb_migrations' ORDER BY name")
        }
    }

    /// Writes the WAL back into the main file (used before comparing or copying the file).
    func checkpoint() throws {
        try connections.writeWithoutTransaction { db in
            _ = try db.checkpoint(.truncate)
        }
    }

    func journalMode() throws -> String {
        try connections.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "" }
    }

    func close() throws {
        try connections.close()
    }
}

/// What the progress handler's C callback reaches through its context pointer (it cannot
/// capture anything itself).
private final class CancellationProbe {
    /// SQLite VM steps between two looks: a few microseconds of work.
    static let steps: Int32 = 1000
    let isCancelled: () -> Bool
    init(_ isCancelled: @escaping () -> Bool) { self.isCancelled = isCancelled }
}
