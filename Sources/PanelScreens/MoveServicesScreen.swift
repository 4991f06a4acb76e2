import Foundation
import PanelModel
import PanelStore
import Terminal

/// Seed 000 steps 3–6: the Move Services form, every problem in an "Attention" box, a
/// confirmation that names the target and lists what moves, and the result.
public struct MoveServicesScreen: SessionScreen {
    enum Stage {
        case form
        case confirm(MovePreview)
        case done(MoveResult)
    }

    let session: PanelSession
    let detail: OrderDetail
    var username = TextField(placeholder: "customer@example.com", maxLength: 254)
    var customerID = TextField(placeholder: "e.g. 100002", maxLength: 12)
    var retain = Checkbox("Retain existing contact details")
    var focus = FocusRing(count: 5)   // username, ID, checkbox, Submit, Cancel
    var stage = Stage.form
    var problems: [String] = []
    var confirmFocus = 0              // Confirm, Back
    /// How far the confirmation's text is scrolled (↑/↓) when it is taller than the terminal.
    var confirmScroll = 0

    struct Checked: Sendable { var result: Result<MovePreview, MoveFailure> }
    struct Applied: Sendable { var result: Result<MoveResult, MoveFailure> }

    /// A refusal with all its problems, or any other error's message.
    struct MoveFailure: Error, Sendable {
        var messages: [String]
        init(_ error: any Error) {
            switch error {
            case let refusal as MoveRefusal: messages = refusal.messages
            case let panel as PanelError: messages = [panel.message]
            default: messages = [Incident.report(error, during: "Move Services").message]   // never GRDB's text
            }
        }
    }

    public init(session: PanelSession, detail: OrderDetail) {
        self.session = session
        self.detail = detail
    }

    public var title: String { "Move Services" }

    /// Typed values are lost when the screen is left before the move is done.
    public var unsavedInput: String? {
        if case .done = stage { return nil }
        guard !username.text.isEmpty || !customerID.text.isEmpty || retain.isChecked else { return nil }
        return "The Customer Username and Customer ID you entered for moving order \(detail.order.id) will be lost."
    }
    public var capturesText: Bool { if case .form = stage { return focus.index < 2 } else { return false } }

    public var keyMap: KeyMap {
        switch stage {
        case .form:
            KeyMap([
                KeyBinding(.tab, label: "Next", description: "Next field", action: "move.next"),
                KeyBinding(.backTab, label: "Previous", description: "Previous field", action: "move.previous", showInFooter: false),
                KeyBinding(.enter, label: "Submit/Next", description: "Next field; on Submit, check the move", action: "move.enter"),
                KeyBinding(.char(" "), label: "Toggle", description: "Tick or untick the checkbox", action: "move.toggleCheckbox",
                           showInFooter: focus.index == 2),
                KeyBinding(.escape, label: "Cancel", description: "Back to Order Details without moving (asks if you typed something)",
                           action: "move.cancel"),
            ])
        case .confirm:
            KeyMap([
                KeyBinding([.left, .right, .tab], label: "Choose", description: "Confirm or Back", action: "move.toggle", keyText: "←/→"),
                KeyBinding(.enter, label: "Select", description: "Confirm the move, or go back to the form", action: "move.enter"),
                KeyBinding(.escape, label: "Back", description: "Back to the form", action: "move.back"),
                KeyBinding(.down, label: "Scroll", description: "Scroll the confirmation down (on a small terminal)", action: "move.down", showInFooter: false),
                KeyBinding(.up, label: "Scroll up", description: "Scroll the confirmation up", action: "move.up", showInFooter: false),
            ])
        case .done:
            // q and Esc too: every way out after a move goes where the order can still be seen.
            KeyMap([KeyBinding([.enter, .escape, .char("q")], label: "Done", description: session.isCustomer ? "Back to your order list" : "Back to Order Details",
                               action: "move.finish", keyText: "Enter")])
        }
    }

