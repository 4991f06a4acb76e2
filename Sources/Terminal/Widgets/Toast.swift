/// A short result or error message, e.g. "✓ Order saved", at the right end of the footer (the
/// App's one status line) for a while; the symbol carries the meaning as well as the colour.
public struct Toast: Sendable, Hashable {
    public var message: String
    public var kind: StatusKind

    public init(_ message: String, kind: StatusKind = .info) {
        self.message = message
        self.kind = kind
    }

    public var text: String { " " + kind.symbol + " " + Sanitizer.clean(message) + " " }

    /// Draws at the bottom-right of `area`, truncated to fit.
    public func render(into buffer: inout Buffer, area: Rect, theme: Theme) {
        guard !area.isEmpty else { return }
        let t = TextLayout.truncate(text, to: area.width)
        let w = displayWidth(t)
        let rect = Rect(x: area.maxX - w, y: area.maxY - 1, width: w, height: 1)
        // The toast's own style for all of it: kind colours on the toast background are often
        // unreadable; the symbol carries the kind.
        let style = theme[.toast]
        buffer.fill(rect, style: style)
        buffer.write(t, x: rect.x, y: rect.y, style: style, clip: rect)
    }
}
