/// Multi-line read-only text (details, certificate dumps): wrapped to the width, explicit
/// newlines kept, scrollable. Lines may carry their own role, e.g. a "✗ Expired" line in danger.
public struct Paragraph: Sendable, Hashable {
    public struct Line: Sendable, Hashable {
        public var text: String
        public var role: ThemeRole
        public init(_ text: String, role: ThemeRole = .text) {
            self.text = text
            self.role = role
        }
    }

    public var lines: [Line]
    /// First visible wrapped row.
    public var scroll: Int

    public init(lines: [Line], scroll: Int = 0) {
        self.lines = lines
        self.scroll = scroll
    }

    public init(_ text: String, role: ThemeRole = .text) {
        self.init(lines: [Line(text, role: role)])
    }

    /// The wrapped rows for a width, each with its role.
    public func rows(width: Int) -> [(text: String, role: ThemeRole)] {
        lines.flatMap { line in
            TextLayout.wrap(Sanitizer.cleanMultiline(line.text), width: width).map { ($0, line.role) }
        }
    }

    /// ↑/↓/j/k/PgUp/PgDn/Home/End/g/G scroll. Returns true if used.
    public mutating func handle(_ key: Key, area: Rect) -> Bool {
        let total = rows(width: area.width).count
        switch key {
        case .up, .char("k"): scroll -= 1
        case .down, .char("j"): scroll += 1
        case .pageUp: scroll -= max(1, area.height - 1)
        case .pageDown, .char(" "): scroll += max(1, area.height - 1)
        case .home, .char("g"): scroll = 0
        case .end, .char("G"): scroll = total
        default: return false
        }
        scroll = min(max(0, scroll), max(0, total - area.height))
        return true
    }

    public func render(into buffer: inout Buffer, area: Rect, theme: Theme) {
        guard !area.isEmpty else { return }
        let all = rows(width: area.width)
        let top = min(max(0, scroll), max(0, all.count - area.height))
        for (i, row) in all.dropFirst(top).prefix(area.height).enumerated() {
            buffer.write(row.text, in: area.row(i), style: theme[.text].patched(with: theme[row.role]))
        }
    }
}
