/// What a text input did with an event.
public enum TextInputResult: Sendable, Hashable {
    /// Not for this widget (Tab, Esc, F-keys…): the screen handles it.
    case ignored
    /// Text changed.
    case changed
    /// Only the cursor moved.
    case moved
    /// Enter was pressed (never caused by a paste).
    case submitted
}

/// A single-line text input: grapheme-aware cursor, insert/delete, optional maximum length
/// (in characters), masking for passwords. Pasted text has newlines and control characters
/// removed, so a paste can never submit.
public struct TextField: Sendable, Hashable {
    private var characters: [Character]
    /// Cursor position in characters (0...text.count).
    public private(set) var cursor: Int
    public var placeholder: String
    public var maxLength: Int?
    public var isMasked: Bool

    public init(text: String = "", placeholder: String = "", maxLength: Int? = nil, isMasked: Bool = false) {
        self.characters = []
        self.cursor = 0
        self.placeholder = placeholder
        self.maxLength = maxLength
        self.isMasked = isMasked
        setText(text)
    }

    public var text: String { String(characters) }

    public mutating func setText(_ text: String) {
        var chars = Array(Sanitizer.clean(text))
        if let maxLength { chars = Array(chars.prefix(max(0, maxLength))) }
        characters = chars
        cursor = chars.count
    }

    public mutating func handle(_ event: InputEvent) -> TextInputResult {
        switch event {
        case .paste(let text):
            return insert(Sanitizer.clean(text)) ? .changed : .ignored
        case .key(let key):
            return handle(key)
        default:
            return .ignored
        }
    }

    public mutating func handle(_ key: Key) -> TextInputResult {
        switch key {
        case .char(let c): return insert(Sanitizer.clean(String(c))) ? .changed : .moved
        case .enter: return .submitted
        case .left: return move(to: cursor - 1)
        case .right: return move(to: cursor + 1)
        case .home, .ctrl("a"): return move(to: 0)
        case .end, .ctrl("e"): return move(to: characters.count)
        case .backspace:
            guard cursor > 0 else { return .moved }
            characters.remove(at: cursor - 1)
            cursor -= 1
            return .changed
        case .delete, .ctrl("d"):
            guard cursor < characters.count else { return .moved }
            characters.remove(at: cursor)
            return .changed
        case .ctrl("u"):
            characters.removeFirst(cursor)
            cursor = 0
            return .changed
        case .ctrl("k"):
            characters.removeLast(characters.count - cursor)
            return .changed
        case .ctrl("w"):
            var start = cursor
            while start > 0 && characters[start - 1] == " " { start -= 1 }
            while start > 0 && characters[start - 1] != " " { start -= 1 }
            characters.removeSubrange(start..<cursor)
            cursor = start
            return .changed
        default:
            return .ignored
        }
    }

    private mutating func move(to position: Int) -> TextInputResult {
        cursor = min(max(0, position), characters.count)
        return .moved
    }

    /// Inserts already-clean text at the cursor, up to `maxLength`. Returns false if nothing fit.
    private mutating func insert(_ clean: String) -> Bool {
        guard !clean.isEmpty else { return false }
        let before = String(characters[..<cursor]), after = String(characters[cursor...])
        var inserted = Array(clean)
        if let maxLength {
            inserted = Array(inserted.prefix(max(0, maxLength - characters.count)))
        }
        guard !inserted.isEmpty else { return false }
        // Re-segment: a typed combining mark joins the character before it.
        let head = Array(before + String(inserted))
        characters = Array(String(head) + after)
        cursor = min(head.count, characters.count)
        return true
    }

    /// Draws the field on the first row of `area`. When focused, sets `buffer.cursor`.
    public func render(into buffer: inout Buffer, area: Rect, theme: Theme, focused: Bool) {
        guard !area.isEmpty else { return }
        let row = area.row(0)
        let style = theme[focused ? .fieldFocus : .field]
        buffer.fill(row, style: style)
        if characters.isEmpty && !placeholder.isEmpty {
            buffer.write(placeholder, in: row, style: theme[.placeholder].patched(with: Style(background: style.background)))
            if focused { buffer.cursor = Point(x: row.x, y: row.y) }
            return
        }
        let shown: [Character] = isMasked ? Array(repeating: "•", count: characters.count) : characters
        // Scroll horizontally so the cursor (plus one cell for it at the end) stays visible.
        let widths = shown.map { max(1, displayWidth($0)) }
        var start = 0
        var cursorX = widths[..<cursor].reduce(0, +)
        while cursorX >= row.width && start < cursor {
            cursorX -= widths[start]
            start += 1
        }
        let visible = String(shown[start...])
        buffer.write(visible, x: row.x, y: row.y, style: style, clip: row)
        if focused { buffer.cursor = Point(x: row.x + min(cursorX, max(0, row.width - 1)), y: row.y) }
    }
}
