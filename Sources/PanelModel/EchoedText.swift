/// Text echoed back in a message or response: one line, no control characters, bounded.
/// API responses are read line by line by scripts and messages reach terminals, so a CR, LF,
/// NUL or ESC in an echoed value could forge a line or drive the terminal.
public enum EchoedText {
    /// The most characters of one echoed value (a domain name is at most 253).
    public static let echoLimit = 300

    /// C0 and C1 controls, DEL, and the Unicode line and paragraph separators.
    public static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        if scalar == "\t" { return false }
        return scalar.properties.generalCategory == .control || scalar == "\u{2028}" || scalar == "\u{2029}"
    }

    /// `U+000D`.
    public static func codePoint(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// The text with each forbidden character written as `\u{D}` and cut at `limit` characters.
    public static func oneLine(_ text: some StringProtocol, limit: Int = echoLimit) -> String {
        var out = ""
        var count = 0
        for character in text {
            if count == limit { return out + "…" }
            count += 1
            if character.unicodeScalars.contains(where: isForbidden) {
                for scalar in character.unicodeScalars {
                    out += isForbidden(scalar) ? "\\u{\(String(scalar.value, radix: 16, uppercase: true))}" : String(scalar)
                }
            } else {
                out.append(character)
            }
        }
        return out
    }

    /// Shorter, for a value quoted inside a message.
    public static func clipped(_ text: some StringProtocol) -> String { oneLine(text, limit: 80) }

    public static func quoted(_ text: some StringProtocol) -> String { "\"" + clipped(text) + "\"" }
}
