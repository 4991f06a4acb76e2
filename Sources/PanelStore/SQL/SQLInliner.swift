import Foundation

/// A statement with its arguments written in as literals, for replaying it through a
/// database's own client (the benchmark's floor: `psql` running the same SQL).
enum SQLInliner {
    static func inline(_ sql: String, _ arguments: SQLArguments, dialect: SQLDialect) -> String {
        SQLPlaceholders.replacing(sql) { number in
            number >= 1 && number <= arguments.values.count ? literal(arguments.values[number - 1], dialect) : "NULL"
        }
    }

    static func literal(_ value: SQLValue, _ dialect: SQLDialect) -> String {
        switch value {
        case .null: "NULL"
        case .integer(let integer): dialect == .postgresql ? "\(integer)::bigint" : "\(integer)"
        case .real(let double): "\(double)"
        case .text(let text): "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
        case .blob(let data):
            dialect == .postgresql ? "'\\x" + data.map { String(format: "%02x", $0) }.joined() + "'::bytea"
                : "x'" + data.map { String(format: "%02x", $0) }.joined() + "'"
        }
    }
}
