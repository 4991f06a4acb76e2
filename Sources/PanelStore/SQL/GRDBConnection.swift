import Foundation
import GRDB

/// The SQLite store's connection: a GRDB `Database` for the length of one read or write.
final class GRDBConnection: SQLConnection {
    let db: Database
    init(_ db: Database) { self.db = db }

    var dialect: SQLDialect { .sqlite }
    var changedRowCount: Int { db.changesCount }

    func run(_ sql: String, _ arguments: SQLArguments, cached: Bool) throws {
        if cached {
            try db.cachedStatement(sql: sql).execute(arguments: Self.arguments(arguments))
        } else if arguments.isEmpty {
            try db.execute(sql: sql)
        } else {
            try db.execute(sql: sql, arguments: Self.arguments(arguments))
        }
    }

    func rows(_ sql: String, _ arguments: SQLArguments, cached: Bool) throws -> [SQLRow] {
        let statement = try cached ? db.cachedStatement(sql: sql) : db.makeStatement(sql: sql)
        let columns = statement.columnNames
        return try Row.fetchAll(statement, arguments: Self.arguments(arguments)).map { Self.row($0, columns: columns) }
    }

    func firstRow(_ sql: String, _ arguments: SQLArguments, cached: Bool) throws -> SQLRow? {
        let statement = try cached ? db.cachedStatement(sql: sql) : db.makeStatement(sql: sql)
        return try Row.fetchOne(statement, arguments: Self.arguments(arguments)).map { Self.row($0, columns: statement.columnNames) }
    }

    static func row(_ row: Row, columns: [String]) -> SQLRow {
        SQLRow(columns: columns, values: row.databaseValues.map(value))
    }

    static func value(_ value: DatabaseValue) -> SQLValue {
        switch value.storage {
        case .null: .null
        case .int64(let integer): .integer(integer)
        case .double(let double): .real(double)
        case .string(let text): .text(text)
        case .blob(let data): .blob(data)
        }
    }

    static func databaseValue(_ value: SQLValue) -> DatabaseValue {
        switch value {
        case .null: .null
        case .integer(let integer): integer.databaseValue
        case .real(let double): double.databaseValue
        case .text(let text): text.databaseValue
        case .blob(let data): data.databaseValue
        }
    }

    static func arguments(_ arguments: SQLArguments) -> StatementArguments {
        StatementArguments(arguments.values.map(databaseValue))
    }
}
