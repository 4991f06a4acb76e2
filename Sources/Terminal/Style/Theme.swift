/// Named style roles. Widgets ask the theme for a role, never for a colour, so every theme
/// (and `NO_COLOR`) applies everywhere. Raw values are the keys used in theme files.
public enum ThemeRole: String, CaseIterable, Sendable, Hashable {
    case text, muted, accent, title
    case header, footer
    case footerKey = "footer_key"
    case tableHeader = "table_header"
    case selection, border
    case borderFocus = "border_focus"
    case ok, warning, danger, info
    case field
    case fieldFocus = "field_focus"
    case placeholder
    case button
    case buttonFocus = "button_focus"
    case dialog
    case dialogBorder = "dialog_border"
    case dialogTitle = "dialog_title"
    case toast
    case helpKey = "help_key"
}

/// A set of styles by role. Load with `Theme.load(nameOrPath:)`; built-ins are embedded.
public struct Theme: Sendable, Equatable {
    public var name: String
    /// The colour the terminal's default foreground/background are assumed to have; used
    /// where a concrete colour is needed (SVG export).
    public var foreground: Color
    public var background: Color
    public var styles: [ThemeRole: Style]

    public init(name: String, foreground: Color = .rgb(0xd0, 0xd0, 0xd0), background: Color = .rgb(0x1c, 0x1c, 0x1c),
                styles: [ThemeRole: Style]) {
        self.name = name
        self.foreground = foreground
        self.background = background
        self.styles = styles
    }

    /// The style for `role`. Roles a theme leaves out get the monochrome attributes on the
    /// theme's text colours, so focus and selection stay visible.
    public subscript(role: ThemeRole) -> Style {
        if let s = styles[role] { return s }
        let text = styles[.text] ?? .plain
        return Style(foreground: text.foreground, background: text.background,
                     attributes: Theme.monochromeAttributes[role] ?? [])
    }

    /// Names of the built-in themes.
    public static var builtinNames: [String] { BuiltinThemes.names }

    /// The default dark theme (always available).
    public static let `default`: Theme = builtin("default")
    /// Attributes only; also the fallback when a theme cannot be loaded.
    public static let monochrome: Theme = builtin("monochrome")

    private static func builtin(_ name: String) -> Theme {
        // The embedded sources are covered by tests; parsing them cannot fail at run time.
        // Should it anyway, fall back to attribute-free plain styles rather than crash.
        (try? ThemeLoader.parse(BuiltinThemes.source(named: name) ?? "", source: "built-in theme \(name)"))
            ?? Theme(name: name, styles: [:])
    }

    /// The same theme with every colour removed (NO_COLOR, TERM=dumb). Attributes are kept and
    /// the monochrome theme's attributes are added, so roles that differed only by background
    /// (header, selection, focused field…) stay distinguishable.
    public func withoutColor() -> Theme {
        var t = self
        for role in ThemeRole.allCases {
            let attributes = self[role].attributes.union(Theme.monochromeAttributes[role] ?? [])
            t.styles[role] = Style(attributes: attributes)
        }
        return t
    }

    /// The theme adapted to what the output can show: colours downsampled to `depth`
    /// (none → attributes only).
    public func adapted(to depth: ColorDepth) -> Theme {
        if depth == .none { return withoutColor() }
        var t = self
        t.styles = styles.mapValues { $0.downsampled(to: depth) }
        return t
    }

    static let monochromeAttributes: [ThemeRole: Attributes] = {
        var m: [ThemeRole: Attributes] = [:]
        if let src = BuiltinThemes.source(named: "monochrome"), let t = try? ThemeLoader.parse(src, source: "monochrome") {
            for (role, style) in t.styles { m[role] = style.attributes }
        }
        return m
    }()

    // MARK: - Loading

    /// Loads a built-in theme by name ("default", "light", "high-contrast", "monochrome") or a
    /// TOML file by path (anything containing "/" or ending in ".toml").
    public static func load(nameOrPath: String) throws(ThemeError) -> Theme {
        if let src = BuiltinThemes.source(named: nameOrPath) {
            return try ThemeLoader.parse(src, source: "built-in theme \(nameOrPath)")
        }
        if nameOrPath.contains("/") || nameOrPath.hasSuffix(".toml") {
            let text = try ThemeLoader.readFile(nameOrPath)
            return try ThemeLoader.parse(text, source: nameOrPath)
        }
        throw .notFound(name: nameOrPath, available: BuiltinThemes.names)
    }

    /// Like `load`, but never fails: on error returns the monochrome theme (no colour) and
    /// the error for the caller to report.
    public static func loadOrFallback(nameOrPath: String) -> (theme: Theme, error: ThemeError?) {
        do { return (try load(nameOrPath: nameOrPath), nil) } catch { return (monochrome, error) }
    }

    /// Parses theme TOML text. `source` names it in error messages (a path or a label).
    public static func parse(toml: String, source: String = "theme") throws(ThemeError) -> Theme {
        try ThemeLoader.parse(toml, source: source)
    }
}

/// Why a theme could not be loaded. Descriptions name the file, line and key.
public enum ThemeError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The TOML itself is malformed.
    case syntax(source: String, line: Int, column: Int, message: String)
    /// A key has a value that is not allowed (unknown colour, attribute, role, wrong type).
    /// `line` is where the key was found in the text (nil if it could not be located).
    case invalidValue(source: String, key: String, line: Int?, message: String)
    case notFound(name: String, available: [String])
    case unreadable(path: String, reason: String)

    public var description: String {
        switch self {
        case let .syntax(source, line, column, message):
            return "\(source):\(line):\(column): invalid TOML: \(message)"
        case let .invalidValue(source, key, line, message):
            let at = line.map { ":\($0)" } ?? ""
            return "\(source)\(at): key \(key): \(message)"
        case let .notFound(name, available):
            return "unknown theme \"\(Sanitizer.clean(name))\" (built-in: \(available.joined(separator: ", ")); or give a path to a .toml file)"
        case let .unreadable(path, reason):
            return "cannot read theme file \(Sanitizer.clean(path)): \(reason)"
        }
    }
}
