/// A small modal list to pick one value (a filter, a sort): ↑/↓ (or j/k) move, Enter picks,
/// Esc closes without a change. The current value starts selected and is marked.
public struct ChoicePicker: Sendable, Hashable {
    public enum Result: Sendable, Hashable {
        case chosen(Int)
        case cancelled
    }

    public var title: String
    public var options: [String]
    public private(set) var selected: Int
    public let current: Int

    public init(title: String, options: [String], current: Int) {
        self.title = title
        self.options = options
        self.current = min(max(0, current), max(0, options.count - 1))
        selected = self.current
    }

    public mutating func handle(_ event: InputEvent) -> Result? {
        guard case .key(let key) = event else { return nil }
        switch key {
        case .up, .char("k"), .backTab: selected = max(0, selected - 1)
        case .down, .char("j"), .tab: selected = min(options.count - 1, selected + 1)
        case .home: selected = 0
        case .end: selected = options.count - 1
        case .enter, .char(" "): return .chosen(selected)
        case .escape, .char("q"): return .cancelled
        default: break
        }
        return nil
    }

    public func render(into buffer: inout Buffer, area: Rect, theme: Theme) {
        let width = min(area.width, max(displayWidth(title) + 6, (options.map(displayWidth).max() ?? 0) + 8))
        let height = min(area.height, options.count + 2)
        let frame = area.centered(Size(width: width, height: height))
        guard frame.width >= 6, frame.height >= 3 else { return }
        let inner = Block(title: title, borderRole: .borderFocus, titleRole: .title, fillRole: .dialog)
            .render(into: &buffer, area: frame, theme: theme)
        let top = min(max(0, selected - inner.height + 1), max(0, options.count - inner.height))
        for (offset, option) in options.dropFirst(top).prefix(inner.height).enumerated() {
            let index = top + offset
            let style = index == selected ? theme[.selection] : theme[.dialog]
            let row = inner.row(offset)
            buffer.fill(row, style: style)
            buffer.write((index == selected ? "▶ " : "  ") + option + (index == current ? "  ✓" : ""), in: row, style: style)
        }
    }
}
