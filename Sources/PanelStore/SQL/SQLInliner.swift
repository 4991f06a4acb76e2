import Foundation

/// A statement with its arguments written in as literals, for replaying it through a
/// database's own client (the benchmark's floor: `psql` running the same SQL).
enum SQLInliner {
    static func inline(_ sql: String, _ arguments: SQLArguments, dialect: SQLDialect) -> String {
        var output = ""
        var next = 0
        var characters = Array(sql)[...]
        while let character = characters.popFirst() {
            switch character {
            case "'", "\"":
                // A quoted literal or identifier: copied as it is, doubled quotes included.
                output.append(character)
                while let inner = characters.popFirst() {
                    output.append(inner)
                    if inner == character {
                        if characters.first == character { output.append(characters.popFirst()!) } else { break }
                    }
                }
            case "?":
                var digits = ""
                while let digit = characters.first, digit.isASCII, digit.isNumber { digits.append(characters.popFirst()!) }
                let index = Int(digits).map { $0 - 1 } ?? next
                next = index + 1
                output += index < arguments.values.count ? literal(arguments.values[index], dialect) : "NULL"
            default:
                output.append(character)
            }
        }
        return output
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
