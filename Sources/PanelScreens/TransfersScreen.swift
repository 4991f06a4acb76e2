import Foundation
import PanelModel
import PanelStore
import Terminal

/// Internal transfers for a reseller (seed 002): incoming requests with the days left to
/// decide, approve or deny after a confirmation; outgoing requests with their state, a pending
/// one cancelled after a confirmation; and the account-wide renewal setting. Tab moves the
/// selection between the two tables.
public struct TransfersScreen: SessionScreen {
    /// What the confirmation dialog will do to the request it names.
    enum Decision: Sendable { case approve, deny, withdraw }
    enum Pane: Sendable { case incoming, outgoing }

    let session: PanelSession
    var overview: PanelDatabase.TransferOverview?
    /// The incoming table's selection (pending requests only).
    var table = TableState()
    /// The outgoing table's selection (every request this reseller made).
    var outgoingTable = TableState()
    var focus = Pane.incoming
    /// Approve, deny or cancel, for the request selected when the dialog opened.
    var dialog: (decision: Decision, domain: String, Dialog)?
    var error: String?
    /// Why the last action failed; kept across the reload that follows it.
    var actionError: String?
    /// The renewal-setting picker, then the confirmation of the setting picked.
    var settingPicker: ChoicePicker?
    var settingConfirm: (setting: InternalTransferRenewSetting, Dialog)?
    /// The request selected before a reload: the selection follows it while it is pending.
    var selectedRequest: TransferRequestID?
    /// The outgoing request selected before a reload: the selection follows it.
    var selectedOutgoing: TransferRequestID?

    struct Loaded: Sendable { var result: Result<PanelDatabase.TransferOverview, PanelError> }
    struct Decided: Sendable { var result: Result<PanelDatabase.TransferOutcome, PanelError> }
    struct SettingChanged: Sendable { var setting: InternalTransferRenewSetting; var result: Result<String, PanelError> }

    public init(session: PanelSession) { self.session = session }

    public var title: String { "Internal Transfers" }
    public var capturesText: Bool { dialog != nil || settingPicker != nil || settingConfirm != nil }

    public var keyMap: KeyMap {
        if let dialog {
            // "Back", not "Cancel", beside a dialog whose action is "Cancel request".
            let withdraw = dialog.decision == .withdraw
            return KeyMap([KeyBinding(.escape, label: withdraw ? "Back" : "Cancel", description: withdraw ? "Keep the request" : "Decide later",
                                      action: "transfers.cancel")])
        }
        if settingPicker != nil || settingConfirm != nil {
            return KeyMap([KeyBinding(.escape, label: "Cancel", description: "Keep the renewal setting as it is", action: "transfers.cancel")])
        }
        return KeyMap([
            KeyBinding(.char("a"), label: "Approve", description: "Approve the selected incoming request", action: "transfers.approve"),
            KeyBinding(.char("x"), label: "Deny", description: "Deny the selected incoming request", action: "transfers.deny"),
            KeyBinding(.char("c"), label: "Cancel request", description: "Withdraw the selected outgoing request you made while it is pending (asks first)",
                       action: "transfers.withdraw"),
            KeyBinding(.tab, label: "Switch table", description: "Move the selection between incoming and outgoing requests", action: "transfers.focus"),
            KeyBinding(.char("n"), label: "New request", description: "Request an internal transfer of a domain held by another reseller",
                       action: "transfers.request"),
            KeyBinding(.char("p"), label: "Push", description: "Push a domain of your account to another registrar", action: "transfers.push"),
            KeyBinding(.char("r"), label: "Renewal setting", description: "Change the account-wide renewal setting for incoming transfers (asks first)",
                       action: "transfers.setting"),
            KeyBinding(.char("q"), label: "Back", description: "Back", action: "transfers.back"),
        ])
    }

    var pendingIncoming: [InternalTransferRequest] { overview?.incoming.filter { $0.state == .pending } ?? [] }
    var outgoing: [InternalTransferRequest] { overview?.outgoing ?? [] }