    var request: MoveRequest {
        MoveRequest(orderID: detail.order.id, targetUsername: username.text, targetCustomerID: customerID.text,
                    retainContacts: retain.isChecked)
    }

    // MARK: - Update

    public mutating func update(_ event: ScreenEvent, context: ScreenContext) -> [Effect] {
        switch (stage, event) {
        case (_, .action("move.cancel")):
            return [.leave]
        case (.done(let result), .action("move.finish")):
            // A customer no longer owns the order it moved: its details would read "not
            // found", so the way back is the order list.
            let toast = Toast("Order \(detail.order.id) moved to \(result.preview.target.username)", kind: .ok)
            return session.isCustomer ? [.popToRoot, .toast(toast)] : [.pop, .toast(toast)]
        case (.form, .action("move.next")), (.form, .input(.key(.down))):
            focus.next()
        case (.form, .action("move.previous")), (.form, .input(.key(.up))):
            focus.previous()
        case (.form, .action("move.toggleCheckbox")):
            if focus.index == 2 { retain.isChecked.toggle() }
        case (.form, .action("move.enter")):
            switch focus.index {
            case 3: return check()
            case 4: return [.leave]
            default: focus.next()
            }
        case (.form, .input(let input)):
            switch (focus.index, input) {
            case (0, _): _ = username.handle(input)
            case (1, _): _ = customerID.handle(input)
            case (2, .key(let key)): _ = retain.handle(key)
            case (3...4, .key(.left)), (3...4, .key(.right)): focus.focus(focus.index == 3 ? 4 : 3)
            default: break
            }
        case (.form, .message(let checked as Checked)):
            switch checked.result {
            case .success(let preview):
                problems = []
                confirmFocus = 0
                confirmScroll = 0
                stage = .confirm(preview)
            case .failure(let failure):
                problems = failure.messages
            }
        case (.confirm, .action("move.down")):
            confirmScroll += 1
        case (.confirm, .action("move.up")):
            confirmScroll = max(0, confirmScroll - 1)
        case (.confirm, .action("move.toggle")):
            confirmFocus = 1 - confirmFocus
        case (.confirm, .action("move.back")):
            stage = .form
        case (.confirm, .action("move.enter")):
            if confirmFocus == 1 { stage = .form; return [] }
            let session = session, request = request
            return [.run {
                Applied(result: Result { try session.database.applyMove(request, as: session.acting, clock: session.clock) }
                    .mapError(MoveFailure.init))
            }]
        case (.confirm, .message(let applied as Applied)):
            switch applied.result {
            case .success(let result):
                stage = .done(result)
            case .failure(let failure):
                // The state changed since the form was checked: back to the form with the reasons.
                problems = failure.messages
                stage = .form
            }
        default:
            break
        }
        return []
    }

    private func check() -> [Effect] {
        let session = session, request = request
        return [.run {
            Checked(result: Result { try session.database.previewMove(request, as: session.acting, clock: session.clock) }
                .mapError(MoveFailure.init))
        }]
    }

    // MARK: - View

    public func view(into buffer: inout Buffer, area: Rect, context: ViewContext) {
        let theme = context.theme
        let order = detail.order
        buffer.write("Order \(order.id) · \(order.product.displayName) · \(order.domain.unicode) · owner \(detail.customer.username) (Customer ID \(detail.customer.id))",
                     in: area.row(0), style: theme[.title])
        let body = Rect(x: area.x, y: area.y + 2, width: area.width, height: max(0, area.height - 2))
        switch stage {
        case .form: drawForm(into: &buffer, area: body, theme: theme)
        case .confirm(let preview): drawConfirm(preview, into: &buffer, area: body, theme: theme)
        case .done(let result): drawDone(result, into: &buffer, area: body, theme: theme)
        }
    }

