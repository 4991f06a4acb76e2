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

/// Lays out a form top to bottom: a label column and a field column, a blank row between
/// fields, then free lines (checkboxes, notes, buttons). Rows past the area are skipped.
struct FormLayout {
    let area: Rect
    let labelWidth: Int
    private(set) var y: Int

    init(area: Rect, labelWidth: Int = 36) {
        self.area = area
        self.labelWidth = min(labelWidth, area.width / 2)
        y = area.y
    }

    var hasRoom: Bool { y < area.maxY }
    var remaining: Rect { Rect(x: area.x, y: y, width: area.width, height: max(0, area.maxY - y)) }

    /// "Label      [field]" and a blank row after it.
    mutating func field(_ label: String, into buffer: inout Buffer, theme: Theme, draw: (inout Buffer, Rect) -> Void) {
        guard hasRoom else { return }
        buffer.write(label, in: Rect(x: area.x, y: y, width: labelWidth, height: 1), style: theme[.text])
        draw(&buffer, Rect(x: area.x + labelWidth, y: y, width: max(1, min(44, area.width - labelWidth)), height: 1))
        y += 2
    }

    /// One full-width row drawn by `draw`.
    mutating func line(into buffer: inout Buffer, indent: Int = 0, draw: (inout Buffer, Rect) -> Void) {
        guard hasRoom else { return }
        draw(&buffer, Rect(x: area.x + indent, y: y, width: max(0, area.width - indent), height: 1))
        y += 1
    }

    /// A muted explanation, wrapped and indented.
    mutating func note(_ text: String, into buffer: inout Buffer, theme: Theme, indent: Int = 4) {
        for line in TextLayout.wrap(text, width: max(1, area.width - indent)) where hasRoom {
            buffer.write(line, in: Rect(x: area.x + indent, y: y, width: area.width - indent, height: 1), style: theme[.muted])
            y += 1
        }
    }

    mutating func skip(_ rows: Int = 1) { y += rows }

    /// The end of every form: a blank row, the buttons (`focused` nil while a field has focus),
    /// a blank row, then each problem in its own Attention box below.
    mutating func finish(buttons labels: [String], focused: Int?, problems: [String], into buffer: inout Buffer, theme: Theme) {
        skip()
        line(into: &buffer) { ButtonRow(labels, focused: focused).render(into: &$0, area: $1, theme: theme) }
        skip()
        AttentionBoxes.draw(problems, into: &buffer, area: remaining, theme: theme)
    }
}