    static func settingName(_ setting: InternalTransferRenewSetting) -> String {
        switch setting {
        case .default: "Default (renews .COM .NET .ORG .BIZ .INFO .NAME)"
        case .registry: "Apply registry policy"
        case .noRenew: "No renew"
        }
    }

    public mutating func update(_ event: ScreenEvent, context: ScreenContext) -> [Effect] {
        if case .action("transfers.cancel") = event, settingPicker != nil || settingConfirm != nil {
            settingPicker = nil
            settingConfirm = nil
            return []
        }
        if var picker = settingPicker, case .input(let input) = event {
            let all = InternalTransferRenewSetting.allCases
            switch picker.handle(input) {
            case .chosen(let index)?:
                settingPicker = nil
                guard all[index] != overview?.renewSetting else { return [.toast(Toast("The renewal setting is unchanged", kind: .info))] }
                settingConfirm = (all[index], Dialog(title: "Change the renewal setting",
                    message: "Change the renewal of every incoming internal transfer of your account to \"\(Self.settingName(all[index]))\"? It applies account-wide to the transfers that complete from now on.",
                    buttons: ["Change", "Cancel"], focusedButton: 1))
            case .cancelled?: settingPicker = nil
            case nil: settingPicker = picker
            }
            return []
        }
        if let (setting, shown) = settingConfirm, case .input(let input) = event {
            var updated = shown
            switch updated.handle(input) {
            case .chosen(0)?:
                settingConfirm = nil
                let session = session
                return [.run { SettingChanged(setting: setting, result: session.attempt { try session.database.setInternalTransferRenew(setting, as: session.acting, clock: session.clock) }) }]
            case .chosen?, .cancelled?: settingConfirm = nil
            case nil: settingConfirm = (setting, updated)
            }
            return []
        }
        if let (decision, domain, shown) = dialog {
            var updated = shown
            if case .action("transfers.cancel") = event { dialog = nil; return [] }
            guard case .input(let input) = event else { return handle(event) }
            switch updated.handle(input) {
            case .chosen(0)?:
                dialog = nil
                let session = session
                return [.run {
                    Decided(result: session.attempt {
                        switch decision {
                        case .withdraw: try session.database.cancelInternalTransfer(domain: domain, as: session.acting, clock: session.clock)
                        case .approve, .deny:
                            try session.database.decideInternalTransfer(domain: domain, approve: decision == .approve, as: session.acting, clock: session.clock)
                        }
                    })
                }]
            case .chosen?, .cancelled?: dialog = nil
            case nil: dialog = (decision, domain, updated)
            }
            return []
        }
        return handle(event)
    }

