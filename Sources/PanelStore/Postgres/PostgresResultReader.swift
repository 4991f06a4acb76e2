import CLibPQ
import Foundation

/// Rows of a text-format PGresult as `SQLRow`s, each value converted by its column's type OID
/// so both stores hand the use cases the same kinds: integers (and booleans as 0/1), doubles,
/// bytes, and text for everything else.
enum PostgresResultReader {
    enum Kind {
        case integer, boolean, real, numeric, bytes, text
    }

    static func kind(_ type: Oid) -> Kind {
        switch type {
        case 20, 21, 23, 26: .integer   // int8, int2, int4, oid
        case 16: .boolean
        case 700, 701: .real            // float4, float8
        case 1700: .numeric
        case 17: .bytes
        default: .text
        }
    }

    static func rows(_ result: OpaquePointer, limit: Int? = nil) -> [SQLRow] {
        let rowCount = Int(PQntuples(result))
        let fieldCount = PQnfields(result)
        let columns = (0..<fieldCount).map { String(cString: PQfname(result, $0)) }
        let kinds = (0..<fieldCount).map { kind(PQftype(result, $0)) }
        let wanted = min(rowCount, limit ?? rowCount)
        var rows: [SQLRow] = []
        rows.reserveCapacity(wanted)
        for row in 0..<Int32(wanted) {
            var values: [SQLValue] = []
            values.reserveCapacity(Int(fieldCount))
            for field in 0..<fieldCount {
                if PQgetisnull(result, row, field) != 0 {
                    values.append(.null)
                } else {
                    let bytes = UnsafeRawBufferPointer(start: PQgetvalue(result, row, field), count: Int(PQgetlength(result, row, field)))
                    values.append(value(bytes, kind: kinds[Int(field)]))
                }
            }
            rows.append(SQLRow(columns: columns, values: values))
        }
        return rows
    }

    static func value(_ bytes: UnsafeRawBufferPointer, kind: Kind) -> SQLValue {
        switch kind {
        case .integer:
            if let integer = integer(bytes) { return .integer(integer) }
        case .boolean:
            return .integer(bytes.first == UInt8(ascii: "t") ? 1 : 0)
        case .real:
            if let double = Double(String(decoding: bytes, as: UTF8.self)) { return .real(double) }
        case .numeric:
            // A whole numeric (count(*) is int8, but sum() of int8 is numeric) reads as an
            // integer; a fraction, or a whole number past Int64, as a double.
            if let integer = integer(bytes) { return .integer(integer) }
            if let double = Double(String(decoding: bytes, as: UTF8.self)) { return .real(double) }
        case .bytes:
            return .blob(unescapeBytea(bytes))
        case .text:
            break
        }
        return .text(String(decoding: bytes, as: UTF8.self))
    }

    /// A decimal integer with an optional sign; nil for anything else or past Int64.
    static func integer(_ bytes: UnsafeRawBufferPointer) -> Int64? {
        guard !bytes.isEmpty else { return nil }
        let negative = bytes[0] == UInt8(ascii: "-")
        let digits = negative || bytes[0] == UInt8(ascii: "+") ? bytes.dropFirst() : bytes[...]
        guard !digits.isEmpty else { return nil }
        var value: Int64 = 0
        for byte in digits {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            let digit = Int64(byte - UInt8(ascii: "0"))
            // Accumulated negatively so Int64.min parses too.
            let (shifted, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (next, overflow2) = shifted.subtractingReportingOverflow(digit)
            guard !overflow1, !overflow2 else { return nil }
            value = next
        }
        if negative { return value }
        return value == .min ? nil : -value
    }

    /// bytea's text output ("\x0102..." or the old escape format) as bytes, by libpq.
    static func unescapeBytea(_ bytes: UnsafeRawBufferPointer) -> Data {
        // The value is NUL-terminated in the result, as PQunescapeBytea needs.
        guard let start = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return Data() }
        var length = 0
        guard let decoded = PQunescapeBytea(start, &length) else { return Data() }
        defer { PQfreemem(decoded) }
        return Data(bytes: decoded, count: length)
    }
}
