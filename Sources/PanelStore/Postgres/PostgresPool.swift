import Foundation
import PanelModel

/// The engine's connections: one per statement-running thread at a time, idle ones kept for
/// the next use. A connection that broke (the server restarted) is reset before it is lent
/// again, and a read that failed on a broken connection is not retried here: the caller's
/// action fails with the message and the next one reconnects.
final class PostgresPool: @unchecked Sendable {
    let conninfo: String
    private let maximumIdle: Int
    private let lock = NSLock()
    private var idle: [PostgresConnection] = []   // guarded by lock

    init(conninfo: String, maximumIdle: Int) throws {
        self.conninfo = conninfo
        self.maximumIdle = maximumIdle
        // Connect now, so a wrong URL fails when the store opens, not at the first screen.
        idle.append(try PostgresConnection(conninfo: conninfo))
    }

    func with<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        let connection = try take()
        defer { give(back: connection) }
        return try body(connection)
    }

    private func take() throws -> PostgresConnection {
        if let connection = lock.withLock({ idle.popLast() }) {
            if connection.isAlive { return connection }
            // Broken while idle (a server restart): libpq reconnects with the same settings.
            try connection.reset()
            return connection
        }
        return try PostgresConnection(conninfo: conninfo)
    }

    private func give(back connection: PostgresConnection) {
        lock.withLock {
            if idle.count < maximumIdle { idle.append(connection) }
        }
    }

    func closeAll() {
        lock.withLock { idle.removeAll() }
    }
}

/// A LISTENing connection for `DataChangeWatcher`: a number that goes up with every
/// notification, and after a reconnect (changes may have been missed meanwhile).
final class PostgresListener: @unchecked Sendable {
    private let connection: PostgresConnection
    private let channel: String
    private var count: Int64 = 0

    init(conninfo: String, channel: String) throws {
        connection = try PostgresConnection(conninfo: conninfo)
        self.channel = channel
        try connection.listen(channel: channel)
    }

    /// Called under the watcher's lock.
    func version() throws -> Int64 {
        if !connection.isAlive {
            try connection.reset()
            try connection.listen(channel: channel)
            count += 1
        }
        do {
            if try connection.drainNotifications() > 0 { count += 1 }
        } catch let error as PostgresError where error.isConnectionLost || error.connectionBroken {
            try connection.reset()
            try connection.listen(channel: channel)
            count += 1
        }
        return count
    }
}

/// Applies `PostgresSchema.migrations` that a database has not had yet, each in its own
/// transaction, one migrating process at a time (an advisory lock), so several front ends
/// starting together do not race.
enum PostgresMigrator {
    static let changeChannel = "certpanel_changes"
    /// Any constant; it names the lock among the database's advisory locks.
    static let lockKey: Int64 = 0x6365_7274_7061_6e6c   // "certpanl"

    static func migrate(_ connection: PostgresConnection) throws {
        try connection.execute(sql: "SELECT pg_advisory_lock(\(lockKey))")
        defer { try? connection.execute(sql: "SELECT pg_advisory_unlock(\(lockKey))") }
        try connection.execute(sql: """
            CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())
            """)
        let applied = Set(try String.fetchAll(connection, sql: "SELECT name FROM schema_migrations"))
        for migration in PostgresSchema.migrations where !applied.contains(migration.name) {
            try connection.execute(sql: "BEGIN")
            do {
                try connection.execute(sql: migration.sql)
                try connection.execute(sql: "INSERT INTO schema_migrations (name) VALUES (?)", arguments: [migration.name])
                try connection.execute(sql: "COMMIT")
            } catch let error as PostgresError {
                try? connection.execute(sql: "ROLLBACK")
                if error.sqlState == "42501" || error.message.contains("pg_trgm") {
                    throw PanelError.invalidInput("""
                        cannot create the schema (\(migration.name)): \(error.message). The panel needs the pg_trgm extension \
                        (Debian: postgresql-contrib); if its role may not create extensions, have a superuser run \
                        CREATE EXTENSION pg_trgm; in this database first.
                        """)
                }
                throw error
            }
        }
    }
}