    private mutating func handle(_ event: ScreenEvent) -> [Effect] {
        switch event {
        case .appear, .refresh:
            selectedRequest = pendingIncoming.indices.contains(table.selected) ? pendingIncoming[table.selected].id : nil
            selectedOutgoing = outgoing.indices.contains(outgoingTable.selected) ? outgoing[outgoingTable.selected].id : nil
            let session = session
            return [.run(key: "transfers.load") { Loaded(result: session.attempt { try session.database.internalTransfers(as: session.acting) }) }]
        case .action("transfers.back"):
            return [.pop]
        case .action("transfers.request"):
            return [.push(TransferRequestScreen(session: session))]
        case .action("transfers.push"):
            return [.push(PushDomainScreen(session: session))]
        case .action("transfers.approve"), .action("transfers.deny"):
            guard pendingIncoming.indices.contains(table.selected) else {
                error = "No pending incoming request is selected."
                return []
            }
            let approve = event.isAction("transfers.approve")
            let request = pendingIncoming[table.selected]
            let what = approve
                ? "Approve the internal transfer of \(request.domain.unicode) to \(resellerName(request.toResellerID))? It completes now."
                : "Deny the internal transfer of \(request.domain.unicode) requested by \(resellerName(request.toResellerID))?"
            actionError = nil
            focus = .incoming
            dialog = (approve ? .approve : .deny, request.domain.ascii, Dialog(title: approve ? "Approve transfer" : "Deny transfer", message: what,
                                      buttons: [approve ? "Approve" : "Deny", "Cancel"], focusedButton: 1))
        case .action("transfers.withdraw"):
            focus = .outgoing
            guard outgoing.indices.contains(outgoingTable.selected) else {
                error = "You have no outgoing request to cancel."
                return []
            }
            let request = outgoing[outgoingTable.selected]
            // The model's rules say whether it can be cancelled; the store checks them again.
            do {
                try request.checkAllowed(.cancel, by: session.acting)
                _ = try request.state.applying(.cancel)
            } catch {
                self.error = error.message
                return []
            }
            actionError = nil
            dialog = (.withdraw, request.domain.ascii, Dialog(title: "Cancel transfer request",
                message: "Cancel your request for the internal transfer of \(request.domain.unicode) from \(resellerName(request.fromResellerID))? The domain stays where it is; you can request it again later.",
                buttons: ["Cancel request", "Keep it"], focusedButton: 1))
        case .action("transfers.focus"):
            focus = focus == .incoming ? .outgoing : .incoming
        case .action("transfers.setting"):
            guard let current = overview?.renewSetting else { return [] }
            let all = InternalTransferRenewSetting.allCases
            settingPicker = ChoicePicker(title: "Renewal of incoming transfers", options: all.map(Self.settingName),
                                         current: all.firstIndex(of: current) ?? 0)
        case .input(.key(let key)):
            switch focus {
            case .incoming: _ = table.handle(key, count: pendingIncoming.count, pageSize: 10)
            case .outgoing: _ = outgoingTable.handle(key, count: outgoing.count, pageSize: 10)
            }
        case .message(let loaded as Loaded):
            loaded.result.load(into: &overview, error: &error)
            if let actionError { error = actionError }
            // Keep the selection on the same request while it is pending; else stay in place.
            let pending = pendingIncoming
            let index = selectedRequest.flatMap { id in pending.firstIndex { $0.id == id } } ?? table.selected
            table = TableState()
            table.select(index, count: pending.count, pageSize: 10)
            let mine = outgoing
            let outgoingIndex = selectedOutgoing.flatMap { id in mine.firstIndex { $0.id == id } } ?? outgoingTable.selected
            outgoingTable = TableState()
            outgoingTable.select(outgoingIndex, count: mine.count, pageSize: 10)
        case .message(let decided as Decided):
            switch decided.result {
            case .success(let outcome):
                error = nil
                actionError = nil
                let verb = switch outcome.request.state {
                case .completed: "approved: \(outcome.request.domain.unicode) now belongs to the requesting reseller"
                case .denied: "denied: \(outcome.request.domain.unicode) stays with you"
                case .cancelled: "request cancelled: \(outcome.request.domain.unicode) stays with \(resellerName(outcome.request.fromResellerID))"
                default: "now \(outcome.request.state.label)"
                }
                let text = "Transfer \(verb)\(outcome.renewed ? ", renewed one year" : "")"
                return [.toast(Toast(text, kind: .ok))] + handle(.refresh)
            case .failure(let failure):
                // Decided meanwhile (elsewhere, or timed out): say so and show what is true now.
                actionError = failure.message
                error = failure.message
                return handle(.refresh)
            }
        case .message(let changed as SettingChanged):
            switch changed.result {
            case .success(let transaction):
                error = nil
                return [.toast(Toast("Renewal setting changed to \"\(Self.settingName(changed.setting))\" (transaction \(transaction.prefix(8)))", kind: .ok))]
                    + handle(.refresh)
            case .failure(let failure): error = failure.message
            }
        default:
            break
        }
        return []
    }

