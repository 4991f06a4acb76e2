import CLibPQ
import Foundation

/// Bound values laid out as PQexecParams takes them: a type OID, a format and a pointer per
/// parameter. Integers, doubles and text go as text under an explicit type (int8, float8,
/// text); bytes go in binary as bytea, with no escaping; NULL is a null pointer of type 0,
/// which the server infers from the context.
struct PostgresParameters {
    private(set) var types: [Oid] = []
    private(set) var formats: [Int32] = []
    private(set) var lengths: [Int32] = []
    /// Where each value starts in `buffer`, nil for NULL. One buffer holds them all, each text
    /// value followed by a NUL, so binding costs one allocation whatever the count.
    private var offsets: [Int?] = []
    private var buffer: [UInt8] = []

    static let int8: Oid = 20
    static let float8: Oid = 701
    static let text: Oid = 25
    static let bytea: Oid = 17

    init(_ arguments: SQLArguments) throws {
        types.reserveCapacity(arguments.values.count)
        for value in arguments.values {
            switch value {
            case .null:
                append(type: 0, format: 0, bytes: nil)
            case .integer(let integer):
                append(type: Self.int8, format: 0, bytes: Array(String(integer).utf8))
            case .real(let double):
                append(type: Self.float8, format: 0, bytes: Array(Self.text(double).utf8))
            case .text(let text):
                // A C string ends at its first NUL, and PostgreSQL text cannot hold one.
                guard !text.utf8.contains(0) else {
                    throw PostgresError(message: "a text value holds a NUL character, which PostgreSQL text cannot store")
                }
                append(type: Self.text, format: 0, bytes: Array(text.utf8))
            case .blob(let data):
                append(type: Self.bytea, format: 1, bytes: Array(data))
            }
        }
    }

    var count: Int32 { Int32(types.count) }

    /// float8's input spelling of the values Swift prints as "inf" and "nan".
    static func text(_ double: Double) -> String {
        if double.isNaN { return "NaN" }
        if double.isInfinite { return double < 0 ? "-Infinity" : "Infinity" }
        return String(double)
    }

    private mutating func append(type: Oid, format: Int32, bytes: [UInt8]?) {
        types.append(type)
        formats.append(format)
        guard let bytes else {
            offsets.append(nil)
            lengths.append(0)
            return
        }
        offsets.append(buffer.count)
        lengths.append(Int32(bytes.count))
        buffer += bytes
        buffer.append(0)
    }

    /// The value pointers, valid only inside `body`.
    func withValues<T>(_ body: (UnsafePointer<UnsafePointer<CChar>?>?) throws -> T) rethrows -> T {
        try buffer.withUnsafeBufferPointer { storage in
            let base = storage.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) }
            let pointers: [UnsafePointer<CChar>?] = offsets.map { offset in
                guard let offset, let base else { return nil }
                return base + offset
            }
            return try pointers.withUnsafeBufferPointer { try body($0.baseAddress) }
        }
    }
}
