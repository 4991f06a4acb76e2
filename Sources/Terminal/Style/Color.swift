/// A terminal colour as written in a theme. Downsampled to what the terminal can show
/// (`downsampled(to:)`) only at output time, so SVG export keeps the exact colours.
public enum Color: Hashable, Sendable, CustomStringConvertible {
    /// The terminal's own default foreground/background.
    case `default`
    /// An xterm palette index: 0–7 ANSI, 8–15 bright ANSI, 16–231 colour cube, 232–255 greys.
    case indexed(UInt8)
    /// A 24-bit colour.
    case rgb(UInt8, UInt8, UInt8)

    public static let black = Color.indexed(0)
    public static let red = Color.indexed(1)
    public static let green = Color.indexed(2)
    public static let yellow = Color.indexed(3)
    public static let blue = Color.indexed(4)
    public static let magenta = Color.indexed(5)
    public static let cyan = Color.indexed(6)
    public static let white = Color.indexed(7)

    /// Names accepted in theme files, mapped to palette indices 0–15.
    public static let ansiNames: [String: UInt8] = [
        "black": 0, "red": 1, "green": 2, "yellow": 3, "blue": 4, "magenta": 5, "cyan": 6, "white": 7,
        "bright_black": 8, "gray": 8, "grey": 8, "bright_red": 9, "bright_green": 10, "bright_yellow": 11,
        "bright_blue": 12, "bright_magenta": 13, "bright_cyan": 14, "bright_white": 15,
    ]

    /// Parses "#rrggbb", "#rgb", a palette index "0"…"255", a named ANSI colour, or "default".
    public init?(parsing text: String) {
        let t = text.trimmingCharactersInSet().lowercased()
        if t == "default" || t == "none" || t == "reset" { self = .default; return }
        if let n = Color.ansiNames[t] { self = .indexed(n); return }
        if let n = UInt8(t) { self = .indexed(n); return }
        if t.hasPrefix("#") {
            // ASCII only: Character.isHexDigit is also true for fullwidth digits ("#ｆｆｆ"),
            // which UInt8(_:radix:) does not read.
            let hex = Array(t.dropFirst().unicodeScalars)
            guard hex.count == 3 || hex.count == 6 else { return nil }
            let digits = hex.compactMap { $0.isASCII ? UInt8(String($0), radix: 16) : nil }
            guard digits.count == hex.count else { return nil }
            if digits.count == 6 {
                self = .rgb(digits[0] << 4 | digits[1], digits[2] << 4 | digits[3], digits[4] << 4 | digits[5])
                return
            }
            if digits.count == 3 {
                self = .rgb(digits[0] * 17, digits[1] * 17, digits[2] * 17)
                return
            }
        }
        return nil
    }

    public var description: String {
        switch self {
        case .default: return "default"
        case .indexed(let n): return "\(n)"
        case .rgb(let r, let g, let b): return "#" + [r, g, b].map { Color.hex2($0) }.joined()
        }
    }

    static func hex2(_ v: UInt8) -> String {
        let s = String(v, radix: 16)
        return s.count == 1 ? "0" + s : s
    }

    /// The colour as RGB (palette entries resolved with the standard xterm palette).
    /// `.default` has no RGB value.
    public var rgbComponents: (UInt8, UInt8, UInt8)? {
        switch self {
        case .default: return nil
        case .rgb(let r, let g, let b): return (r, g, b)
        case .indexed(let n): return XtermPalette.rgb(n)
        }
    }

    /// This colour as the terminal of the given depth can show it.
    public func downsampled(to depth: ColorDepth) -> Color {
        switch (depth, self) {
        case (_, .default): return .default
        case (.none, _): return .default
        case (.trueColor, _): return self
        case (.ansi256, .indexed): return self
        case (.ansi256, .rgb(let r, let g, let b)): return .indexed(XtermPalette.nearest256(r, g, b))
        case (.ansi8, .indexed(let n)) where n < 8: return self
        case (.ansi8, .indexed(let n)) where n < 16: return .indexed(n - 8)
        case (.ansi8, _):
            let (r, g, b) = rgbComponents!
            return .indexed(XtermPalette.nearest8(r, g, b))
        }
    }
}

/// How many colours the output can show.
public enum ColorDepth: Int, Sendable, Comparable, CaseIterable {
    case none = 0, ansi8 = 8, ansi256 = 256, trueColor = 16_777_216

    public static func < (a: ColorDepth, b: ColorDepth) -> Bool { a.rawValue < b.rawValue }

    /// The depth for a terminal reporting `colors` colours, honouring `NO_COLOR` (non-empty)
    /// and `TERM=dumb` (both: no colour, attributes are kept).
    public static func detect(terminalColors colors: Int, environment: [String: String]) -> ColorDepth {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .none }
        if environment["TERM"] == "dumb" { return .none }
        if colors >= 256 { return .ansi256 }
        if colors >= 8 { return .ansi8 }
        return .none
    }
}

extension String {
    func trimmingCharactersInSet() -> String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}
