import Foundation
import PanelModel
import PanelStore
import Terminal

/// Seed 003, pushing a domain to another registrar handle. Submit first runs the push in test
/// mode (rolled back, no notification) and shows what it would do; only Confirm pushes for real.
public struct PushDomainScreen: SessionScreen {
    let session: PanelSession
    var domain = TextField(placeholder: "example.com", maxLength: 253)
    var handle = TextField(placeholder: "e.g. H12345", maxLength: 32)
    var focus = FocusRing(count: 4)   // domain, handle, Submit, Cancel
    /// Test run, then Push or Back, with Back focused: a push cannot be undone from the panel.
    var flow = FormFlow<PanelDatabase.PushResult, PanelDatabase.PushResult>(confirmLabel: "Push", backFirst: true)
    var problems: [String] = []

    struct Tested: Sendable { var result: Result<PanelDatabase.PushResult, PanelError> }
    struct Pushed: Sendable { var result: Result<PanelDatabase.PushResult, PanelError> }

    public init(session: PanelSession) { self.session = session }

    public var title: String { "Push Domain to Another Registrar" }

    /// What was typed is lost when the form is left before the push is done.
    public var unsavedInput: String? {
        if flow.isDone { return nil }
        guard !domain.text.isEmpty || !handle.text.isEmpty else { return nil }
        return "The push you started has not been made and what you typed will be lost."
    }
    public var capturesText: Bool { flow.isForm && focus.index < 2 }

    public var keyMap: KeyMap {
        switch flow.stage {
        case .form:
            KeyMap([
                KeyBinding(.tab, label: "Next", description: "Next field", action: "push.next"),
                KeyBinding(.backTab, label: "Previous", description: "Previous field", action: "push.previous", showInFooter: false),
                KeyBinding(.enter, label: "Submit/Next", description: "Next field; on Submit, test the push (nothing changes yet)", action: "push.enter"),
                KeyBinding(.escape, label: "Cancel", description: "Back without pushing", action: "push.cancel"),
            ])
        case .confirm:
            flow.confirmKeys("Push the domain now")
        case .done:
            FormFlow<PanelDatabase.PushResult, PanelDatabase.PushResult>.doneKeys("Back to Internal Transfers")
        }
    }

    public mutating func update(_ event: ScreenEvent, context: ScreenContext) -> [Effect] {
        if flow.handleConfirm(event) == .apply { return run(test: false) }
        switch (flow.stage, event) {
        case (.done, .action("flow.done")):
            return [.pop]
        case (_, .action("push.cancel")):
            return [.leave]
        case (.form, .action("push.next")), (.form, .input(.key(.down))):
            focus.next()
        case (.form, .action("push.previous")), (.form, .input(.key(.up))):
            focus.previous()
        case (.form, .action("push.enter")):
            switch focus.index {
            case 2: return run(test: true)
            case 3: return [.leave]
            default: focus.next()
            }
        case (.form, .input(let input)):
            switch (focus.index, input) {
            case (0, _): _ = domain.handle(input)
            case (1, _): _ = handle.handle(input)
            case (2...3, .key(.left)), (2...3, .key(.right)): focus.focus(focus.index == 2 ? 3 : 2)
            default: break
            }
        case (.form, .message(let tested as Tested)):
            switch tested.result {
            case .success(let result) where result.succeeded:
                problems = []
                flow.confirm(result)
            case .success(let result): problems = [result.message]
            case .failure(let failure): problems = [failure.message]
            }
        case (.confirm, .message(let pushed as Pushed)):
            switch pushed.result {
            case .success(let result) where result.succeeded: flow.finish(result)
            // Something changed since the test run: back to the form with the reason.
            case .success(let result): problems = [result.message]; flow.backToForm()
            case .failure(let failure): problems = [failure.message]; flow.backToForm()
            }
        default:
            break
        }
        return []
    }

    private mutating func run(test: Bool) -> [Effect] {
        let domainText = domain.text.trimmingCharacters(in: .whitespaces), handleText = handle.text.trimmingCharacters(in: .whitespaces)
        guard !domainText.isEmpty, !handleText.isEmpty else {
            problems = ["Enter the domain name and the gaining registrar's handle (for example H12345)."]
            return []
        }
        let session = session
        return [.run {
            let result = session.attempt {
                try session.database.pushDomain(domainText, toHandle: handleText, test: test, as: session.acting, clock: session.clock)
            }
            return test ? Tested(result: result) as any Sendable : Pushed(result: result)
        }]
    }

    public func view(into buffer: inout Buffer, area: Rect, context: ViewContext) {
        let theme = context.theme
        buffer.write("Push a domain in your account to another registrar's handle. It leaves your account at once.", in: area.row(0), style: theme[.title])
        let body = Rect(x: area.x, y: area.y + 2, width: area.width, height: max(0, area.height - 2))
        switch flow.stage {
        case .form: drawForm(into: &buffer, area: body, theme: theme)
        case .confirm(let test): drawResult(test, into: &buffer, area: body, theme: theme)
        case .done(let result): drawResult(result, into: &buffer, area: body, theme: theme)
        }
    }

    private func drawForm(into buffer: inout Buffer, area: Rect, theme: Theme) {
        var form = FormLayout(area: area, theme: theme, labelWidth: 30)
        form.field("Domain name", focused: focus.isFocused(0)) { domain.render(into: &$0, area: $1, theme: theme, focused: focus.isFocused(0)) }
        form.field("Gaining registrar handle", focused: focus.isFocused(1)) { handle.render(into: &$0, area: $1, theme: theme, focused: focus.isFocused(1)) }
        form.note("Submit runs the push in test mode first: nothing changes and no one is notified until you confirm. Outstanding invoices are credited and re-issued to the gaining account; contact handles change sponsorship unless other domains of your account use them.")
        form.finish(buttons: ["Submit", "Cancel"], focused: focus.index >= 2 ? focus.index - 2 : nil, problems: problems)
        form.present(into: &buffer)
    }

    /// The test run before Confirm, or the live result after it.
    private func drawResult(_ result: PanelDatabase.PushResult, into buffer: inout Buffer, area: Rect, theme: Theme) {
        var lines: [Paragraph.Line] = result.test
            ? [.init("Test run: the push is allowed. Pushing \(domain.text) to \(handle.text) will:", role: .title)]
            : [.init(StatusKind.ok.label(result.response), role: .ok), .init("Transaction ID: \(result.transactionID)"), .init(""), .init("Done:", role: .title)]
        for effect in result.effects {
            for (index, line) in TextLayout.wrap(effect, width: max(1, area.width - 4)).enumerated() {
                lines.append(.init((index == 0 ? "  • " : "    ") + line))
            }
        }
        guard result.test else {
            LineList.draw(lines, into: &buffer, area: area, theme: theme)
            return
        }
        lines.append(.init(""))
        lines.append(.init("This cannot be undone from this panel.", role: .warning))
        flow.drawConfirm(lines, into: &buffer, area: area, theme: theme)
    }
}
