import Foundation
import PanelModel
import PanelStore
import Terminal

/// Moves that wait for the receiving side (docs/moves.md, "Moves the receiver accepts"):
/// in (to you: accept or decline) and out (from you: cancel), with the days left, and the
/// recently closed ones below. Every action asks first; the store's rules decide.
public struct PendingMovesScreen: SessionScreen {
    let session: PanelSession
    var overview: PanelDatabase.PendingMoveOverview?
    var table = TableState()
    var confirm: (event: PendingMoveState.Event, id: PendingMoveID, Dialog)?
    /// The problems that refused an acceptance, each in its own paragraph.
    var attention: Dialog?
    var error: String?
    /// The move selected before a reload: the selection follows it.
    var selectedMove: PendingMoveID?

    struct Loaded: Sendable { var result: Result<PanelDatabase.PendingMoveOverview, PanelError> }
    struct Decided: Sendable { var event: PendingMoveState.Event; var result: Result<PanelDatabase.PendingMoveOutcome, Failure> }

    /// A refusal at acceptance keeps its problems apart; anything else is one message.
    struct Failure: Error, Sendable, Equatable {
        var messages: [String]
        init(_ error: any Error) {
            switch error {
            case let refusal as MoveRefusal: messages = refusal.messages
            case let panel as PanelError: messages = [panel.message]
            default: messages = [Incident.report(error, during: "Pending moves").message]
            }
        }
    }

    public init(session: PanelSession) { self.session = session }

    public var title: String { "Pending moves" }
    public var capturesText: Bool { confirm != nil || attention != nil }

    /// One row per move: in before out, a move on both sides once.
    var rows: [(info: PanelDatabase.PendingMoveInfo, direction: String)] {
        guard let overview else { return [] }
        let outgoing = Set(overview.outgoing.map(\.move.id))
        let incoming = Set(overview.incoming.map(\.move.id))
        var seen = Set<PendingMoveID>()
        return (overview.incoming + overview.outgoing).compactMap { info in
            guard seen.insert(info.move.id).inserted else { return nil }
            let both = incoming.contains(info.move.id) && outgoing.contains(info.move.id)
            return (info, both ? "in/out" : incoming.contains(info.move.id) ? "in" : "out")
        }.sorted { ($0.info.move.state == .pending ? 0 : 1, -$0.info.move.id.rawValue) < ($1.info.move.state == .pending ? 0 : 1, -$1.info.move.id.rawValue) }
    }

    var selected: PanelDatabase.PendingMoveInfo? {
        let rows = rows
        return rows.indices.contains(table.selected) ? rows[table.selected].info : nil
    }

    public var keyMap: KeyMap {
        if confirm != nil || attention != nil {
            return KeyMap([KeyBinding(.escape, label: "Close", description: "Close without doing anything", action: "moves.close")])
        }
        return KeyMap([
            KeyBinding(.char("a"), label: "Accept", description: "Accept the selected move to you: the order moves now (asks first)", action: "moves.accept"),
            KeyBinding(.char("x"), label: "Decline", description: "Decline the selected move to you: nothing moves (asks first)", action: "moves.decline"),
            KeyBinding(.char("c"), label: "Cancel move", description: "Cancel the selected move you asked for: nothing moves (asks first)",
                       action: "moves.cancel"),
            KeyBinding(.char("q"), label: "Back", description: "Back to the order list", action: "moves.back"),
        ])
    }

    public mutating func update(_ event: ScreenEvent, context: ScreenContext) -> [Effect] {
        if event.isAction("moves.close") {
            confirm = nil
            attention = nil
            return []
        }
        if var shown = attention, case .input(let input) = event {
            attention = shown.handle(input) == nil ? shown : nil
            return []
        }
        if let (action, id, shown) = confirm, case .input(let input) = event {
            var updated = shown
            switch updated.handle(input) {
            case .chosen(0)?:
                confirm = nil
                return decide(action, id)
            case .chosen?, .cancelled?: confirm = nil
            case nil: confirm = (action, id, updated)
            }
            return []
        }
        switch event {
        case .appear, .refresh:
            selectedMove = selected?.move.id ?? selectedMove
            let session = session
            return [.run(key: "moves.load") { Loaded(result: session.attempt { try session.database.pendingMoves(as: session.acting, includeClosed: true) }) }]
        case .action("moves.back"):
            return [.pop]
        case .action("moves.accept"): ask(.accept)
        case .action("moves.decline"): ask(.decline)
        case .action("moves.cancel"): ask(.cancel)
        case .input(.key(let key)):
            _ = table.handle(key, count: rows.count, pageSize: 10)
            selectedMove = selected?.move.id
        case .message(let loaded as Loaded):
            loaded.result.load(into: &overview, error: &error)
            let rows = rows
            let index = selectedMove.flatMap { id in rows.firstIndex { $0.info.move.id == id } } ?? table.selected
            table = TableState()
            table.select(index, count: rows.count, pageSize: 10)
        case .message(let decided as Decided):
            switch decided.result {
            case .success(let outcome):
                error = nil
                let move = outcome.move
                let text = switch move.state {
                case .accepted: "Move \(move.id) accepted: order \(move.orderID) now belongs to Customer ID \(move.toCustomerID)"
                case .declined: "Move \(move.id) declined: order \(move.orderID) stays where it is"
                case .cancelled: "Move \(move.id) cancelled: order \(move.orderID) stays where it is"
                default: "Move \(move.id) is \(move.state.rawValue)"
                }
                return [.toast(Toast(text, kind: .ok))] + update(.refresh, context: context)
            case .failure(let failure):
                // Refused (a rule failed again, or someone else closed it meanwhile): the
                // reasons, then what is true now.
                let lead = decided.event == .accept && failure.messages.count > 0 ? "The move cannot be accepted now; it stays pending.\n\n" : ""
                attention = Dialog(title: "Attention", message: lead + failure.messages.map { "• " + $0 }.joined(separator: "\n\n"))
                return update(.refresh, context: context)
            }
        default:
            break
        }
        return []
    }

