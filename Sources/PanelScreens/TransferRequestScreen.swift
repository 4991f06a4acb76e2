import Foundation
import PanelModel
import PanelStore
import Terminal

/// Seed 002's "usertransfer" for the gaining reseller: the domain, which of its customers
/// receives it, an optional auth code and NORENEW. The request is pending until the holding
/// reseller decides or the 6th day comes; the outcome rules are stated on the form.
public struct TransferRequestScreen: SessionScreen {
    let session: PanelSession
    var domain = TextField(placeholder: "example.com", maxLength: 253)
    // No example number: any ID shown could be another reseller's customer.
    var customerID = TextField(placeholder: "the receiving customer's ID", maxLength: 12)
    var authCode = TextField(placeholder: "optional", maxLength: 64, isMasked: true)
    var noRenew = Checkbox("NORENEW: do not renew the domain when the transfer completes")
    var focus = FocusRing(count: 6)   // domain, customer, auth code, NORENEW, Submit, Cancel
    var problems: [String] = []
    var requested: PanelDatabase.TransferOutcome?

    struct Requested: Sendable { var result: Result<PanelDatabase.TransferOutcome, PanelError> }

    public init(session: PanelSession) { self.session = session }

    public var title: String { "Request Internal Transfer" }

    /// What was typed is lost when the form is left without submitting.
    public var unsavedInput: String? {
        guard requested == nil else { return nil }
        guard !domain.text.isEmpty || !customerID.text.isEmpty || !authCode.text.isEmpty || noRenew.isChecked else { return nil }
        return "The transfer request you started has not been sent and will be lost."
    }
    public var capturesText: Bool { requested == nil && focus.index < 3 }

    public var keyMap: KeyMap {
        if requested != nil {
            return KeyMap([KeyBinding([.enter, .escape], label: "Done", description: "Back to Internal Transfers", action: "request.cancel", keyText: "Enter")])
        }
        return KeyMap([
            KeyBinding(.tab, label: "Next", description: "Next field", action: "request.next"),
            KeyBinding(.backTab, label: "Previous", description: "Previous field", action: "request.previous", showInFooter: false),
            KeyBinding(.enter, label: "Submit/Next", description: "Next field; on Submit, send the request", action: "request.enter"),
            KeyBinding(.escape, label: "Cancel", description: "Back without requesting", action: "request.cancel"),
        ])
    }

    public mutating func update(_ event: ScreenEvent, context: ScreenContext) -> [Effect] {
        switch event {
        case .action("request.cancel"):
            return [.leave]
        case .action("request.next"), .input(.key(.down)):
            focus.next()
        case .action("request.previous"), .input(.key(.up)):
            focus.previous()
        case .action("request.enter"):
            switch focus.index {
            case 4: return submit()
            case 5: return [.leave]
            default: focus.next()   // on the checkbox too: Space ticks it
            }
        case .input(let input):
            switch (focus.index, input) {
            case (0, _): _ = domain.handle(input)
            case (1, _): _ = customerID.handle(input)
            case (2, _): _ = authCode.handle(input)
            case (3, .key(let key)): _ = noRenew.handle(key)
            case (4...5, .key(.left)), (4...5, .key(.right)): focus.focus(focus.index == 4 ? 5 : 4)
            default: break
            }
        case .message(let message as Requested):
            switch message.result {
            case .success(let outcome): requested = outcome; problems = []
            case .failure(let failure): problems = [failure.message]
            }
        default:
            break
        }
        return []
    }

    private mutating func submit() -> [Effect] {
        let domainText = domain.text.trimmingCharacters(in: .whitespaces)
        var missing: [String] = []
        if domainText.isEmpty { missing.append("Enter the domain name you want to transfer into your account.") }
        let customer = Int64(customerID.text.trimmingCharacters(in: .whitespaces))
        if customer == nil {
            missing.append("Enter the Customer ID (digits only) of your customer who receives the domain; it is in that customer's Settings → Primary Profile.")
        }
        guard missing.isEmpty, let customer else { problems = missing; return [] }
        let session = session, auth = authCode.text, noRenew = noRenew.isChecked
        return [.run {
            Requested(result: session.attempt {
                try session.database.requestInternalTransfer(domain: domainText, receivingCustomer: CustomerID(customer),
                                                             authCode: auth.isEmpty ? nil : auth, noRenew: noRenew,
                                                             as: session.acting, clock: session.clock)
            })
        }]
    }

    public func view(into buffer: inout Buffer, area: Rect, context: ViewContext) {
        let theme = context.theme
        if let requested {
            drawRequested(requested.request, transactionID: requested.transactionID, into: &buffer, area: area, theme: theme)
            return
        }
        buffer.write("Transfer a domain held by another reseller of this registrar into your account.", in: area.row(0), style: theme[.title])
        var form = FormLayout(area: Rect(x: area.x, y: area.y + 2, width: area.width, height: max(0, area.height - 2)), theme: theme, labelWidth: 30)
        form.field("Domain name", focused: focus.isFocused(0)) { domain.render(into: &$0, area: $1, theme: theme, focused: focus.isFocused(0)) }
        form.field("Receiving Customer ID", focused: focus.isFocused(1)) { customerID.render(into: &$0, area: $1, theme: theme, focused: focus.isFocused(1)) }
        form.field("Auth code", focused: focus.isFocused(2)) { authCode.render(into: &$0, area: $1, theme: theme, focused: focus.isFocused(2)) }
        form.line(focused: focus.isFocused(3)) { noRenew.render(into: &$0, area: $1, theme: theme, focused: focus.isFocused(3)) }
        form.note("Without an auth code the holding reseller must approve within \(InternalTransferRequest.approvalWindowDays) days, or the request times out on the 6th day. With the auth code it may approve or deny; if it does neither and the domain is not locked, the transfer completes on the 6th day. No email goes to the domain's contacts.")
        form.finish(buttons: ["Submit", "Cancel"], focused: focus.index >= 4 ? focus.index - 4 : nil, problems: problems)
        form.present(into: &buffer)
    }

    private func drawRequested(_ request: InternalTransferRequest, transactionID: String, into buffer: inout Buffer, area: Rect, theme: Theme) {
        let outcome = request.withAuthCode
            ? "If reseller \(request.fromResellerID) neither approves nor denies by \(OrderRows.date(request.deadline)), it completes on the 6th day unless the domain is locked."
            : "Reseller \(request.fromResellerID) must approve it by \(OrderRows.date(request.deadline)); otherwise it times out on the 6th day."
        var lines: [Paragraph.Line] = [
            .init(StatusKind.ok.label("Requested the internal transfer of \(request.domain.unicode) (request \(request.id))."), role: .ok),
            .init("Transaction ID: \(transactionID)"),
            .init(""),
            .init("  Receiving customer   \(request.toCustomerID.map { "Customer ID \($0)" } ?? "-")"),
            .init("  Auth code            \(request.withAuthCode ? "given" : "none")"),
            .init("  NORENEW              \(request.noRenew ? "1 (no renewal on completion)" : "0 (renewal follows your account's setting)")"),
            .init(""),
        ]
        lines += TextLayout.wrap(outcome, width: max(1, area.width)).map { .init($0) }
        LineList.draw(lines, into: &buffer, area: area, theme: theme)
    }
}
