import Foundation

/// One row of a result: column names and values, read by name (case-insensitively, the first
/// column of that name wins, as SQLite names columns) or by position.
public struct SQLRow: Sendable, Equatable, CustomStringConvertible {
    public let columns: [String]
    public let values: [SQLValue]

    public init(columns: [String], values: [SQLValue]) {
        self.columns = columns
        self.values = values
    }

    public var count: Int { values.count }

    public func index(of column: String) -> Int? {
        if let exact = columns.firstIndex(of: column) { return exact }
        let lowered = column.lowercased()
        return columns.firstIndex { $0.lowercased() == lowered }
    }

    /// The stored value of `column`; NULL when the row has no such column.
    public func value(_ column: String) -> SQLValue {
        index(of: column).map { values[$0] } ?? .null
    }

    /// A required value: a NULL or a value of another kind is a programming error (the schema's
    /// constraints rule it out), as it is for GRDB's rows.
    @_disfavoredOverload
    public subscript<T: SQLValueConvertible>(_ column: String) -> T {
        Self.convert(value(column), column: column)
    }

    @_disfavoredOverload
    public subscript<T: SQLValueConvertible>(_ position: Int) -> T {
        Self.convert(values[position], column: "#\(position)")
    }

    public subscript<T: SQLValueConvertible>(_ column: String) -> T? {
        let stored = value(column)
        return stored == .null ? nil : T(sqlValue: stored)
    }

    public subscript<T: SQLValueConvertible>(_ position: Int) -> T? {
        let stored = values[position]
        return stored == .null ? nil : T(sqlValue: stored)
    }

    static func convert<T: SQLValueConvertible>(_ value: SQLValue, column: String) -> T {
        guard let converted = T(sqlValue: value) else {
            preconditionFailure("column \(column) holds \(value), which is not a \(T.self)")
        }
        return converted
    }

    /// `[id:1 name:'x']`, for dumps and failure messages.
    public var description: String {
        "[" + zip(columns, values).map { "\($0):\($1)" }.joined(separator: " ") + "]"
    }
}
