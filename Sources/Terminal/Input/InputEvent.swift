/// A key press, decoded from the terminal's byte stream.
public enum Key: Hashable, Sendable, CustomStringConvertible {
    /// A printable grapheme (UTF-8 decoded). vim keys like j/k/g/G arrive as `.char`.
    case char(Character)
    /// Ctrl plus a letter, lower-case: `.ctrl("c")`. Ctrl-I/M/H/[ arrive as tab/enter/backspace/escape.
    case ctrl(Character)
    /// Alt (Meta) plus a character: ESC immediately followed by the character.
    case alt(Character)
    case enter, tab, backTab, escape, backspace, delete, insert
    case up, down, left, right, home, end, pageUp, pageDown
    case function(Int)

    /// Short human label used by footers and the help overlay.
    public var description: String {
        switch self {
        case .char(" "): return "Space"
        case .char(let c): return String(c)
        case .ctrl(let c): return "Ctrl-" + String(c).uppercased()
        case .alt(let c): return "Alt-" + String(c)
        case .enter: return "Enter"
        case .tab: return "Tab"
        case .backTab: return "Shift-Tab"
        case .escape: return "Esc"
        case .backspace: return "Backspace"
        case .delete: return "Del"
        case .insert: return "Ins"
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .home: return "Home"
        case .end: return "End"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .function(let n): return "F\(n)"
        }
    }
}

public enum MouseButton: Hashable, Sendable {
    case left, middle, right, wheelUp, wheelDown, none
}

/// A mouse report (SGR 1006 encoding). Coordinates are 0-based cells.
public struct MouseEvent: Hashable, Sendable {
    public enum Kind: Hashable, Sendable { case press, release, drag, scroll }
    public var kind: Kind
    public var button: MouseButton
    public var x: Int
    public var y: Int
    public var shift: Bool
    public var alt: Bool
    public var control: Bool

    public init(kind: Kind, button: MouseButton, x: Int, y: Int, shift: Bool = false, alt: Bool = false, control: Bool = false) {
        self.kind = kind
        self.button = button
        self.x = x
        self.y = y
        self.shift = shift
        self.alt = alt
        self.control = control
    }

    public var position: Point { Point(x: x, y: y) }
}

/// Everything the terminal can tell the application.
public enum InputEvent: Hashable, Sendable {
    case key(Key)
    case mouse(MouseEvent)
    /// Text delivered by bracketed paste, as one event. "\r\n" and "\r" are normalised to "\n";
    /// the text is otherwise raw: widgets sanitise when inserting.
    case paste(String)
    case resize(width: Int, height: Int)
}
