/// The command palette (`:` or Ctrl-P): every action of the screen and the global ones, by
/// name, filtered as you type; Enter does what the action's key does. Built from the same
/// key table as the footer and `?`, so it offers nothing the screen does not handle.
public struct CommandPalette: Sendable, Hashable {
    public enum Result: Sendable, Hashable {
        case chosen(KeyBinding)
        case cancelled
    }

    public let bindings: [KeyBinding]
    public private(set) var query = TextField(placeholder: "type to filter, Enter runs, Esc closes", maxLength: 60)
    public private(set) var selected = 0

    public init(bindings: [KeyBinding]) {
        self.bindings = bindings
    }

    /// The bindings whose label, description or key contain every word typed (any case).
    public var matches: [KeyBinding] {
        let words = query.text.lowercased().split(separator: " ").map(String.init)
        guard !words.isEmpty else { return bindings }
        return bindings.filter { binding in
            let haystack = "\(binding.label) \(binding.description) \(binding.keyText)".lowercased()
            return words.allSatisfy { haystack.contains($0) }
        }
    }

    public mutating func handle(_ event: InputEvent) -> Result? {
        switch event {
        case .key(.escape):
            return .cancelled
        case .key(.enter):
            let matches = matches
            return matches.indices.contains(selected) ? .chosen(matches[selected]) : nil
        case .key(.up), .key(.ctrl("p")), .key(.backTab):
            selected = max(0, selected - 1)
        case .key(.down), .key(.ctrl("n")), .key(.tab):
            selected = min(max(0, matches.count - 1), selected + 1)
        default:
            if query.handle(event) == .changed { selected = 0 }
        }
        return nil
    }

    public func render(into buffer: inout Buffer, area: Rect, theme: Theme) {
        let list = matches
        let width = min(area.width, max(40, min(72, area.width - 4)))
        let height = min(area.height, max(5, min(list.count, 12) + 4))
        let frame = Rect(x: area.x + (area.width - width) / 2, y: area.y + min(2, max(0, area.height - height)), width: width, height: height)
        guard frame.width >= 10, frame.height >= 4 else { return }
        let inner = Block(title: "Commands — Enter runs, Esc closes", borderRole: .borderFocus, titleRole: .title, fillRole: .dialog)
            .render(into: &buffer, area: frame, theme: theme)
        buffer.write(": ", in: inner.row(0), style: theme[.dialog].patched(with: theme[.helpKey]))
        query.render(into: &buffer, area: inner.row(0).inset(left: 2), theme: theme, focused: true)
        let rows = max(0, inner.height - 1)
        guard rows > 0 else { return }
        if list.isEmpty {
            buffer.write("No command matches \"\(Sanitizer.clean(query.text))\".", in: inner.row(1).inset(left: 1),
                         style: theme[.dialog].patched(with: theme[.muted]))
            return
        }
        let top = min(max(0, selected - rows + 1), max(0, list.count - rows))
        let keyWidth = min(14, list.map { displayWidth($0.keyText) }.max() ?? 0)
        for (offset, binding) in list.dropFirst(top).prefix(rows).enumerated() {
            let index = top + offset
            let line = inner.row(1 + offset)
            let style = index == selected ? theme[.selection] : theme[.dialog]
            buffer.fill(line, style: style)
            let marker = index == selected ? "▶ " : "  "
            buffer.write(marker + binding.label, in: Rect(x: line.x, y: line.y, width: max(0, line.width - keyWidth - 1), height: 1), style: style)
            buffer.write(binding.keyText, in: Rect(x: line.maxX - keyWidth, y: line.y, width: keyWidth, height: 1),
                         style: style.patched(with: theme[.helpKey]), alignment: .right)
        }
    }
}
