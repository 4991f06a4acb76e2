import Foundation

/// Header values for RFC 5322 messages: unstructured text folded to 78 characters, or as
/// RFC 2047 encoded words when it is not plain ASCII, and dates in RFC 5322 form.
public enum MailHeaders {
    /// `Subject: …` (or any unstructured header) as lines joined by CRLF + space.
    public static func unstructured(_ name: String, _ value: String) -> String {
        let clean = value.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
        let isPlain = clean.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value < 0x7F }
        let words = isPlain ? clean.split(separator: " ", omittingEmptySubsequences: false).map(String.init) : encodedWords(clean)
        var lines: [String] = []
        var line = name + ":"
        for word in words {
            // Fold before a word that would take the line past 78 characters (never inside one).
            if line.count + 1 + word.count > 78, line.count > name.count + 1 {
                lines.append(line)
                line = ""
            }
            line += " " + word
        }
        lines.append(line)
        return lines.joined(separator: "\r\n")
    }

    /// RFC 2047 `=?UTF-8?B?…?=` words of at most 64 characters, never splitting a character.
    public static func encodedWords(_ text: String) -> [String] {
        var words: [String] = []
        var chunk: [UInt8] = []
        // 39 bytes make 52 base64 characters; with `=?UTF-8?B?` and `?=` that is 64, so even the
        // first word fits on the line after `Subject: ` within 78 characters.
        for character in text {
            let bytes = Array(String(character).utf8)
            if chunk.count + bytes.count > 39, !chunk.isEmpty {
                words.append("=?UTF-8?B?" + Data(chunk).base64EncodedString() + "?=")
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty { words.append("=?UTF-8?B?" + Data(chunk).base64EncodedString() + "?=") }
        return words
    }

    /// `Wed, 25 Nov 2026 12:00:00 +0000` (RFC 5322 §3.3, in UTC).
    public static func date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        return formatter.string(from: date)
    }
}
