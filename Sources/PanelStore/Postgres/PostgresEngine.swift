import Foundation
import PanelModel

/// The PostgreSQL store, for several front-end hosts on one database. Reads run in
/// REPEATABLE READ snapshots (like a SQLite read); writes run SERIALIZABLE, so a use case
/// that reads, checks a rule and writes cannot interleave with another such write (SQLite
/// gets the same from its single writer), and are retried when PostgreSQL reports a
/// serialization failure or a deadlock.
final class PostgresEngine: StoreEngine {
    /// The URL without its password, for messages.
    let displayURL: String
    private let pool: PostgresPool

    var dialect: SQLDialect { .postgresql }

    /// How often a write that lost a serialization conflict is tried again.
    static let writeAttempts = 12

    init(url: String, access: PanelDatabase.Access) throws {
        displayURL = PostgresURL.redacted(url)
        pool = try PostgresPool(conninfo: url, maximumIdle: access == .session ? 3 : 1)
        try pool.with { connection in try PostgresMigrator.migrate(connection) }
    }

    func read<T>(_ body: (any SQLConnection) throws -> T) throws -> T {
        try withConnection { connection in
            try self.transaction(connection, begin: "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", commit: true, body)
        }
    }

    func write<T>(_ body: (any SQLConnection) throws -> T) throws -> T {
        try retrying { connection in
            try self.transaction(connection, begin: "BEGIN ISOLATION LEVEL SERIALIZABLE", commit: true, body)
        }
    }

    func bulkWrite<T>(_ body: (any SQLConnection) throws -> T) throws -> T {
        try write(body)
    }

    func rehearse<T>(_ body: (any SQLConnection) throws -> T) throws -> T {
        try retrying { connection in
            try self.transaction(connection, begin: "BEGIN ISOLATION LEVEL SERIALIZABLE", commit: false, body)
        }
    }

    /// A connection from the pool; one that cannot be had because the server is gone reads as
    /// the panel's "cannot be reached" (errors inside a transaction are mapped there).
    private func withConnection<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        do {
            return try pool.with(body)
        } catch let error as PostgresError where error.isConnectionLost || error.connectionBroken {
            throw unreachable(error, outcome: "Nothing was changed.")
        }
    }

    /// Runs `attempt` until it does not fail on a serialization conflict or a deadlock, with a
    /// short random pause that grows, so competing writers do not collide again in step.
    private func retrying<T>(_ attempt: (PostgresConnection) throws -> T) throws -> T {
        var tries = 0
        while true {
            tries += 1
            do {
                return try withConnection(attempt)
            } catch let error as PostgresError where error.isSerializationFailure || error.isDeadlock {
                guard tries < Self.writeAttempts else {
                    throw PanelError.unavailable("Other changes to the same data kept coming first (\(tries) tries); nothing was changed. Try again.")
                }
                let ceiling = min(100_000, 1_000 << min(tries, 7))   // µs: 2 ms, 4 ms, … 100 ms
                usleep(UInt32.random(in: 500...UInt32(ceiling)))
            }
        }
    }

    /// `body` between `begin` and COMMIT (or ROLLBACK: always when `commit` is false, and when
    /// anything throws). Rows inserted with an explicit `id` move their table's sequence past
    /// them before the commit, as SQLite's rowid would.
    private func transaction<T>(_ connection: PostgresConnection, begin: String, commit: Bool,
                                _ body: (any SQLConnection) throws -> T) throws -> T {
        do {
            try connection.execute(sql: begin)
        } catch let error as PostgresError where error.isConnectionLost || error.connectionBroken {
            // The server restarted since this connection was last used: nothing has run yet,
            // so reconnect and begin again.
            do {
                try connection.reset()
                try connection.execute(sql: begin)
            } catch let again as PostgresError where again.isConnectionLost || again.connectionBroken {
                throw unreachable(again, outcome: "Nothing was changed.")
            }
        }
        let result: T
        do {
            let transaction = PostgresTransaction(connection)
            result = try body(transaction)
            try transaction.advanceSequences()
        } catch let error as PostgresError where error.isConnectionLost || error.connectionBroken {
            throw unreachable(error, outcome: "Nothing was changed.")
        } catch {
            if connection.isAlive { try? connection.execute(sql: "ROLLBACK") }
            throw error
        }
        do {
            try connection.execute(sql: commit ? "COMMIT" : "ROLLBACK")
        } catch let error as PostgresError where error.isConnectionLost || error.connectionBroken {
            throw unreachable(error, outcome: commit && begin.contains("SERIALIZABLE")
                ? "The connection broke while the change was being committed: check whether it was made before you repeat it."
                : "Nothing was changed.")
        }
        return result
    }

    /// What a user reads when the server went away: not an incident of the panel's.
    private func unreachable(_ error: PostgresError, outcome: String) -> PanelError {
        .unavailable("The database at \(displayURL) cannot be reached (\(error.message)). \(outcome) Try again in a moment; if it goes on, tell your provider.")
    }

    /// A read whose statement is cancelled on the server (PQcancel) when the calling Task is
    /// cancelled: a keystroke made the search stale. Outside a Task it is a plain read.
    func cancellableRead<T>(_ body: (any SQLConnection) throws -> T) throws -> T {
        try withUnsafeCurrentTask { task in
            guard let task else { return try read(body) }
            if task.isCancelled { throw CancellationError() }
            // The task outlives this call, so the watch may look at it until it is stopped.
            nonisolated(unsafe) let watched = task
            return try withConnection { connection in
                let watch = CancellationWatch(connection: connection) { watched.isCancelled }
                defer { watch.stop() }
                do {
                    return try self.transaction(connection, begin: "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", commit: true, body)
                } catch let error as PostgresError where error.isQueryCanceled && task.isCancelled {
                    throw CancellationError()
                }
            }
        }
    }

    /// A connection of its own that LISTENs on the channel the schema's triggers notify on:
    /// asking costs no round trip, only a look at what the socket already holds.
    func changeWatcher() throws -> DataChangeWatcher {
        let listener = try PostgresListener(conninfo: pool.conninfo, channel: PostgresMigrator.changeChannel)
        return try DataChangeWatcher { try listener.version() }
    }

    func tableNames() throws -> [String] {
        try read { db in
            try String.fetchAll(db, sql: """
                SELECT tablename::text FROM pg_tables WHERE schemaname = current_schema() AND tablename <> 'schema_migrations' ORDER BY tablename
                """)
        }
    }

    func close() throws {
        pool.closeAll()
    }
}