    /// "ALVO Business Solutions (1)": the other reseller's name with its ID; in the tables
    /// (`withID` false) the name alone, so it fits its column.
    func resellerName(_ id: ResellerID, withID: Bool = true) -> String {
        guard let name = overview?.resellerNames[id] else { return "reseller \(id)" }
        return withID ? "\(PanelSession.shortName(name)) (\(id))" : PanelSession.shortName(name)
    }

    public func view(into buffer: inout Buffer, area: Rect, context: ViewContext) {
        let theme = context.theme
        guard let overview else {
            LoadingLine.draw(error: error, into: &buffer, area: area, theme: theme)
            return
        }
        let now = session.clock.now
        let setting = Self.settingName(overview.renewSetting)
        buffer.write("Renewal of incoming transfers: \(setting)", in: area.row(0), style: theme[.text])
        var y = area.y + 1
        if let error {
            buffer.write(StatusKind.danger.label(error), in: Rect(x: area.x, y: y, width: area.width, height: 1), style: theme[.danger])
        }
        y += 1
        buffer.write("Incoming (you hold the domain and decide)", in: Rect(x: area.x, y: y, width: area.width, height: 1), style: theme[.title])
        y += 1
        let incoming = pendingIncoming.map { request in
            TableRow([request.id.description, request.domain.unicode, resellerName(request.toResellerID, withID: false), request.withAuthCode ? "yes" : "no",
                      "\(request.daysLeft(at: now) ?? 0) days left", request.noRenew ? "1" : "0"])
        }
        let incomingHeight = min(max(3, incoming.count + 1), max(0, (area.maxY - y) / 2))
        Table(columns: [TableColumn("ID", width: .fixed(4)), TableColumn("DOMAIN", width: .flexible(min: 12, weight: 2)),
                        TableColumn("REQUESTED BY", width: .flexible(min: 12, weight: 1)), TableColumn("AUTH", width: .fixed(4)),
                        TableColumn("DECIDE WITHIN", width: .fixed(14)), TableColumn("NORENEW", width: .fixed(7))],
              emptyMessage: "No pending incoming requests.")
            .render(into: &buffer, area: Rect(x: area.x, y: y, width: area.width, height: incomingHeight), data: ArrayTableData(incoming),
                    state: table, theme: theme, focused: dialog == nil && focus == .incoming)
        y += incomingHeight + 1
        buffer.write("Outgoing (you asked)", in: Rect(x: area.x, y: y, width: area.width, height: 1), style: theme[.title])
        y += 1
        let outgoingRows = overview.outgoing.map { request in
            TableRow([request.id.description, request.domain.unicode, resellerName(request.fromResellerID, withID: false),
                      StatusText.kind(request.state).label(request.state.label),
                      request.state == .pending ? "\(request.daysLeft(at: now) ?? 0) days left" : (request.decidedAt.map(OrderRows.date) ?? "")])
        }
        Table(columns: [TableColumn("ID", width: .fixed(4)), TableColumn("DOMAIN", width: .flexible(min: 12, weight: 2)),
                        TableColumn("HELD BY", width: .flexible(min: 12, weight: 1)), TableColumn("STATE", width: .fixed(12)), TableColumn("", width: .fixed(14))],
              emptyMessage: "No outgoing requests.")
            .render(into: &buffer, area: Rect(x: area.x, y: y, width: area.width, height: max(0, area.maxY - y)), data: ArrayTableData(outgoingRows),
                    // The selection shows once Tab (or c) has moved to this table.
                    state: focus == .outgoing ? outgoingTable : TableState(selected: -1), theme: theme, focused: dialog == nil && focus == .outgoing)
        if let dialog { dialog.2.render(into: &buffer, area: area, theme: theme) }
        if let settingPicker { settingPicker.render(into: &buffer, area: area, theme: theme) }
        if let settingConfirm { settingConfirm.1.render(into: &buffer, area: area, theme: theme) }
    }
}

extension ScreenEvent {
    func isAction(_ id: ActionID) -> Bool {
        if case .action(let action) = self { return action == id }
        return false
    }
}
