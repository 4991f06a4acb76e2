import TOMLKit

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Parses theme TOML into a `Theme`, with errors that point at the line and key.
enum ThemeLoader {
    static let maximumFileBytes = 256 * 1024

    static func parse(_ text: String, source: String) throws(ThemeError) -> Theme {
        if let bad = TOMLPrecheck.firstAssertingPlace(in: text) {
            throw .syntax(source: source, line: bad.line, column: bad.column,
                          message: bad.message)
        }
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw .syntax(source: source, line: error.source.begin.line, column: error.source.begin.column,
                          message: Sanitizer.clean(error.description))
        } catch {
            throw .syntax(source: source, line: 1, column: 1, message: Sanitizer.clean("\(error)"))
        }
        let locate = KeyLocator(text: text)

        func invalid(_ key: String, _ message: String) -> ThemeError {
            .invalidValue(source: source, key: key, line: locate.line(of: key), message: message)
        }

        func color(_ value: TOMLValueConvertible, key: String) throws(ThemeError) -> Color {
            if let s = value.string {
                guard let c = Color(parsing: s) else {
                    throw invalid(key, "unknown colour \"\(Sanitizer.clean(s))\" (use \"#rrggbb\", 0-255, an ANSI name like \"bright_blue\", or \"default\")")
                }
                return c
            }
            if let n = value.int {
                guard (0...255).contains(n) else { throw invalid(key, "colour index \(n) is outside 0-255") }
                return .indexed(UInt8(n))
            }
            throw invalid(key, "a colour must be a string or an integer")
        }

        var theme = Theme(name: table["name"]?.string ?? "custom", styles: [:])
        for key in table.keys {
            switch key {
            case "name", "description": continue
            case "foreground": theme.foreground = try color(table[key]!, key: key)
            case "background": theme.background = try color(table[key]!, key: key)
            case "roles": continue
            default: throw invalid(key, "unknown key (expected name, description, foreground, background, [roles])")
            }
        }
        guard let rolesValue = table["roles"] else { return theme }
        guard let roles = rolesValue.table else { throw invalid("roles", "must be a table") }

        for roleName in roles.keys {
            let path = "roles.\(roleName)"
            guard let role = ThemeRole(rawValue: roleName) else {
                throw invalid(path, "unknown role (known: \(ThemeRole.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            guard let spec = roles[roleName]?.table else { throw invalid(path, "must be a table like { fg = \"#ffffff\" }") }
            var style = Style()
            for field in spec.keys {
                let fieldPath = "\(path).\(field)"
                let value = spec[field]!
                switch field {
                case "fg": style.foreground = try color(value, key: fieldPath)
                case "bg": style.background = try color(value, key: fieldPath)
                case "attrs":
                    guard let list = value.array else { throw invalid(fieldPath, "must be a list like [\"bold\"]") }
                    for item in list {
                        guard let name = item.string, let attr = Attributes.named.first(where: { $0.0 == name })?.1 else {
                            throw invalid(fieldPath, "unknown attribute \(Sanitizer.clean(item.debugDescription)) (use bold, dim, italic, underline, reverse)")
                        }
                        style.attributes.insert(attr)
                    }
                default:
                    throw invalid(fieldPath, "unknown field (use fg, bg, attrs)")
                }
            }
            theme.styles[role] = style
        }
        return theme
    }

    /// Reads a theme file (bounded size, must be UTF-8).
    static func readFile(_ path: String) throws(ThemeError) -> String {
        guard let file = fopen(path, "rb") else {
            throw .unreadable(path: path, reason: String(cString: strerror(errno)))
        }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let n = fread(&chunk, 1, chunk.count, file)
            if n > 0 { bytes.append(contentsOf: chunk[0..<n]) }
            if bytes.count > maximumFileBytes { throw .unreadable(path: path, reason: "larger than \(maximumFileBytes) bytes") }
            if n < chunk.count {
                if ferror(file) != 0 { throw .unreadable(path: path, reason: "read error") }
                break
            }
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw .unreadable(path: path, reason: "not valid UTF-8")
        }
        return text
    }
}

/// Finds the line of a dotted key ("roles.header.fg") in TOML text. TOMLKit keeps no source
/// positions for values, so this scans the text: good enough to point a person at the line.
struct KeyLocator {
    let lines: [Substring]

    init(text: String) { lines = text.split(separator: "\n", omittingEmptySubsequences: false) }

    func line(of dottedKey: String) -> Int? {
        let parts = dottedKey.split(separator: ".").map(String.init)
        var section: [String] = []
        var candidate: Int? = nil
        for (i, raw) in lines.enumerated() {
            let line = String(raw).trimmingCharactersInSet()
            if line.hasPrefix("[") {
                section = line.trimmingBrackets().split(separator: ".").map { String($0).trimmingCharactersInSet() }
                if section == parts { candidate = candidate ?? i + 1 }
                continue
            }
            guard let eq = line.firstIndex(of: "=") else { continue }
            let key = String(line[..<eq]).trimmingCharactersInSet()
            let full = section + [key]
            if full == parts { return i + 1 }
            // Inline table: `header = { fg = "x" }` holds roles.header.fg on this line.
            if parts.count > full.count, Array(parts.prefix(full.count)) == full {
                let rest = parts[full.count...]
                if rest.allSatisfy({ line.contains($0 + " =") || line.contains($0 + "=") }) { return i + 1 }
                candidate = candidate ?? i + 1
            }
        }
        return candidate
    }
}

extension String {
    func trimmingBrackets() -> String {
        var s = Substring(self)
        while s.first == "[" { s.removeFirst() }
        if let close = s.firstIndex(of: "]") { s = s[..<close] }
        return String(s)
    }
}
