/// The `?` overlay: every key of the current screen and the global keys, in a box.
/// Scrolls when the list is longer than the terminal.
public struct HelpOverlay: Sendable, Hashable {
    public struct Section: Sendable, Hashable {
        public var title: String
        public var bindings: [KeyBinding]
        public init(title: String, bindings: [KeyBinding]) {
            self.title = title
            self.bindings = bindings
        }
    }

    public var sections: [Section]
    public var scroll: Int

    public init(sections: [Section], scroll: Int = 0) {
        self.sections = sections
        self.scroll = scroll
    }

    /// The lines shown: section titles, then "key  description" rows.
    func rows() -> [(key: String, text: String, isTitle: Bool)] {
        var out: [(String, String, Bool)] = []
        for (i, s) in sections.enumerated() where !s.bindings.isEmpty {
            if i > 0 && !out.isEmpty { out.append(("", "", false)) }
            out.append(("", s.title, true))
            for b in s.bindings { out.append((b.keyText, b.description, false)) }
        }
        return out
    }

    /// ↑/↓/j/k/PgUp/PgDn scroll. Returns true if used.
    public mutating func handle(_ key: Key, visibleRows: Int) -> Bool {
        let total = rows().count
        switch key {
        case .up, .char("k"): scroll -= 1
        case .down, .char("j"): scroll += 1
        case .pageUp: scroll -= max(1, visibleRows)
        case .pageDown: scroll += max(1, visibleRows)
        case .home, .char("g"): scroll = 0
        case .end, .char("G"): scroll = total
        default: return false
        }
        scroll = min(max(0, scroll), max(0, total - visibleRows))
        return true
    }

    public func frame(in area: Rect) -> Rect {
        let rows = rows()
        let keyWidth = min(16, rows.map { displayWidth($0.key) }.max() ?? 0)
        let textWidth = rows.map { displayWidth($0.text) }.max() ?? 0
        let width = min(area.width, max(30, keyWidth + textWidth + 6))
        let height = min(area.height, rows.count + 3)
        return area.centered(Size(width: width, height: height))
    }

    public func render(into buffer: inout Buffer, area: Rect, theme: Theme) {
        let frame = frame(in: area)
        guard !frame.isEmpty else { return }
        let inner = Block(title: "Keys — Esc to close", borderRole: .borderFocus, titleRole: .title, fillRole: .dialog)
            .render(into: &buffer, area: frame, theme: theme)
        let all = rows()
        let keyWidth = min(16, all.map { displayWidth($0.key) }.max() ?? 0)
        let visible = max(0, inner.height - 1)
        let top = min(max(0, scroll), max(0, all.count - visible))
        for (i, row) in all.dropFirst(top).prefix(visible).enumerated() {
            let line = inner.row(i).inset(left: 1)
            if row.isTitle {
                buffer.write(row.text, in: line, style: theme[.dialogTitle])
            } else {
                buffer.write(row.key, in: Rect(x: line.x, y: line.y, width: min(keyWidth, line.width), height: 1),
                             style: theme[.dialog].patched(with: theme[.helpKey]))
                buffer.write(row.text, in: line.inset(left: keyWidth + 2), style: theme[.dialog])
            }
        }
        if inner.height > 0 {
            let more = top + visible < all.count ? "↓ more" : (top > 0 ? "↑ more" : "")
            buffer.write(more, in: inner.row(inner.height - 1).inset(left: 1), style: theme[.dialog].patched(with: theme[.muted]))
        }
    }
}
