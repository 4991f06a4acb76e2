/// A modal dialog: title ("Attention" by default), a wrapped message and buttons.
/// The screen keeps it in its state, routes events to `handle` while it is shown and draws it
/// last so it covers the screen.
public struct Dialog: Sendable, Hashable {
    public enum Result: Sendable, Hashable {
        case chosen(Int)
        case cancelled
    }

    public var title: String
    public var message: String
    public var buttons: [String]
    public var focusedButton: Int
    /// The role of the title bar (warning, danger…); the title text carries the meaning too.
    public var kind: StatusKind

    public init(title: String = "Attention", message: String, buttons: [String] = ["OK"], focusedButton: Int = 0,
                kind: StatusKind = .warning) {
        self.title = title
        self.message = message
        self.buttons = buttons.isEmpty ? ["OK"] : buttons
        self.focusedButton = min(max(0, focusedButton), max(0, buttons.count - 1))
        self.kind = kind
    }

    /// ←/→/Tab/Shift-Tab move between buttons, Enter chooses, Esc cancels. Mouse clicks on a
    /// button choose it (needs the area the dialog was drawn in).
    public mutating func handle(_ event: InputEvent, area: Rect? = nil) -> Result? {
        switch event {
        case .key(.left), .key(.backTab), .key(.char("h")):
            focusedButton = (focusedButton + buttons.count - 1) % buttons.count
        case .key(.right), .key(.tab), .key(.char("l")):
            focusedButton = (focusedButton + 1) % buttons.count
        case .key(.enter), .key(.char(" ")):
            return .chosen(focusedButton)
        case .key(.escape):
            return .cancelled
        case .mouse(let m) where m.kind == .press && m.button == .left:
            guard let area else { return nil }
            var scratch = Buffer(size: Size(width: area.maxX, height: area.maxY))
            let rects = render(into: &scratch, area: area, theme: .monochrome)
            if let i = rects.firstIndex(where: { $0.contains(m.position) }) { focusedButton = i; return .chosen(i) }
        default:
            break
        }
        return nil
    }

    /// The dialog's own rectangle, centred in `area`.
    public func frame(in area: Rect) -> Rect {
        let maxWidth = min(60, max(0, area.width - 4))
        let buttonsWidth = ButtonRow(buttons).buttons.reduce(0) { $0 + $1.width + 2 }
        let textWidth = max(displayWidth(title) + 6, buttonsWidth, min(displayWidth(message), maxWidth - 4))
        let width = min(maxWidth, textWidth + 4)
        let lines = TextLayout.wrap(Sanitizer.cleanMultiline(message), width: max(1, width - 4))
        let height = min(area.height, lines.count + 4)
        return area.centered(Size(width: width, height: height))
    }

    /// Draws the dialog centred in `area`; returns the button rectangles.
    @discardableResult
    public func render(into buffer: inout Buffer, area: Rect, theme: Theme) -> [Rect] {
        let frame = frame(in: area)
        guard frame.width >= 6, frame.height >= 3 else {
            // Too small for a box: the message on one line is still better than nothing.
            buffer.write(kind.symbol + " " + title + ": " + message, in: area.row(0), style: theme[.dialogTitle])
            return []
        }
        Block(title: kind.symbol + " " + title, borderRole: .dialogBorder, titleRole: .dialogTitle, fillRole: .dialog)
            .render(into: &buffer, area: frame, theme: theme)
        let inner = frame.inset(top: 1, left: 2, bottom: 1, right: 2)
        let lines = TextLayout.wrap(Sanitizer.cleanMultiline(message), width: max(1, inner.width))
        // A blank row between message and buttons when there is room for it.
        var textRows = max(0, inner.height - 2)
        if lines.count > textRows { textRows = max(0, inner.height - 1) }
        for (i, line) in lines.prefix(textRows).enumerated() {
            buffer.write(line, in: inner.row(i), style: theme[.dialog])
        }
        return ButtonRow(buttons, focused: focusedButton).render(into: &buffer, area: inner.row(inner.height - 1), theme: theme)
    }
}
