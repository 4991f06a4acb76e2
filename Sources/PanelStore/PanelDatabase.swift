import Foundation
import PanelModel

/// The store every screen and command goes through: the use cases (this type's extensions)
/// over one of two engines, a SQLite file (the default, one host) or a PostgreSQL database
/// (several front-end hosts), chosen by what `--db` names.
public final class PanelDatabase: Sendable {
    /// Where the data is: the SQLite file's path, or the PostgreSQL URL without a password.
    public let path: String
    let engine: any StoreEngine

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
    public static let busyTimeout: TimeInterval = SQLiteEngine.busyTimeout

    /// Opens the database `location` names, a file path or a `postgresql://` URL, and brings
    /// its schema up to date.
    public init(path location: String, access: Access = .session) throws {
        if PostgresURL.isPostgres(location) {
            let engine: PostgresEngine
            do {
                engine = try PostgresEngine(url: location, access: access)
            } catch let error as PostgresError {
                // Not an incident: the URL, the server or the credentials need the user's attention.
                throw PanelError.invalidInput(error.description)
            }
            self.engine = engine
            self.path = engine.displayURL
        } else {
            self.engine = try SQLiteEngine(path: location, access: access)
            self.path = location
        }
    }

    public var dialect: SQLDialect { engine.dialect }

    /// `location` as it may be printed: a password in a PostgreSQL URL becomes `***`.
    public static func redactedURL(_ location: String) -> String {
        PostgresURL.redacted(location)
    }

    /// Whether `location` names a PostgreSQL database (`postgresql://…` or `postgres://…`).
    public static func isPostgresURL(_ location: String) -> Bool {
        PostgresURL.isPostgres(location)
    }

    /// Reads from a consistent snapshot.
    public func read<T>(_ body: (any SQLConnection) throws -> T) throws -> T {
        try engine.read(body)
    }

    /// Runs `body` in one transaction that no other write interleaves with: all of it
    /// commits, or none of it.
    @discardableResult
    public func write<T>(_ body: (any SQLConnection) throws -> T) throws -> T {
        try engine.write(body)
    }

    /// Runs `body` like `write` with room for a large transaction: seeding and loading touch
    /// every index page many times over.
    @discardableResult
    public func bulkWrite<T>(_ body: (any SQLConnection) throws -> T) throws -> T {
        try engine.bulkWrite(body)
    }

    /// Runs `body` like `write`, then rolls everything back: a rehearsal that reports what
    /// would happen and leaves the data as it was (seed 003's test mode).
    public func rehearse<T>(_ body: (any SQLConnection) throws -> T) throws -> T {
        try engine.rehearse(body)
    }

    /// Reads like `read`, but a statement still running when the calling Task is cancelled
    /// (a keystroke made the search stale) stops soon and this throws Swift's
    /// `CancellationError`. Outside a Task it is a plain read, so the command line calls it
    /// synchronously.
    public func cancellableRead<T>(_ body: (any SQLConnection) throws -> T) throws -> T {
        try engine.cancellableRead(body)
    }

    /// Writes the WAL back into the main file (used before comparing or copying the file);
    /// nothing to do for PostgreSQL.
    public func checkpoint() throws {
        try (engine as? SQLiteEngine)?.checkpoint()
    }

    public func close() throws {
        try engine.close()
    }

    /// The journal mode SQLite reports for this file (`wal`), or "postgresql".
    public func journalMode() throws -> String {
        try (engine as? SQLiteEngine)?.journalMode() ?? "postgresql"
    }

    /// Whether the database holds no resellers, customers or orders yet.
    public func isEmpty() throws -> Bool {
        try read { db in
            try Int.fetchOne(db, sql: "SELECT (SELECT COUNT(*) FROM resellers) + (SELECT COUNT(*) FROM customers) + (SELECT COUNT(*) FROM orders)") == 0
        }
    }

    /// A note for `db migrate` when PostgreSQL's trigram index cannot serve every search: in a
    /// database whose LC_CTYPE is C, pg_trgm takes letters such as "ü" for separators, so a
    /// search for an IDN's Unicode form reads the table instead (still correct, only slower).
    public func searchIndexNote() throws -> String? {
        guard dialect == .postgresql else { return nil }
        let ctype = try read { db in try String.fetchOne(db, sql: "SELECT current_setting('lc_ctype')") } ?? ""
        guard ["C", "POSIX"].contains(ctype) else { return nil }
        return "Note: this database's LC_CTYPE is \(ctype), so the trigram index cannot serve searches for letters such as ü or ß (they still work, more slowly). Create the database with --lc-ctype=C.UTF-8 (or en_US.UTF-8) and copy the panel into it to have them indexed."
    }

    /// The tables that hold the panel's data (not search indexes or migration bookkeeping).
    public func tableNames() throws -> [String] {
        try engine.tableNames()
    }
}

extension PanelDatabase {
    /// Every row of every table, in a stable order, as text: for checking that an operation
    /// left the data unchanged across processes (GRDB touches the file's header bytes when it
    /// opens a database whose WAL file is gone, so bytes alone cannot tell).
    public func contentDump() throws -> [String] {
        let tables = try tableNames()
        return try read { db in
            var lines: [String] = []
            for table in tables {
                let quoted = "\"" + table.replacingOccurrences(of: "\"", with: "\"\"") + "\""
                lines += try SQLRow.fetchAll(db, sql: "SELECT * FROM \(quoted)").map { "\(table) \($0)" }.sorted()
            }
            return lines
        }
    }
}
