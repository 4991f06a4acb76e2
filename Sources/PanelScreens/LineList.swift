import PanelModel
import Terminal

/// Lines drawn as they are (spacing kept, each cut at the edge), from a scroll position.
/// For detail views whose columns are aligned with spaces; `Paragraph` wraps instead.
enum LineList {
    static func draw(_ lines: [Paragraph.Line], into buffer: inout Buffer, area: Rect, theme: Theme, scroll: Int = 0) {
        let top = min(max(0, scroll), max(0, lines.count - area.height))
        for (index, line) in lines.dropFirst(top).prefix(area.height).enumerated() {
            buffer.write(line.text, in: area.row(index), style: theme[line.role])
        }
    }
}

extension Result where Failure == PanelError {
    /// A screen's load: on success the value and no error line; on failure the message, with
    /// the value kept (a list may go on showing what it had) or, with `dropOnFailure`, dropped
    /// (a record that may no longer be readable, moved away say, must not stay on screen).
    func load(into value: inout Success?, error: inout String?, dropOnFailure: Bool = false) {
        switch self {
        case .success(let loaded):
            value = loaded
            error = nil
        case .failure(let failure):
            if dropOnFailure { value = nil }
            error = failure.message
        }
    }
}

/// What a screen shows before its data arrives: "Loading…", or the error that stopped it.
enum LoadingLine {
    static func draw(error: String?, loading: String = "Loading…", into buffer: inout Buffer, area: Rect, theme: Theme) {
        buffer.write(error.map { StatusKind.danger.label($0) } ?? loading, in: area.row(0), style: theme[error == nil ? .muted : .danger])
    }
}
