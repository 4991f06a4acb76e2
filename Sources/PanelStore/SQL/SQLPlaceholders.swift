/// The `?` and `?NNN` placeholders of the use cases' SQL, found as SQLite numbers them (a bare
/// `?` takes one more than the largest number assigned so far), each replaced by what
/// `replacement` gives for its number. Quoted text, quoted identifiers, comments and
/// dollar-quoted bodies are copied untouched, so a `?` inside them stays a `?`. PostgreSQL's
/// `$1` parameters (`PostgresPlaceholders`) and the benchmark's inlined literals (`SQLInliner`)
/// both come from here.
enum SQLPlaceholders {
    static func replacing(_ sql: String, with replacement: (Int) -> String) -> String {
        let bytes = Array(sql.utf8)
        // Most statements have no placeholder at all; they are returned as they came.
        guard bytes.contains(question) else { return sql }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + 16)
        var largest = 0
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case quote, doubleQuote:
                let end = quotedEnd(bytes, from: index, delimiter: byte)
                output += bytes[index..<end]
                index = end
            case dash where index + 1 < bytes.count && bytes[index + 1] == dash:
                let end = bytes[index...].firstIndex(of: newline).map { $0 + 1 } ?? bytes.count
                output += bytes[index..<end]
                index = end
            case slash where index + 1 < bytes.count && bytes[index + 1] == star:
                let end = blockCommentEnd(bytes, from: index)
                output += bytes[index..<end]
                index = end
            case dollar:
                let end = dollarQuotedEnd(bytes, from: index) ?? index + 1
                output += bytes[index..<end]
                index = end
            case question:
                var digitsEnd = index + 1
                while digitsEnd < bytes.count, isDigit(bytes[digitsEnd]) { digitsEnd += 1 }
                let number: Int
                if digitsEnd > index + 1, let explicit = Int(String(decoding: bytes[(index + 1)..<digitsEnd], as: UTF8.self)) {
                    number = explicit
                } else {
                    number = largest + 1
                }
                largest = max(largest, number)
                output += Array(replacement(number).utf8)
                index = digitsEnd
            default:
                output.append(byte)
                index += 1
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Past the closing delimiter of '...' or "..." (a doubled delimiter is an escaped one).
    private static func quotedEnd(_ bytes: [UInt8], from start: Int, delimiter: UInt8) -> Int {
        var index = start + 1
        while index < bytes.count {
            if bytes[index] == delimiter {
                if index + 1 < bytes.count && bytes[index + 1] == delimiter { index += 2; continue }
                return index + 1
            }
            index += 1
        }
        return bytes.count
    }

    /// Past the end of a /* ... */ comment, which PostgreSQL lets nest.
    private static func blockCommentEnd(_ bytes: [UInt8], from start: Int) -> Int {
        var depth = 0
        var index = start
        while index + 1 < bytes.count {
            if bytes[index] == slash && bytes[index + 1] == star {
                depth += 1; index += 2
            } else if bytes[index] == star && bytes[index + 1] == slash {
                depth -= 1; index += 2
                if depth == 0 { return index }
            } else {
                index += 1
            }
        }
        return bytes.count
    }

    /// Past the end of $$...$$ or $tag$...$tag$; nil when the `$` opens no dollar quote
    /// (a `$1` parameter, or a `$` inside an identifier such as `a$b`).
    private static func dollarQuotedEnd(_ bytes: [UInt8], from start: Int) -> Int? {
        if start > 0, isIdentifier(bytes[start - 1]) { return nil }
        var tagEnd = start + 1
        while tagEnd < bytes.count, isIdentifier(bytes[tagEnd]), !(tagEnd == start + 1 && isDigit(bytes[tagEnd])) {
            tagEnd += 1
        }
        guard tagEnd < bytes.count, bytes[tagEnd] == dollar else { return nil }
        let tag = bytes[start...tagEnd]
        var index = tagEnd + 1
        while index + tag.count <= bytes.count {
            if bytes[index] == dollar && bytes[index..<(index + tag.count)].elementsEqual(tag) { return index + tag.count }
            index += 1
        }
        return bytes.count
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    private static func isIdentifier(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || byte == 0x5F || byte >= 0x80
    }

    private static let question = UInt8(ascii: "?")
    private static let quote = UInt8(ascii: "'")
    private static let doubleQuote = UInt8(ascii: "\"")
    private static let dash = UInt8(ascii: "-")
    private static let slash = UInt8(ascii: "/")
    private static let star = UInt8(ascii: "*")
    private static let dollar = UInt8(ascii: "$")
    private static let newline = UInt8(ascii: "\n")
}