    private func drawForm(into buffer: inout Buffer, area: Rect, theme: Theme) {
        var form = FormLayout(area: area, theme: theme)
        form.field("Customer Username (Email Address)", focused: focus.isFocused(0)) { username.render(into: &$0, area: $1, theme: theme, focused: focus.isFocused(0)) }
        form.field("Customer ID", focused: focus.isFocused(1)) { customerID.render(into: &$0, area: $1, theme: theme, focused: focus.isFocused(1)) }
        form.line(focused: focus.isFocused(2)) { retain.render(into: &$0, area: $1, theme: theme, focused: focus.isFocused(2)) }
        form.note("Retaining keeps the Whois Details of the domain name as they are after the move. Otherwise the Contact Details change to the Default Contacts of the new Customer Control Panel. The Customer ID is in Settings → Primary Profile of the new customer's panel.")
        form.finish(buttons: ["Submit", "Cancel"], focused: focus.index >= 3 ? focus.index - 3 : nil, problems: problems)
        form.present(into: &buffer)
    }

    private func drawConfirm(_ preview: MovePreview, into buffer: inout Buffer, area: Rect, theme: Theme) {
        var lines: [Paragraph.Line] = [
            .init("Confirm that this is the Customer account you intend to move the order to:", role: .title),
            .init("  Name          \(preview.target.name)"),
            .init("  Username      \(preview.target.username)"),
            .init("  Customer ID   \(preview.target.id)"),
            .init("  Reseller      \(preview.targetResellerName)"),
            .init(""),
            .init("Services that will move (\(preview.services.count)):", role: .title),
        ]
        lines += Self.serviceLines(preview.services)
        lines.append(.init(""))
        lines.append(.init("Contacts:", role: .title))
        for note in preview.notes {
            for (index, line) in TextLayout.wrap(note, width: max(1, area.width - 4)).enumerated() {
                lines.append(.init((index == 0 ? "  • " : "    ") + line, role: note.hasPrefix("Warning") ? .warning : .text))
            }
        }
        // The buttons keep their row; the text above them scrolls (↑/↓) when it does not fit.
        let buttonsRow = min(area.maxY - 1, area.y + lines.count + 1)
        let textArea = Rect(x: area.x, y: area.y, width: area.width, height: max(0, buttonsRow - area.y - 1))
        let top = min(confirmScroll, max(0, lines.count - textArea.height))
        LineList.draw(lines, into: &buffer, area: textArea, theme: theme, scroll: top)
        if top > 0 { buffer.write("↑ more", in: textArea.row(0), style: theme[.muted], alignment: .right) }
        if top + textArea.height < lines.count, textArea.height > 0 {
            buffer.write("↓ more", in: textArea.row(textArea.height - 1), style: theme[.muted], alignment: .right)
        }
        if buttonsRow >= area.y {
            ButtonRow(["Confirm", "Back"], focused: confirmFocus).render(into: &buffer, area: Rect(x: area.x, y: buttonsRow, width: area.width, height: 1), theme: theme)
        }
    }

    /// One aligned row per service: ID, product, domain.
    static func serviceLines(_ services: [Order]) -> [Paragraph.Line] {
        let idWidth = services.map { $0.id.description.count }.max() ?? 0
        let productWidth = services.map { $0.product.displayName.count }.max() ?? 0
        return services.map { service in
            .init("  " + service.id.description.padding(toLength: idWidth, withPad: " ", startingAt: 0) + "  "
                  + service.product.displayName.padding(toLength: productWidth, withPad: " ", startingAt: 0) + "  " + service.domain.unicode)
        }
    }

    private func drawDone(_ result: MoveResult, into buffer: inout Buffer, area: Rect, theme: Theme) {
        var lines: [Paragraph.Line] = [
            .init(StatusKind.ok.label("Moved \(result.preview.services.count) service\(result.preview.services.count == 1 ? "" : "s") to \(result.preview.target.name) (\(result.preview.target.username), Customer ID \(result.preview.target.id))."), role: .ok),
            .init("Transaction ID: \(result.transactionID)"),
            .init(""),
        ]
        lines += Self.serviceLines(result.preview.services)
        LineList.draw(lines, into: &buffer, area: area, theme: theme)
    }
}
