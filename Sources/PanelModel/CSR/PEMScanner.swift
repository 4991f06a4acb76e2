import Foundation

/// One `-----BEGIN LABEL-----` … `-----END LABEL-----` block in pasted text.
struct PEMBlock: Sendable {
    var label: String
    /// The text between the markers, as pasted.
    var body: Substring
    /// False when the END marker is missing or names another label.
    var isComplete: Bool

    /// The decoded bytes, or the 1-based line of the body where the base64 breaks.
    /// Whitespace (line breaks, indentation from an email or a terminal) is ignored.
    func decodedBytes() -> Result<[UInt8], BadBase64> {
        var compact = ""
        compact.reserveCapacity(body.utf8.count)
        let base64Alphabet = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=")
        var line = 1
        var lineWithText = 0
        for scalar in body.unicodeScalars {
            if scalar == "\n" { line += 1; continue }
            if scalar.properties.isWhitespace { continue }
            guard base64Alphabet.contains(scalar) else { return .failure(BadBase64(line: max(line - leadingBlankLines, 1))) }
            lineWithText = line
            compact.unicodeScalars.append(scalar)
        }
        guard !compact.isEmpty, let data = Data(base64Encoded: compact) else {
            return .failure(BadBase64(line: max(lineWithText - leadingBlankLines, 1)))
        }
        return .success(Array(data))
    }

    /// Line breaks before the first base64 line (the one right after the BEGIN marker).
    private var leadingBlankLines: Int {
        body.prefix { $0.isWhitespace }.filter { $0 == "\n" }.count
    }

    struct BadBase64: Error { var line: Int }
}

/// Finds PEM blocks anywhere in pasted text: text around them (openssl's "Certificate Request:"
/// dump, a mail's greeting) is ignored, and markers need not start a line, so a CSR pasted as
/// one long line is still found. This reads only the armour; the contents are parsed as DER.
enum PEMScanner {
    static let beginPrefix = "-----BEGIN "
    static let endPrefix = "-----END "
    static let dashes = "-----"

    static func blocks(in text: String) -> [PEMBlock] {
        var blocks: [PEMBlock] = []
        var rest = text[...]
        while let begin = marker(beginPrefix, in: rest) {
            let afterBegin = rest[begin.range.upperBound...]
            let nextBegin = marker(beginPrefix, in: afterBegin)
            let searchEnd = afterBegin[..<(nextBegin?.range.lowerBound ?? afterBegin.endIndex)]
            if let end = marker(endPrefix, in: searchEnd) {
                let body = afterBegin[..<end.range.lowerBound]
                blocks.append(PEMBlock(label: begin.label, body: body, isComplete: end.label == begin.label))
                rest = afterBegin[end.range.upperBound...]
            } else {
                blocks.append(PEMBlock(label: begin.label, body: searchEnd, isComplete: false))
                rest = afterBegin[searchEnd.endIndex...]
            }
        }
        return blocks
    }

    /// Whether the text has an END marker with no BEGIN before it (the top was cut off).
    static func hasEndMarker(in text: String) -> Bool {
        marker(endPrefix, in: text[...]) != nil
    }

    /// The first `PREFIX LABEL-----` in `text`, where LABEL is upper-case letters, digits and spaces.
    private static func marker(_ prefix: String, in text: Substring) -> (label: String, range: Range<String.Index>)? {
        var searchFrom = text.startIndex
        while let start = text.range(of: prefix, range: searchFrom..<text.endIndex) {
            let labelStart = start.upperBound
            if let close = text.range(of: dashes, range: labelStart..<text.endIndex) {
                let label = text[labelStart..<close.lowerBound]
                if !label.isEmpty, label.count <= 64,
                   label.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == " " }) {
                    return (String(label), start.lowerBound..<close.upperBound)
                }
            }
            searchFrom = start.upperBound
        }
        return nil
    }
}