/// A transaction's connection: statements pass through; an INSERT that names the `id`
/// column marks its table, whose sequence then moves past the largest id before the commit.
final class PostgresTransaction: SQLConnection {
    let connection: PostgresConnection
    private var explicitIDTables: Set<String> = []

    init(_ connection: PostgresConnection) { self.connection = connection }

    var dialect: SQLDialect { .postgresql }
    var changedRowCount: Int { connection.changedRowCount }

    func run(_ sql: String, _ arguments: SQLArguments, cached: Bool) throws {
        note(sql)
        try connection.run(sql, arguments, cached: cached)
    }

    func rows(_ sql: String, _ arguments: SQLArguments, cached: Bool) throws -> [SQLRow] {
        note(sql)
        return try connection.rows(sql, arguments, cached: cached)
    }

    func firstRow(_ sql: String, _ arguments: SQLArguments, cached: Bool) throws -> SQLRow? {
        note(sql)
        return try connection.firstRow(sql, arguments, cached: cached)
    }

    private func note(_ sql: String) {
        guard let table = Self.tableInsertedWithID(sql), PostgresSchema.identityTables.contains(table) else { return }
        explicitIDTables.insert(table)
    }

    /// `orders` for "INSERT INTO orders (id, …" (names quoted or not), else nil.
    static func tableInsertedWithID(_ sql: String) -> String? {
        let words = sql.prefix(200).split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "(" || $0 == "," || $0 == "\"" })
        guard words.count >= 4, words[0].uppercased() == "INSERT", words[1].uppercased() == "INTO", words[3] == "id" else { return nil }
        return String(words[2])
    }

    func advanceSequences() throws {
        for table in explicitIDTables.sorted() {
            try connection.execute(sql: """
                SELECT setval(pg_get_serial_sequence('\(table)', 'id'), coalesce(max(id), 0) + 1, false) FROM \(table)
                """)
        }
        explicitIDTables.removeAll()
    }
}

/// Watches a Task while a statement runs on `connection` and cancels the statement on the
/// server as soon as the Task is cancelled.
private final class CancellationWatch: @unchecked Sendable {
    private let timer: DispatchSourceTimer
    private let lock = NSLock()
    private var stopped = false

    init(connection: PostgresConnection, isCancelled: @escaping @Sendable () -> Bool) {
        timer = DispatchSource.makeTimerSource(queue: .global(qos: .userInitiated))
        timer.schedule(deadline: .now() + .milliseconds(2), repeating: .milliseconds(2))
        timer.setEventHandler { [weak self, connection] in
            guard let self, isCancelled() else { return }
            self.lock.withLock {
                guard !self.stopped else { return }
                self.stopped = true
                _ = connection.cancel()
                self.timer.cancel()
            }
        }
        timer.resume()
    }

    func stop() {
        lock.withLock {
            guard !stopped else { return }
            stopped = true
            timer.cancel()
        }
    }
}
