import Foundation
import PanelModel

/// What `db copy` copied: every table's rows, counted on both sides.
public struct CopySummary: Sendable, Equatable, Codable {
    public struct Table: Sendable, Equatable, Codable {
        public var name: String
        public var rows: Int
    }
    public var tables: [Table]
    public var totalRows: Int { tables.reduce(0) { $0 + $1.rows } }
}

extension PanelDatabase {
    /// Copies every row of `source` into this database, which must hold no data yet: one read
    /// snapshot of the source, one write transaction here, so the copy is all or nothing. Each
    /// table's count is checked inside the transaction before it commits.
    public func copy(from source: PanelDatabase) throws -> CopySummary {
        let sourceTables = try source.tableNames()
        let targetTables = Set(try tableNames())
        let missing = sourceTables.filter { !targetTables.contains($0) }
        guard missing.isEmpty else {
            throw PanelError.invalidInput("\(path) has no table \(missing.joined(separator: ", ")); run `certpanel db migrate` with the newer certpanel on both first")
        }
        let tables = Self.copyOrder(sourceTables)
        return try source.read { from in
            try bulkWrite { to in
                for table in tables {
                    let rows = try Int.fetchOne(to, sql: "SELECT count(*) FROM \(Self.quoted(table))") ?? 0
                    guard rows == 0 else {
                        throw PanelError.invalidInput("\(path) already holds data (\(table): \(rows) rows); copy into an empty database (create it, run `certpanel db migrate`, then copy)")
                    }
                }
                var summary = CopySummary(tables: [])
                for table in tables {
                    let copied = try Self.copyTable(table, from: from, to: to)
                    let expected = try Int.fetchOne(from, sql: "SELECT count(*) FROM \(Self.quoted(table))") ?? 0
                    let landed = try Int.fetchOne(to, sql: "SELECT count(*) FROM \(Self.quoted(table))") ?? 0
                    guard copied == expected, landed == expected else {
                        throw CopyCountMismatch(table: table, source: expected, target: landed)
                    }
                    summary.tables.append(.init(name: table, rows: landed))
                }
                return summary
            }
        }
    }

    /// Referenced tables before the tables that reference them with a constraint checked at
    /// once (most are deferred to the commit), the rest by name.
    static func copyOrder(_ tables: [String]) -> [String] {
        let first = ["resellers", "customers", "contacts", "orders", "invoices", "certificates", "audit_log", "outbox", "pending_moves"]
        return first.filter(tables.contains) + tables.filter { !first.contains($0) }.sorted()
    }

    /// The table in pages of its primary key order, each page one multi-row INSERT.
    private static func copyTable(_ table: String, from: any SQLConnection, to: any SQLConnection) throws -> Int {
        let pageSize = 2_000
        var copied = 0
        var offset = 0
        // Every table has one of these as its key, or (order_events, pending_move_services) both halves.
        let order = try orderColumns(table, from)
        while true {
            let rows = try SQLRow.fetchAll(from, sql: "SELECT * FROM \(quoted(table)) ORDER BY \(order) LIMIT ? OFFSET ?",
                                           arguments: [pageSize, offset])
            guard let first = rows.first else { break }
            let columns = first.columns
            // At most 30,000 bound values a statement (PostgreSQL takes 65,535, SQLite 32,766).
            let perStatement = max(1, 30_000 / columns.count)
            var start = 0
            while start < rows.count {
                let chunk = rows[start..<min(rows.count, start + perStatement)]
                let tuple = "(" + columns.map { _ in "?" }.joined(separator: ", ") + ")"
                try to.execute(sql: "INSERT INTO \(quoted(table)) (\(columns.map(quoted).joined(separator: ", "))) VALUES "
                                   + chunk.map { _ in tuple }.joined(separator: ", "),
                               arguments: SQLArguments(chunk.flatMap(\.values)))
                start += perStatement
            }
            copied += rows.count
            offset += rows.count
            if rows.count < pageSize { break }
        }
        return copied
    }

    private static func orderColumns(_ table: String, _ db: any SQLConnection) throws -> String {
        let columns = try SQLRow.fetchOne(db, sql: "SELECT * FROM \(quoted(table)) LIMIT 1")?.columns ?? []
        for key in ["id", "order_id", "number", "reseller_id", "username"] where columns.contains(key) {
            if table == "order_events" { return "order_id, audit_id" }
            if table == "pending_move_services" { return "move_id, order_id" }
            return key
        }
        return columns.isEmpty ? "1" : columns.map(quoted).joined(separator: ", ")
    }

    static func quoted(_ identifier: String) -> String {
        "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// A table whose count differs after the copy: the transaction rolls back and the incident
/// log keeps the numbers.
struct CopyCountMismatch: Error, CustomStringConvertible {
    var table: String
    var source: Int
    var target: Int
    var description: String { "the copy of \(table) counted \(source) rows in the source but \(target) in the target; nothing was copied" }
}
