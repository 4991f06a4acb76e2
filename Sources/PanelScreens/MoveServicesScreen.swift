import Foundation
import PanelModel
import PanelStore
import Terminal

/// Seed 000 steps 3–6: the Move Services form, every problem in an "Attention" box, a
/// confirmation that names the target and lists what moves, and the result.
public struct MoveServicesScreen: SessionScreen {
    let session: PanelSession
    let detail: OrderDetail
    var username = TextField(placeholder: "customer@example.com", maxLength: 254)
    var customerID = TextField(placeholder: "e.g. 100002", maxLength: 12)
    var retain = Checkbox("Retain existing contact details")
    var focus = FocusRing(count: 5)   // username, ID, checkbox, Submit, Cancel
    var flow = FormFlow<MovePreview, MoveResult>()
    var problems: [String] = []

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
        if flow.isDone { return nil }
        guard !username.text.isEmpty || !customerID.text.isEmpty || retain.isChecked else { return nil }
        return "The Customer Username and Customer ID you entered for moving order \(detail.order.id) will be lost."
    }
    public var capturesText: Bool { flow.isForm && focus.index < 2 }

    public var keyMap: KeyMap {
        switch flow.stage {
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
            flow.confirmKeys("Confirm the move")
        case .done(let result):
            // Every way out after a move goes where the order can still be seen (a pending
            // move leaves it with its owner).
            FormFlow<MovePreview, MoveResult>.doneKeys(session.isCustomer && result.pendingMove == nil ? "Back to your order list" : "Back to Order Details")
        }
    }

    var request: MoveRequest {
        MoveRequest(orderID: detail.order.id, targetUsername: username.text, targetCustomerID: customerID.text,
                    retainContacts: retain.isChecked)
    }

    // MARK: - Update

    public mutating func update(_ event: ScreenEvent, context: ScreenContext) -> [Effect] {
        if flow.handleConfirm(event) == .apply {
            let session = session, request = request
            return [.run {
                Applied(result: Result { try session.database.applyMove(request, as: session.acting, clock: session.clock) }
                    .mapError(MoveFailure.init))
            }]
        }
        switch (flow.stage, event) {
        case (_, .action("move.cancel")):
            return [.leave]
        case (.done(let result), .action("flow.done")) where result.pendingMove != nil:
            return [.pop, .toast(Toast("Move of order \(detail.order.id) to \(result.preview.target.username) waits for their acceptance", kind: .info))]
        case (.done(let result), .action("flow.done")):
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
                flow.confirm(preview)
            case .failure(let failure):
                problems = failure.messages
            }
        case (.confirm, .message(let applied as Applied)):
            switch applied.result {
            case .success(let result):
                flow.finish(result)
            case .failure(let failure):
                // The state changed since the form was checked: back to the form with the reasons.
                problems = failure.messages
                flow.backToForm()
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
        switch flow.stage {
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
        lines += Self.stayingLines(preview.staying, owner: detail.customer.username.value, width: area.width)
        lines.append(.init(""))
        lines.append(.init("Contacts:", role: .title))
        for note in preview.notes {
            for (index, line) in TextLayout.wrap(note, width: max(1, area.width - 4)).enumerated() {
                lines.append(.init((index == 0 ? "  • " : "    ") + line, role: note.hasPrefix("Warning") ? .warning : .text))
            }
        }
        flow.drawConfirm(lines, into: &buffer, area: area, theme: theme)
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

    /// A Domain order moves on its own: the services of its domain that stay, and that they move next.
    static func stayingLines(_ staying: [Order], owner: String, width: Int) -> [Paragraph.Line] {
        guard !staying.isEmpty else { return [] }
        var lines: [Paragraph.Line] = [.init(""), .init("Staying with \(owner) until moved on their own (\(staying.count)):", role: .title)]
        lines += serviceLines(staying)
        let note = "A Domain order moves on its own: move each of these next from its Order Details (m)."
        lines += TextLayout.wrap(note, width: max(1, width - 2)).map { .init("  " + $0, role: .muted) }
        return lines
    }

    private func drawDone(_ result: MoveResult, into buffer: inout Buffer, area: Rect, theme: Theme) {
        if let pending = result.pendingMove {
            return PendingMoveDone.draw(pending, result, into: &buffer, area: area, theme: theme)
        }
        var lines: [Paragraph.Line] = [
            .init(StatusKind.ok.label("Moved \(result.preview.services.count) service\(result.preview.services.count == 1 ? "" : "s") to \(result.preview.target.name) (\(result.preview.target.username), Customer ID \(result.preview.target.id))."), role: .ok),
            .init("Transaction ID: \(result.transactionID)"),
            .init(""),
        ]
        lines += Self.serviceLines(result.preview.services)
        lines += Self.stayingLines(result.preview.staying, owner: detail.customer.username.value, width: area.width)
        LineList.draw(lines, into: &buffer, area: area, theme: theme)
    }
}
