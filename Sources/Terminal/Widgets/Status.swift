/// A status shown with a symbol and a word as well as a colour, so it reads the same in
/// monochrome, with NO_COLOR and for colour-blind users.
public enum StatusKind: String, Sendable, Hashable, CaseIterable {
    case ok, info, warning, danger, muted

    /// One-cell symbol.
    public var symbol: String {
        switch self {
        case .ok: return "✓"
        case .info: return "i"
        case .warning: return "!"
        case .danger: return "✗"
        case .muted: return "·"
        }
    }

    public var role: ThemeRole {
        switch self {
        case .ok: return .ok
        case .info: return .info
        case .warning: return .warning
        case .danger: return .danger
        case .muted: return .muted
        }
    }

    /// "✓ Issued"-style text for tables and labels.
    public func label(_ text: String) -> String { symbol + " " + text }
}
