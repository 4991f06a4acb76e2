/// RFC 4180 CSV: fields separated by commas, records ended by CRLF, a field quoted when it
/// holds a quote, a comma, CR or LF (a quote inside doubled). Text stays Unicode (the file is
/// UTF-8; no byte-order mark, which RFC 4180 does not know).
///
/// Formula guard: a spreadsheet runs a cell that starts with `=`, `+`, `-`, `@`, a tab or CR
/// as a formula ("CSV injection"), and a domain or username comes from whoever typed it. Such
/// a field gets a leading apostrophe (the OWASP advice), which spreadsheets show as text.
/// A plain number ("-10" days left) and a lone character ("-" for no value) are left alone:
/// neither can be a formula, and the column still sorts as numbers.
public enum CSV {
    /// One record, with its CRLF.
    public static func record(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\r\n"
    }

    /// A header record and the rows.
    public static func document(header: [String], rows: [[String]]) -> String {
        ([header] + rows).map(record).joined()
    }

    /// One field, guarded and quoted as needed.
    public static func field(_ text: String) -> String {
        let guarded = formulaGuarded(text)
        let needsQuotes = guarded.unicodeScalars.contains { $0 == "\"" || $0 == "," || $0 == "\r" || $0 == "\n" }
        guard needsQuotes else { return guarded }
        return "\"" + guarded.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static func formulaGuarded(_ text: String) -> String {
        guard text.unicodeScalars.count > 1, let first = text.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) else { return text }
        if isPlainNumber(text) { return text }
        return "'" + text
    }

    /// "-10", "+3", "-1.5": a sign, digits, at most one point.
    static func isPlainNumber(_ text: String) -> Bool {
        let body = text.unicodeScalars.dropFirst()
        guard !body.isEmpty, body.first != ".", body.last != "." else { return false }
        var points = 0
        for scalar in body {
            if scalar == "." { points += 1; continue }
            guard ("0"..."9").contains(scalar) else { return false }
        }
        return points <= 1 && (text.first == "-" || text.first == "+")
    }
}
