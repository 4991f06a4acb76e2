/// toml++ 3.4.0, inside TOMLKit 0.6.0, asserts (aborting a debug build; undefined behaviour when
/// assertions are off) when a table header's key starts with a character no key can start with:
/// `[#`, `[&`, `[[[`, `[` at the end of a line (marzer/tomlplusplus#294 and #301; found here by
/// fuzz/theme). Such a header is never valid TOML, so the theme loader refuses it with its line
/// and column before the text reaches the parser.
///
/// It looks at every line that starts with `[`, as toml++ does at the top level. Inside a
/// multi-line array or string such a line is not a header, so a valid file with a nested array
/// split as `[` + line break would be refused too; themes have no nested arrays.
enum TOMLHeaderCheck {
    /// The 1-based line and column (in Unicode scalars) where a table header's key should
    /// start but cannot, if any.
    static func firstBadHeader(in text: String) -> (line: Int, column: Int)? {
        // Split on scalars: "\r\n" is one Character, and a header may end in it.
        let lines = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false)
        for (index, line) in lines.enumerated() {
            let scalars = Array(line)
            var i = 0
            func skipBlanks() -> Bool {
                let start = i
                while i < scalars.count, scalars[i] == " " || scalars[i] == "\t" { i += 1 }
                return i > start
            }
            _ = skipBlanks()
            guard i < scalars.count, scalars[i] == "[" else { continue }
            i += 1
            let blankAfterBracket = skipBlanks()
            if i < scalars.count, scalars[i] == "[" {
                // `[ [`: toml++ reports it. `[[`: an array of tables; its key follows.
                if blankAfterBracket { continue }
                i += 1
                _ = skipBlanks()
            }
            // The end of the text: toml++ reports it. The end of a line is not the end of the text.
            if i == scalars.count, index == lines.count - 1 { continue }
            if i < scalars.count, canStartKey(scalars[i]) || scalars[i] == "]" { continue }
            return (index + 1, i + 1)
        }
        return nil
    }

    /// A bare key character (ASCII letters, digits, `_`, `-`) or a string delimiter.
    static func canStartKey(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "A"..."Z", "a"..."z", "0"..."9", "_", "-", "\"", "'": true
        default: false
        }
    }
}
