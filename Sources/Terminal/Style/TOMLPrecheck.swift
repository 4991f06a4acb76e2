/// toml++ 3.4.0, inside TOMLKit 0.6.0, asserts (aborting a debug build; undefined behaviour when
/// assertions are off) on two kinds of invalid TOML instead of reporting them (found here by
/// fuzz/theme; upstream marzer/tomlplusplus#294 and #301):
/// - a table header whose key starts with a character no key can start with: `[#`, `[&`,
///   `[[[`, `[` at the end of a line;
/// - an array whose next item starts with `}` or a Unicode line break (U+0085, U+2028,
///   U+2029), after any blanks, line breaks and comments: `x = [}`, `{ a = [ }`, `["bold", }`.
/// Neither is ever valid TOML, so the theme loader refuses them with their line and column
/// before the text reaches the parser. Strings and comments are skipped, so a `[` inside them
/// is not mistaken for either.
enum TOMLPrecheck {
    static let headerMessage = "a table header must start with a key (letters, digits, _ or -, or a quoted key)"
    static let arrayMessage = "expected a value or ] in the array"

    /// The 1-based line and column (in Unicode scalars) of the first such place, if any, and what is wrong there.
    static func firstAssertingPlace(in text: String) -> (line: Int, column: Int, message: String)? {
        let s = Array(text.unicodeScalars)
        var i = s.first == "\u{FEFF}" ? 1 : 0   // toml++ skips a byte order mark
        var line = 1, lineStart = 0
        var atLineStart = true      // only blanks since the last line break
        var open: [Unicode.Scalar] = []   // the value arrays and inline tables open, innermost last
        func position(_ at: Int) -> (line: Int, column: Int, message: String) { (line, at - lineStart + 1, headerMessage) }
        func skipBlanks(_ at: inout Int) -> Bool {
            let start = at
            while at < s.count, s[at] == " " || s[at] == "\t" { at += 1 }
            return at > start
        }

        while i < s.count {
            let c = s[i]
            switch c {
            case "\n":
                i += 1; line += 1; lineStart = i; atLineStart = true
                continue
            case " ", "\t", "\r":
                i += 1
                continue
            case "#":
                while i < s.count, s[i] != "\n" { i += 1 }
                continue
            case "\"", "'":
                i = endOfString(s, from: i)
                atLineStart = false
                continue
            case "[" where atLineStart && open.isEmpty:
                var j = i + 1
                let blank = skipBlanks(&j)
                if j < s.count, s[j] == "[", !blank {   // `[[`: an array of tables
                    j += 1
                    _ = skipBlanks(&j)
                }
                if j < s.count, !(TOMLPrecheck.canStartKey(s[j]) || s[j] == "]" || (s[j] == "[" && blank)) {
                    return position(j)
                }
                i = j
            case "[", ",":
                // The start of an array, or its next item: toml++ reads a value after blanks, line
                // breaks and comments. (A comma elsewhere, as in an inline table, is not checked.)
                if c == "[" { open.append("[") } else if open.last != "[" { i += 1; break }
                var j = i + 1
                while j < s.count {
                    if s[j] == " " || s[j] == "\t" || s[j] == "\n" { j += 1; continue }
                    if s[j] == "\r", j + 1 < s.count, s[j + 1] == "\n" { j += 1; continue }
                    if s[j] == "#" { while j < s.count, s[j] != "\n" { j += 1 }; continue }
                    break
                }
                if j < s.count, ["}", "\u{85}", "\u{2028}", "\u{2029}"].contains(s[j]) {
                    // The position counts lines from the text itself, as the loop has not got there yet.
                    let before = s[..<j]
                    let lineOfJ = before.reduce(1) { $0 + ($1 == "\n" ? 1 : 0) }
                    let startOfJ = (before.lastIndex(of: "\n").map { $0 + 1 }) ?? 0
                    return (lineOfJ, j - startOfJ + 1, arrayMessage)
                }
                i += 1
            case "]":
                if open.last == "[" { open.removeLast() }
                i += 1
            case "{":
                open.append("{")
                i += 1
            case "}":
                if open.last == "{" { open.removeLast() }
                i += 1
            default:
                i += 1
            }
            atLineStart = false
        }
        return nil
    }

    /// The index after the string starting at `start` (`"…"`, `'…'`, `"""…"""`, `'''…'''`);
    /// a one-line string also ends at a line break (toml++ reports the missing quote).
    private static func endOfString(_ s: [Unicode.Scalar], from start: Int) -> Int {
        let quote = s[start]
        let triple = start + 2 < s.count && s[start + 1] == quote && s[start + 2] == quote
        var i = start + (triple ? 3 : 1)
        while i < s.count {
            if quote == "\"", s[i] == "\\" { i += 2; continue }
            if triple {
                if s[i] == quote, i + 2 < s.count, s[i + 1] == quote, s[i + 2] == quote {
                    var end = i + 3
                    while end < s.count, s[end] == quote, end - i < 5 { end += 1 }   // `""""` ends with quotes
                    return end
                }
            } else {
                if s[i] == quote { return i + 1 }
                if s[i] == "\n" { return i }
            }
            i += 1
        }
        return s.count
    }

    /// A bare key character (ASCII letters, digits, `_`, `-`) or a string delimiter.
    static func canStartKey(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "A"..."Z", "a"..."z", "0"..."9", "_", "-", "\"", "'": true
        default: false
        }
    }
}
