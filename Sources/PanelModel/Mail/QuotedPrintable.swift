/// RFC 2045 quoted-printable, for mail bodies: any UTF-8 text survives any mail system, and
/// no line is longer than 76 characters. Line breaks come out as CRLF.
public enum QuotedPrintable {
    public static let maximumLineLength = 76

    public static func encode(_ text: String) -> String {
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
        return lines.map { encodeLine(Array($0.utf8)) }.joined(separator: "\r\n")
    }

    private static func encodeLine(_ bytes: [UInt8]) -> String {
        var output = ""
        var current = ""
        for (index, byte) in bytes.enumerated() {
            let isLast = index == bytes.count - 1
            let literal = (byte >= 33 && byte <= 126 && byte != UInt8(ascii: "="))
                // Spaces and tabs stay literal except at the end of a line, where mail systems may strip them.
                || ((byte == 0x20 || byte == 0x09) && !isLast)
            let piece = literal ? String(UnicodeScalar(byte)) : "=" + hex(byte)
            // A soft break ("=" at the end) keeps each line within the limit; the last piece may use the room of the "=".
            let room = maximumLineLength - (isLast ? 0 : 1)
            if current.utf8.count + piece.utf8.count > room {
                output += current + "=\r\n"
                current = ""
            }
            current += piece
        }
        return output + current
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
    }
}