    /// Opens the confirmation for `event` on the selected move, or says why it does not apply.
    private mutating func ask(_ event: PendingMoveState.Event) {
        guard let info = selected else {
            error = "No move is selected."
            return
        }
        let move = info.move
        guard info.allowed.contains(event) else {
            if move.state != .pending {
                error = "Move \(move.id) is already \(move.state.rawValue)."
            } else if event == .cancel {
                error = "Move \(move.id) is not yours to cancel: only the sending side cancels it."
            } else {
                error = "Move \(move.id) is not to you: only the receiving side accepts or declines it."
            }
            return
        }
        error = nil
        let what = "order \(move.orderID) (\(move.domain.unicode)) from \(info.fromUsername) to \(info.toUsername)"
        let (title, message, button) = switch event {
        case .accept: ("Accept move", "Accept the move of \(what)? It moves now, with its related services, if every move rule still allows it.", "Accept")
        case .decline: ("Decline move", "Decline the move of \(what)? Nothing moves.", "Decline")
        default: ("Cancel move", "Cancel the move of \(what)? Nothing moves.", "Cancel move")
        }
        confirm = (event, move.id, Dialog(title: title, message: message, buttons: [button, "Back"], focusedButton: 1))
    }

    private func decide(_ event: PendingMoveState.Event, _ id: PendingMoveID) -> [Effect] {
        let session = session
        return [.run {
            Decided(event: event, result: Result {
                switch event {
                case .accept: try session.database.acceptPendingMove(id, as: session.acting, clock: session.clock)
                case .decline: try session.database.declinePendingMove(id, as: session.acting, clock: session.clock)
                default: try session.database.cancelPendingMove(id, as: session.acting, clock: session.clock)
                }
            }.mapError(Failure.init))
        }]
    }

    public func view(into buffer: inout Buffer, area: Rect, context: ViewContext) {
        let theme = context.theme
        guard overview != nil else {
            LoadingLine.draw(error: error, into: &buffer, area: area, theme: theme)
            return
        }
        let now = session.clock.now
        buffer.write("In: moves to you (accept or decline within \(PendingMove.acceptanceWindowDays) days) · Out: moves you asked for (cancel)",
                     in: area.row(0), style: theme[.muted])
        if let error {
            buffer.write(StatusKind.danger.label(error), in: area.row(1), style: theme[.danger])
        }
        let data = rows.map { row in
            let move = row.info.move
            let state = move.state == .pending ? StatusKind.info.label("pending") : StatusKind.muted.label(move.state.rawValue)
            let when = move.state == .pending ? "\(DayText.utc(move.deadline)) (\(move.daysLeft(at: now) ?? 0)d)" : move.decidedAt.map(DayText.utc) ?? ""
            return TableRow([move.id.description, row.direction, move.orderID.description, move.domain.unicode, row.info.fromUsername,
                             row.info.toUsername, state, when], role: move.state == .pending ? nil : .muted)
        }
        let tableArea = Rect(x: area.x, y: area.y + 2, width: area.width, height: max(0, area.height - 2))
        Table(columns: [TableColumn("MOVE", width: .content, priority: 3), TableColumn("DIR", width: .fixed(6), priority: 3),
                        TableColumn("ORDER", width: .content, priority: 3), TableColumn("DOMAIN", width: .fitting(min: 12, weight: 2), priority: 4),
                        TableColumn("FROM", width: .fitting(min: 10, weight: 1), priority: 1, isOptional: true),
                        TableColumn("TO", width: .fitting(min: 10, weight: 1), priority: 2),
                        TableColumn("STATE", width: .content, priority: 3), TableColumn("UNTIL / CLOSED", width: .content, priority: 2, isOptional: true)],
              emptyMessage: "No pending moves in or out.")
            .render(into: &buffer, area: tableArea, data: ArrayTableData(data), state: table, theme: theme, focused: confirm == nil)
        if let confirm { confirm.2.render(into: &buffer, area: area, theme: theme) }
        if let attention { attention.render(into: &buffer, area: area, theme: theme) }
    }
}

/// Move Services' Done step when the move only waits for the receiving side: says plainly
/// that nothing moved yet, who decides, by when, and how to take it back.
enum PendingMoveDone {
    static func lines(_ move: PendingMove, _ result: MoveResult) -> [String] {
        let target = result.preview.target
        let count = result.preview.services.count
        return [
            "Move pending: nothing has moved yet.",
            "\(target.name) (\(target.username), Customer ID \(target.id)) has until \(DayText.utc(move.deadline)) to accept the move of these \(count) service\(count == 1 ? "" : "s") in their panel; every move rule is checked again then.",
            "Until then the order shows \"move pending\". Cancel the move under Pending moves (W on the order list).",
            "Pending move \(move.id) · Transaction ID: \(result.transactionID)",
        ]
    }

    static func draw(_ move: PendingMove, _ result: MoveResult, into buffer: inout Buffer, area: Rect, theme: Theme) {
        let text = lines(move, result)
        var lines: [Paragraph.Line] = [.init(StatusKind.info.label(text[0]), role: .title)]
        for paragraph in text.dropFirst() {
            lines += TextLayout.wrap(paragraph, width: max(1, area.width)).map { .init($0) }
        }
        lines.append(.init(""))
        lines += MoveServicesScreen.serviceLines(result.preview.services)
        LineList.draw(lines, into: &buffer, area: area, theme: theme)
    }
}
