import Terminal

/// The form → confirm → done flow, written once: a form is filled in and checked, the
/// confirmation says exactly what will happen (Confirm/Back, the safe choice first where the
/// change cannot be undone), and the result is shown until Done. Move Services and the push
/// use it; each screen keeps its own fields and says what its steps mean.
struct FormFlow<Preview, Outcome> {
    enum Stage {
        case form
        case confirm(Preview)
        case done(Outcome)
    }

    /// What a key in the confirmation means.
    enum ConfirmChoice { case apply, back }

    private(set) var stage = Stage.form
    /// 0: the confirming button, 1: Back.
    private(set) var confirmFocus = 0
    /// How far the confirmation's text is scrolled when it is taller than the terminal.
    private(set) var confirmScroll = 0
    /// The confirming button's label ("Confirm", "Push").
    let confirmLabel: String
    /// Focus Back first (for a change that cannot be undone from the panel).
    let backFirst: Bool

    init(confirmLabel: String = "Confirm", backFirst: Bool = false) {
        self.confirmLabel = confirmLabel
        self.backFirst = backFirst
    }

    var isForm: Bool { if case .form = stage { true } else { false } }
    var isDone: Bool { if case .done = stage { true } else { false } }

    mutating func confirm(_ preview: Preview) {
        stage = .confirm(preview)
        confirmFocus = backFirst ? 1 : 0
        confirmScroll = 0
    }

    mutating func finish(_ outcome: Outcome) { stage = .done(outcome) }
    mutating func backToForm() { stage = .form }

    /// The confirmation's keys; `what` says what the confirming button does.
    func confirmKeys(_ what: String) -> KeyMap {
        KeyMap([
            KeyBinding([.left, .right, .tab], label: "Choose", description: "\(confirmLabel) or Back", action: "flow.toggle", keyText: "←/→"),
            KeyBinding(.enter, label: "Select", description: "\(what), or go back to the form", action: "flow.select"),
            // q as Esc: one step back, to the form (the footer once offered "Esc Back" and
            // "q Back" here, the second leaving the whole screen).
            KeyBinding([.escape, .char("q")], label: "Back", description: "Back to the form", action: "flow.back", keyText: "Esc/q"),
            KeyBinding(.down, label: "Scroll", description: "Scroll the confirmation down (on a small terminal)", action: "flow.down", showInFooter: false),
            KeyBinding(.up, label: "Scroll up", description: "Scroll the confirmation up", action: "flow.up", showInFooter: false),
        ])
    }

    /// The result's one key: Enter, Esc and q all leave, the same way.
    static func doneKeys(_ description: String) -> KeyMap {
        KeyMap([KeyBinding([.enter, .escape, .char("q")], label: "Done", description: description, action: "flow.done", keyText: "Enter")])
    }

    /// Handles the confirmation's keys: `.apply` when the confirming button was chosen, `.back`
    /// after returning to the form, nil for anything else (already handled or not its own).
    mutating func handleConfirm(_ event: ScreenEvent) -> ConfirmChoice? {
        guard case .confirm = stage, case .action(let action) = event else { return nil }
        switch action {
        case "flow.toggle": confirmFocus = 1 - confirmFocus
        case "flow.down": confirmScroll += 1
        case "flow.up": confirmScroll = max(0, confirmScroll - 1)
        case "flow.back":
            stage = .form
            return .back
        case "flow.select":
            if confirmFocus == 0 { return .apply }
            stage = .form
            return .back
        default: break
        }
        return nil
    }

    /// The confirmation: `lines` scroll (↑/↓) above buttons that keep their row.
    func drawConfirm(_ lines: [Paragraph.Line], into buffer: inout Buffer, area: Rect, theme: Theme) {
        let buttonsRow = min(area.maxY - 1, area.y + lines.count + 1)
        let textArea = Rect(x: area.x, y: area.y, width: area.width, height: max(0, buttonsRow - area.y - 1))
        let top = min(confirmScroll, max(0, lines.count - textArea.height))
        LineList.draw(lines, into: &buffer, area: textArea, theme: theme, scroll: top)
        if top > 0 { buffer.write("↑ more", in: textArea.row(0), style: theme[.muted], alignment: .right) }
        if top + textArea.height < lines.count, textArea.height > 0 {
            buffer.write("↓ more", in: textArea.row(textArea.height - 1), style: theme[.muted], alignment: .right)
        }
        if buttonsRow >= area.y {
            ButtonRow([confirmLabel, "Back"], focused: confirmFocus)
                .render(into: &buffer, area: Rect(x: area.x, y: buttonsRow, width: area.width, height: 1), theme: theme)
        }
    }
}
