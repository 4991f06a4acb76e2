import CLibPQ
import Foundation

/// One libpq connection to PostgreSQL, as the use cases' `SQLConnection`.
///
/// One owner at a time: libpq's PGconn is not thread-safe, and every method but `cancel()`
/// must come from the thread (or task) that owns the connection now. `cancel()` alone may be
/// called from any thread while a statement runs; that is why the class is
/// `@unchecked Sendable` (the lock below guards the cancel handle it shares).
public final class PostgresConnection: SQLConnection, @unchecked Sendable {
    private let connection: OpaquePointer
    /// The server as messages name it: "postgresql://user@host:port/db", never a password.
    public let target: String
    public private(set) var changedRowCount = 0

    private let cancelLock = NSLock()
    private var canceller: OpaquePointer?
    /// SQL text to its `$n` form, and to the name of its prepared statement (per bound types).
    private var rewritten: [String: String] = [:]
    private var prepared: [PreparedKey: String] = [:]

    private struct PreparedKey: Hashable {
        var sql: String
        var types: [Oid]
    }

    /// Dynamic SQL (IN lists of every length) would grow the caches without end; past these
    /// sizes statements are rewritten, or run unprepared, every time.
    private static let rewriteCacheLimit = 1000
    private static let preparedLimit = 500

    /// `conninfo` is a URI (`postgresql://user@host:port/dbname?sslmode=require`) or a
    /// key=value string; libpq fills the rest from PGHOST, PGPASSWORD, ~/.pgpass and the like.
    public init(conninfo: String) throws {
        // Later keywords override the expanded conninfo: the client encoding is always UTF-8,
        // which is what every String handed in and out of this class is.
        let keywords = ["fallback_application_name", "dbname", "client_encoding"]
        let values = ["certpanel", conninfo, "UTF8"]
        let pointer = Self.withCStrings(keywords) { keywordPointers in
            Self.withCStrings(values) { valuePointers in
                PQconnectdbParams(keywordPointers, valuePointers, 1)
            }
        }
        guard let pointer else {
            throw PostgresError(message: "cannot connect to PostgreSQL: libpq could not allocate a connection", connectionBroken: true)
        }
        connection = pointer
        target = Self.target(of: pointer)
        guard PQstatus(pointer) == CONNECTION_OK else {
            let reason = Self.redacted(Self.errorMessage(pointer), password: PQpass(pointer).map { String(cString: $0) })
            // Every stored property is set, so deinit runs and finishes the connection.
            throw PostgresError(
                message: "cannot connect to PostgreSQL at \(target): \(reason). Check that the server runs and the --db URL "
                    + "(user, host, port, database); the password comes from PGPASSWORD or ~/.pgpass.",
                connectionBroken: true)
        }
        canceller = PQgetCancel(pointer)
        // libpq prints NOTICEs ("relation … already exists, skipping") to stderr, where they
        // would land in a command's output or over a terminal screen: the panel has no use for them.
        PQsetNoticeProcessor(pointer, { _, _ in }, nil)
    }

    deinit {
        if let canceller { PQfreeCancel(canceller) }
        PQfinish(connection)
    }

    public var dialect: SQLDialect { .postgresql }

    // MARK: - Statements

    public func run(_ sql: String, _ arguments: SQLArguments, cached: Bool) throws {
        if arguments.isEmpty && !cached {
            // PQexec takes several statements separated by semicolons (schema scripts).
            try check(PQexec(connection, sql)) { _ in }
        } else {
            try runStatement(sql, arguments, cached: cached) { _ in }
        }
    }

    public func rows(_ sql: String, _ arguments: SQLArguments, cached: Bool) throws -> [SQLRow] {
        try runStatement(sql, arguments, cached: cached) { PostgresResultReader.rows($0) }
    }

    /// The first row. The whole result still crosses the wire: a statement that may return
    /// many rows should say LIMIT 1.
    public func firstRow(_ sql: String, _ arguments: SQLArguments, cached: Bool) throws -> SQLRow? {
        try runStatement(sql, arguments, cached: cached) { PostgresResultReader.rows($0, limit: 1).first }
    }

    /// One statement with bound values: prepared once per connection when `cached`, else
    /// parsed each time by PQexecParams.
    private func runStatement<T>(_ sql: String, _ arguments: SQLArguments, cached: Bool, _ read: (OpaquePointer) throws -> T) throws -> T {
        let text = arguments.isEmpty ? sql : placeholders(sql)
        let parameters = try PostgresParameters(arguments)
        if cached, let name = try preparedName(text, parameters) {
            do {
                return try parameters.withValues { values in
                    try check(PQexecPrepared(connection, name, parameters.count, values, parameters.lengths, parameters.formats, 0), read)
                }
            } catch let error as PostgresError where error.sqlState == "26000" || error.sqlState == "0A000" {
                // The statement is gone (DISCARD ALL by a pooler) or its plan no longer fits
                // a changed table: prepare it afresh next time.
                prepared[PreparedKey(sql: text, types: parameters.types)] = nil
                throw error
            }
        }
        return try parameters.withValues { values in
            try check(PQexecParams(connection, text, parameters.count, parameters.types, values, parameters.lengths, parameters.formats, 0), read)
        }
    }

    private func placeholders(_ sql: String) -> String {
        if let known = rewritten[sql] { return known }
        let text = PostgresPlaceholders.rewrite(sql)
        if rewritten.count < Self.rewriteCacheLimit { rewritten[sql] = text }
        return text
    }

