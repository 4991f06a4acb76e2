/// The bottom line listing the keys that work on this screen ("q Quit  / Search  ? Help").
/// When it does not fit, trailing hints are dropped but the last one (help) is kept.
public struct Footer: Sendable, Hashable {
    public var bindings: [KeyBinding]

    public init(bindings: [KeyBinding]) { self.bindings = bindings.filter(\.showInFooter) }

    public func render(into buffer: inout Buffer, area: Rect, theme: Theme) {
        guard !area.isEmpty else { return }
        let row = area.row(0)
        buffer.fill(row, style: theme[.footer])
        var items = bindings.map { (key: " " + Sanitizer.clean($0.keyText) + " ", label: Sanitizer.clean($0.label) + " ") }
        func total() -> Int { items.reduce(0) { $0 + displayWidth($1.key) + displayWidth($1.label) } }
        while items.count > 1 && total() > row.width {
            items.remove(at: items.count - 2)
        }
        var x = row.x
        for item in items {
            x = buffer.write(item.key, x: x, y: row.y, style: theme[.footerKey], clip: row)
            x = buffer.write(item.label, x: x, y: row.y, style: theme[.footer], clip: row)
        }
    }
}
