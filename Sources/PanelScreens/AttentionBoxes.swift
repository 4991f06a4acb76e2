import Terminal

/// Every problem in its own "Attention" box, as the web panels show them (seed 000): used by
/// each form that a rule can refuse.
enum AttentionBoxes {
    static func draw(_ messages: [String], into buffer: inout Buffer, area: Rect, theme: Theme) {
        var y = area.y
        for message in messages {
            let lines = TextLayout.wrap(message, width: max(1, area.width - 4))
            let height = lines.count + 2
            guard y + 3 <= area.maxY else {
                if y < area.maxY { buffer.write("… and more problems (enlarge the terminal to see them all)", in: Rect(x: area.x, y: y, width: area.width, height: 1), style: theme[.danger]) }
                return
            }
            let box = Rect(x: area.x, y: y, width: area.width, height: min(height, area.maxY - y))
            let inner = Block(title: "! Attention", borderRole: .danger, titleRole: .danger).render(into: &buffer, area: box, theme: theme)
            for (index, line) in lines.prefix(inner.height).enumerated() {
                buffer.write(line, in: inner.row(index).inset(left: 1), style: theme[.text])
            }
            y += box.height
        }
    }
}

/// Lays out a form top to bottom: a label column and a field column (the label above its
/// field when the terminal is too narrow for both), a blank row between fields, then free
/// lines (checkboxes, notes, buttons, Attention boxes). It draws on a tall canvas and
/// `present` shows the window of it that holds the focused control, and the first Attention
/// box after a submit, so no form hides what has focus or what a submit said.
struct FormLayout {
    let area: Rect
    let theme: Theme
    let labelWidth: Int
    private var canvas: Buffer
    private(set) var y = 0
    private var focusRows: Range<Int>?
    private var resultRow: Int?

    /// The canvas is this tall: longer forms than that are cut (none comes close).
    static let canvasHeight = 200

    init(area: Rect, theme: Theme, labelWidth: Int = 36) {
        self.area = area
        self.theme = theme
        self.labelWidth = min(labelWidth, area.width / 2)
        canvas = Buffer(size: Size(width: max(0, area.width), height: Self.canvasHeight), style: theme[.text])
    }

    private var width: Int { area.width }
    var hasRoom: Bool { y < Self.canvasHeight }
    private func row(_ y: Int, indent: Int = 0, height: Int = 1) -> Rect {
        Rect(x: indent, y: y, width: max(0, width - indent), height: height)
    }

    /// "Label      [field]" and a blank row after it; "Label" over "  [field]" when the label
    /// does not fit beside the field with a space between them.
    mutating func field(_ label: String, focused: Bool, draw: (inout Buffer, Rect) -> Void) {
        guard hasRoom else { return }
        let start = y
        if displayWidth(label) < labelWidth {
            canvas.write(label, in: Rect(x: 0, y: y, width: labelWidth, height: 1), style: theme[.text])
            draw(&canvas, Rect(x: labelWidth, y: y, width: max(1, min(44, width - labelWidth)), height: 1))
        } else {
            canvas.write(label, in: row(y), style: theme[.text])
            y += 1
            draw(&canvas, Rect(x: 2, y: y, width: max(1, min(44, width - 2)), height: 1))
        }
        if focused { focusRows = start..<(y + 1) }
        y += 2
    }

    /// One full-width row drawn by `draw`.
    mutating func line(focused: Bool = false, indent: Int = 0, draw: (inout Buffer, Rect) -> Void) {
        block(height: 1, focused: focused, indent: indent, draw: draw)
    }

    /// `height` full-width rows drawn by `draw` (a text area), and a blank row after them.
    mutating func block(height: Int, focused: Bool = false, indent: Int = 0, gap: Int = 0, draw: (inout Buffer, Rect) -> Void) {
        guard hasRoom else { return }
        draw(&canvas, row(y, indent: indent, height: height))
        if focused { focusRows = y..<(y + height) }
        y += height + gap
    }

    /// A muted explanation, wrapped and indented.
    mutating func note(_ text: String, indent: Int = 4) {
        for line in TextLayout.wrap(text, width: max(1, width - indent)) where hasRoom {
            canvas.write(line, in: row(y, indent: indent), style: theme[.muted])
            y += 1
        }
    }

    mutating func skip(_ rows: Int = 1) { y += rows }

    /// The end of every form: a blank row, the buttons (`focused` nil while a field has focus),
    /// a blank row, then each problem in its own Attention box below.
    mutating func finish(buttons labels: [String], focused: Int?, problems: [String]) {
        skip()
        let theme = theme
        line(focused: focused != nil) { ButtonRow(labels, focused: focused).render(into: &$0, area: $1, theme: theme) }
        skip()
        guard !problems.isEmpty else { return }
        resultRow = y
        let height = problems.reduce(0) { $0 + TextLayout.wrap($1, width: max(1, width - 4)).count + 2 }
        AttentionBoxes.draw(problems, into: &canvas, area: row(y, height: min(height, Self.canvasHeight - y)), theme: theme)
        y += height
    }

    /// The first row shown: the focused control always, the first Attention box too when
    /// there is room for both (else the box wins its first lines below the focus).
    var scrollTop: Int {
        let height = area.height
        guard y > height else { return 0 }
        var top = 0
        if let focus = focusRows { top = max(0, focus.upperBound - height) }
        if let result = resultRow {
            top = max(top, min(focusRows?.lowerBound ?? result, result + 4 - height))
        }
        return min(max(0, top), max(0, y - height))
    }

    /// Copies the window that matters into `buffer`, with "↑ more" / "↓ more" marks.
    func present(into buffer: inout Buffer) {
        let top = scrollTop
        for offset in 0..<max(0, area.height) {
            let source = top + offset
            guard source < canvas.height else { break }
            buffer.copyRow(source, of: canvas, toX: area.x, y: area.y + offset)
        }
        if let cursor = canvas.cursor, cursor.y >= top, cursor.y < top + area.height {
            buffer.cursor = Point(x: area.x + cursor.x, y: area.y + cursor.y - top)
        }
        if top > 0 { buffer.write("↑ more", in: Rect(x: area.x, y: area.y, width: area.width, height: 1), style: theme[.muted], alignment: .right) }
        if top + area.height < y {
            buffer.write("↓ more", in: Rect(x: area.x, y: area.maxY - 1, width: area.width, height: 1), style: theme[.muted], alignment: .right)
        }
    }
}
