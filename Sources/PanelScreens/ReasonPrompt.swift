import Terminal

/// A confirmation step that asks for a reason (suspend, unsuspend): a message, a reason
/// field and Confirm / Cancel. Enter in the field moves to Confirm; a paste never confirms.
struct ReasonPrompt {
    enum Result { case confirmed(String), cancelled }

    var title: String
    var message: String
    var confirmLabel: String
    // The field's label already says "Reason".
    var reason = TextField(placeholder: "kept in the audit log", maxLength: 200)
    var focus = FocusRing(count: 3)   // field, confirm, cancel
    var error: String?

    var capturesText: Bool { focus.index == 0 }

    mutating func handle(_ event: InputEvent) -> Result? {
        switch event {
        case .key(.escape):
            return .cancelled
        case .key(.tab), .key(.down):
            focus.next()
        case .key(.backTab), .key(.up):
            focus.previous()
        case .key(.left) where focus.index > 0, .key(.right) where focus.index > 0:
            focus.focus(focus.index == 1 ? 2 : 1)
        case .key(.enter):
            switch focus.index {
            case 0: focus.focus(1)
            case 1:
                let text = reason.text.trimmingCharacters(in: .whitespaces)
                guard !text.isEmpty else {
                    error = "Give a reason first; it is kept in the audit log."
                    focus.focus(0)
                    return nil
                }
                return .confirmed(text)
            default: return .cancelled
            }
        default:
            // Typing answers "Give a reason first": the error goes with the first change.
            if focus.index == 0, reason.handle(event) == .changed, !reason.text.isEmpty { error = nil }
        }
        return nil
    }

    func render(into buffer: inout Buffer, area: Rect, theme: Theme) {
        let width = min(64, max(0, area.width - 4))
        let lines = TextLayout.wrap(message, width: max(1, width - 4))
        let height = min(area.height, lines.count + (error == nil ? 7 : 8))
        let frame = area.centered(Size(width: width, height: height))
        guard frame.width >= 20, frame.height >= 6 else {
            buffer.write("! \(title): \(message)", in: area.row(0), style: theme[.dialogTitle])
            return
        }
        let inner = Block(title: "! " + title, borderRole: .dialogBorder, titleRole: .dialogTitle, fillRole: .dialog)
            .render(into: &buffer, area: frame, theme: theme).inset(left: 1, right: 1)
        for (index, line) in lines.prefix(max(0, inner.height - 5)).enumerated() {
            buffer.write(line, in: inner.row(index), style: theme[.dialog])
        }
        let fieldRow = inner.row(inner.height - (error == nil ? 3 : 4))
        buffer.write("Reason ", x: fieldRow.x, y: fieldRow.y, style: theme[.dialog])
        reason.render(into: &buffer, area: fieldRow.inset(left: 7), theme: theme, focused: focus.isFocused(0))
        if let error {
            buffer.write(StatusKind.danger.label(error), in: inner.row(inner.height - 3), style: theme[.danger])
        }
        var row = ButtonRow([confirmLabel, "Cancel"], focused: nil)
        if focus.index > 0 { row.focused = focus.index - 1 }
        row.render(into: &buffer, area: inner.row(inner.height - 1), theme: theme)
    }
}

import Foundation