    /// The name of `sql`'s prepared statement for these parameter types, preparing it the first
    /// time; nil once the cache is full.
    private func preparedName(_ sql: String, _ parameters: PostgresParameters) throws -> String? {
        let key = PreparedKey(sql: sql, types: parameters.types)
        if let name = prepared[key] { return name }
        guard prepared.count < Self.preparedLimit else { return nil }
        let name = "certpanel_\(prepared.count + 1)_\(UInt32.random(in: 0...UInt32.max))"
        try check(PQprepare(connection, name, sql, parameters.count, parameters.types)) { _ in }
        prepared[key] = name
        return name
    }

    /// Reads a successful result and clears it; a failed one becomes a `PostgresError`.
    private func check<T>(_ result: OpaquePointer?, _ read: (OpaquePointer) throws -> T) throws -> T {
        guard let result else { throw failure(nil) }
        defer { PQclear(result) }
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY:
            noteChangedRows(result)
            return try read(result)
        case PGRES_COPY_IN, PGRES_COPY_OUT, PGRES_COPY_BOTH:
            throw PostgresError(message: "COPY is not supported through this connection")
        default:
            throw failure(result)
        }
    }

    /// As SQLite counts: only INSERT, UPDATE, DELETE and MERGE set the count; a SELECT keeps
    /// the last one.
    private func noteChangedRows(_ result: OpaquePointer) {
        guard let status = PQcmdStatus(result) else { return }
        let command = String(cString: status)
        guard ["INSERT", "UPDATE", "DELETE", "MERGE"].contains(where: { command.hasPrefix($0 + " ") }),
              let tuples = PQcmdTuples(result) else { return }
        changedRowCount = Int(String(cString: tuples)) ?? 0
    }

    private func failure(_ result: OpaquePointer?) -> PostgresError {
        let broken = PQstatus(connection) == CONNECTION_BAD
        guard let result else {
            return PostgresError(message: Self.errorMessage(connection), connectionBroken: broken)
        }
        func field(_ code: Character) -> String? {
            PQresultErrorField(result, Int32(code.asciiValue!)).map { String(cString: $0) }
        }
        let fallback = String(cString: PQresultErrorMessage(result)).trimmingCharacters(in: .whitespacesAndNewlines)
        let message = field("M") ?? (fallback.isEmpty ? Self.errorMessage(connection) : fallback)
        return PostgresError(message: message, detail: field("D"), sqlState: field("C"), connectionBroken: broken)
    }

    // MARK: - Connection state

    /// Whether libpq still holds a working connection. No round trip: after a server restart
    /// this stays true until a statement fails with `isConnectionLost`.
    public var isAlive: Bool { PQstatus(connection) == CONNECTION_OK }

    /// Reconnects with the same parameters, after a restart of the server or a lost network.
    /// Prepared statements and LISTENs belong to the old session: listen again afterwards.
    public func reset() throws {
        PQreset(connection)
        prepared.removeAll()
        cancelLock.lock()
        if let canceller { PQfreeCancel(canceller) }
        canceller = PQstatus(connection) == CONNECTION_OK ? PQgetCancel(connection) : nil
        cancelLock.unlock()
        guard PQstatus(connection) == CONNECTION_OK else {
            throw PostgresError(message: "cannot reconnect to PostgreSQL at \(target): \(Self.errorMessage(connection))",
                                connectionBroken: true)
        }
    }

    /// Asks the server to cancel the statement running now, from any thread (a stale search
    /// while the user types on). That statement then throws `isQueryCanceled`. False when the
    /// request could not be sent; nothing running is not an error.
    @discardableResult
    public func cancel() -> Bool {
        cancelLock.lock()
        defer { cancelLock.unlock() }
        guard let canceller else { return false }
        var message = [CChar](repeating: 0, count: 256)
        return PQcancel(canceller, &message, Int32(message.count)) == 1
    }

    // MARK: - Helpers

    static func errorMessage(_ connection: OpaquePointer) -> String {
        String(cString: PQerrorMessage(connection)).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// libpq's messages name hosts and users, not passwords; this makes sure of it.
    static func redacted(_ message: String, password: String?) -> String {
        guard let password, !password.isEmpty else { return message }
        return message.replacingOccurrences(of: password, with: "***")
    }

    /// "postgresql://user@host:port/dbname" from what libpq resolved (URI, environment and
    /// defaults together), without the password.
    static func target(of connection: OpaquePointer) -> String {
        func text(_ value: UnsafeMutablePointer<CChar>?) -> String { value.map { String(cString: $0) } ?? "" }
        let user = text(PQuser(connection)), host = text(PQhost(connection))
        let port = text(PQport(connection)), database = text(PQdb(connection))
        if host.hasPrefix("/") {
            return "postgresql://\(user)@/\(database)?host=\(host)&port=\(port)"
        }
        let bracketed = host.contains(":") ? "[\(host)]" : host
        return "postgresql://\(user)@\(bracketed):\(port)/\(database)"
    }

    static func withCStrings<T>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> T) -> T {
        let copies = strings.map { strdup($0) }
        defer { copies.forEach { free($0) } }
        let pointers: [UnsafePointer<CChar>?] = copies.map { $0.map { UnsafePointer($0) } } + [nil]
        return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
    }

    /// The raw PGconn, for the notification helpers in this module.
    var handle: OpaquePointer { connection }
}
