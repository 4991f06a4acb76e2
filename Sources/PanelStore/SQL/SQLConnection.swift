import Foundation

/// Which SQL a connection speaks, for the few statements that differ (search, schema,
/// locking); everything else is written once in the subset both understand.
public enum SQLDialect: String, Sendable {
    case sqlite
    case postgresql
}

/// One connection inside a read snapshot or a write transaction, as the use cases see it:
/// statements with `?` placeholders, rows back. The SQLite store (GRDB) and the PostgreSQL
/// store (libpq) each provide one; a use case never sees which.
public protocol SQLConnection: AnyObject {
    var dialect: SQLDialect { get }
    /// Runs one statement (or, without arguments, several separated by semicolons).
    /// `cached` keeps the prepared statement for the next call with the same text.
    func run(_ sql: String, _ arguments: SQLArguments, cached: Bool) throws
    func rows(_ sql: String, _ arguments: SQLArguments, cached: Bool) throws -> [SQLRow]
    /// The first row only; the statement stops there.
    func firstRow(_ sql: String, _ arguments: SQLArguments, cached: Bool) throws -> SQLRow?
    /// Rows changed by the last INSERT, UPDATE or DELETE.
    var changedRowCount: Int { get }
}

extension SQLConnection {
    public func execute(sql: String, cached: Bool = false, arguments: SQLArguments = []) throws {
        try run(sql, arguments, cached: cached)
    }

    public var isPostgres: Bool { dialect == .postgresql }

    /// `column = ?` ignoring ASCII case: SQLite's NOCASE collation, PostgreSQL's `lower()`
    /// (which the unique index on usernames is built on).
    public func equalsIgnoringCase(_ column: String) -> String {
        dialect == .sqlite ? "\(column) = ? COLLATE NOCASE" : "lower(\(column)) = lower(?)"
    }

    /// Runs an INSERT into a table whose key is `id` and returns the new row's `id`.
    public func insert(sql: String, arguments: SQLArguments = []) throws -> Int64 {
        guard let id = try Int64.fetchOne(self, sql: sql + " RETURNING id", arguments: arguments) else {
            throw SQLConnectionError.noRowReturned(sql)
        }
        return id
    }
}

extension SQLRow {
    public static func fetchAll(_ db: any SQLConnection, sql: String, arguments: SQLArguments = [], cached: Bool = false) throws -> [SQLRow] {
        try db.rows(sql, arguments, cached: cached)
    }

    public static func fetchOne(_ db: any SQLConnection, sql: String, arguments: SQLArguments = [], cached: Bool = false) throws -> SQLRow? {
        try db.firstRow(sql, arguments, cached: cached)
    }
}

extension SQLValueConvertible {
    /// The first column of every row; NULLs left out, as GRDB does for non-optional values.
    public static func fetchAll(_ db: any SQLConnection, sql: String, arguments: SQLArguments = [], cached: Bool = false) throws -> [Self] {
        try db.rows(sql, arguments, cached: cached).compactMap { row in
            row.values.first.flatMap { $0 == .null ? nil : Self(sqlValue: $0) }
        }
    }

    /// The first column of the first row, nil when there is no row or it is NULL.
    public static func fetchOne(_ db: any SQLConnection, sql: String, arguments: SQLArguments = [], cached: Bool = false) throws -> Self? {
        guard let value = try db.firstRow(sql, arguments, cached: cached)?.values.first, value != .null else { return nil }
        return Self(sqlValue: value)
    }
}

enum SQLConnectionError: Error, CustomStringConvertible {
    case noRowReturned(String)
    var description: String {
        switch self {
        case .noRowReturned(let sql): "the database returned no row for: \(sql)"
        }
    }
}
