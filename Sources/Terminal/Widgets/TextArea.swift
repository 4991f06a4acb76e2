/// A multi-line text input for PEM blocks and notes. Pasted text keeps its newlines (CR LF
/// normalised); other control characters are removed. Enter inserts a newline; the screen
/// decides which key submits (e.g. Ctrl-S or Tab to a button).
public struct TextArea: Sendable, Hashable {
    private var lines: [[Character]]
    public private(set) var row: Int
    public private(set) var column: Int
    /// First visible line; corrected at render time to keep the cursor visible.
    public var scrollTop: Int
    /// Expected visible height, used to keep `scrollTop` sensible between renders.
    public var viewportHeight: Int
    /// Maximum total characters (newlines included); extra pasted text is dropped.
    public var maxLength: Int?
    public var placeholder: String

    public init(text: String = "", placeholder: String = "", maxLength: Int? = nil, viewportHeight: Int = 8) {
        self.lines = [[]]
        self.row = 0
        self.column = 0
        self.scrollTop = 0
        self.viewportHeight = viewportHeight
        self.maxLength = maxLength
        self.placeholder = placeholder
        setText(text)
    }

    public var text: String { lines.map { String($0) }.joined(separator: "\n") }
    public var lineCount: Int { lines.count }

    public mutating func setText(_ text: String) {
        lines = [[]]
        row = 0
        column = 0
        scrollTop = 0
        _ = insert(Sanitizer.cleanMultiline(text))
    }

    private var characterCount: Int { lines.reduce(0) { $0 + $1.count } + lines.count - 1 }

    public mutating func handle(_ event: InputEvent) -> TextInputResult {
        switch event {
        case .paste(let text): return insert(Sanitizer.cleanMultiline(text)) ? .changed : .ignored
        case .key(let key): return handle(key)
        default: return .ignored
        }
    }

    public mutating func handle(_ key: Key) -> TextInputResult {
        defer { keepCursorVisible(height: viewportHeight) }
        switch key {
        case .char(let c): return insert(Sanitizer.clean(String(c))) ? .changed : .moved
        case .enter: return insert("\n") ? .changed : .moved
        case .left:
            if column > 0 { column -= 1 } else if row > 0 { row -= 1; column = lines[row].count }
            return .moved
        case .right:
            if column < lines[row].count { column += 1 } else if row < lines.count - 1 { row += 1; column = 0 }
            return .moved
        case .up: moveRow(-1); return .moved
        case .down: moveRow(1); return .moved
        case .pageUp: moveRow(-max(1, viewportHeight)); return .moved
        case .pageDown: moveRow(max(1, viewportHeight)); return .moved
        case .home, .ctrl("a"): column = 0; return .moved
        case .end, .ctrl("e"): column = lines[row].count; return .moved
        case .backspace:
            if column > 0 {
                lines[row].remove(at: column - 1)
                column -= 1
            } else if row > 0 {
                column = lines[row - 1].count
                lines[row - 1] += lines[row]
                lines.remove(at: row)
                row -= 1
            } else { return .moved }
            return .changed
        case .delete:
            if column < lines[row].count { lines[row].remove(at: column) }
            else if row < lines.count - 1 { lines[row] += lines[row + 1]; lines.remove(at: row + 1) }
            else { return .moved }
            return .changed
        default:
            return .ignored
        }
    }

    private mutating func moveRow(_ delta: Int) {
        row = min(max(0, row + delta), lines.count - 1)
        column = min(column, lines[row].count)
    }

    /// Inserts clean text (may contain "\n") at the cursor, within `maxLength`.
    private mutating func insert(_ clean: String) -> Bool {
        var text = clean
        if let maxLength {
            let room = max(0, maxLength - characterCount)
            text = String(text.prefix(room))
        }
        guard !text.isEmpty else { return false }
        let tail = Array(lines[row][column...])
        let head = String(lines[row][..<column])
        let pieces = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var newLines: [[Character]] = []
        for (i, piece) in pieces.enumerated() {
            newLines.append(Array(i == 0 ? head + piece : piece))
        }
        let lastLength = newLines[newLines.count - 1].count
        newLines[newLines.count - 1] = Array(String(newLines[newLines.count - 1]) + String(tail))
        lines.replaceSubrange(row...row, with: newLines)
        row += newLines.count - 1
        column = min(lastLength, lines[row].count)
        keepCursorVisible(height: viewportHeight)
        return true
    }

    private mutating func keepCursorVisible(height: Int) {
        scrollTop = TableState.visibleOffset(selected: row, offset: scrollTop, count: lines.count, height: max(1, height))
    }

    /// Draws the visible lines; lines wider than the area scroll horizontally with the cursor.
    public func render(into buffer: inout Buffer, area: Rect, theme: Theme, focused: Bool) {
        guard !area.isEmpty else { return }
        let style = theme[focused ? .fieldFocus : .field]
        buffer.fill(area, style: style)
        if lines.count == 1 && lines[0].isEmpty && !placeholder.isEmpty {
            for (i, line) in TextLayout.wrap(Sanitizer.clean(placeholder), width: area.width).prefix(area.height).enumerated() {
                buffer.write(line, x: area.x, y: area.y + i, style: theme[.placeholder].patched(with: Style(background: style.background)), clip: area)
            }
            if focused { buffer.cursor = Point(x: area.x, y: area.y) }
            return
        }
        let top = TableState.visibleOffset(selected: row, offset: scrollTop, count: lines.count, height: area.height)
        // Horizontal scroll shared by all lines, so columns stay aligned.
        let cursorX = lines[row][..<column].reduce(0) { $0 + max(1, displayWidth($1)) }
        let shift = cursorX >= area.width ? cursorX - area.width + 1 : 0
        for i in 0..<area.height {
            let index = top + i
            guard index < lines.count else { break }
            buffer.write(String(lines[index]), x: area.x - shift, y: area.y + i, style: style, clip: area)
        }
        if focused { buffer.cursor = Point(x: area.x + cursorX - shift, y: area.y + row - top) }
    }
}
