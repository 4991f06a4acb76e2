import Foundation
import PanelModel
import PanelStore
import Terminal

/// An order's history (`h` on Order Details): every event the viewer may read, oldest first,
/// each with its time (UTC), who did it and its transaction ID, the summary wrapped beneath.
public struct OrderHistoryScreen: SessionScreen {
    let session: PanelSession
    let orderID: OrderID
    var events: [OrderHistoryEvent]?
    var error: String?
    var scroll = 0

    struct Loaded: Sendable { var result: Result<[OrderHistoryEvent], PanelError> }

    public init(session: PanelSession, orderID: OrderID) {
        self.session = session
        self.orderID = orderID
    }

    public var title: String { "History of order \(orderID)" }

    public var keyMap: KeyMap {
        KeyMap([
            KeyBinding([.char("j"), .down], label: "Scroll", description: "Scroll down", action: "history.down"),
            KeyBinding([.char("k"), .up], label: "Scroll up", description: "Scroll up", action: "history.up", showInFooter: false),
            KeyBinding(.char("q"), label: "Back", description: "Back to the order", action: "history.back"),
        ])
    }

    public mutating func update(_ event: ScreenEvent, context: ScreenContext) -> [Effect] {
        switch event {
        case .appear, .refresh:
            let session = session, orderID = orderID
            return [.run { Loaded(result: session.attempt { try session.database.orderHistory(orderID, as: session.acting) }) }]
        case .action("history.back"):
            return [.pop]
        case .action("history.down"):
            scroll += 1
        case .action("history.up"):
            scroll = max(0, scroll - 1)
        case .message(let loaded as Loaded):
            loaded.result.load(into: &events, error: &error, dropOnFailure: true)
        default:
            break
        }
        return []
    }

    public func view(into buffer: inout Buffer, area: Rect, context: ViewContext) {
        guard let events else {
            LoadingLine.draw(error: error, loading: "Loading the history of order \(orderID)…", into: &buffer, area: area, theme: context.theme)
            return
        }
        let lines = Self.lines(events, width: area.width)
        LineList.draw(lines, into: &buffer, area: area, theme: context.theme, scroll: scroll)
    }

    static let indent = 18

    static func lines(_ events: [OrderHistoryEvent], width: Int) -> [Paragraph.Line] {
        guard !events.isEmpty else {
            return [.init("No recorded events yet. Moves, suspensions, CSRs, certificates, invoices and notices appear here.", role: .muted)]
        }
        var lines: [Paragraph.Line] = []
        for event in events {
            let when = DayText.utcMinute(event.at).padding(toLength: indent, withPad: " ", startingAt: 0)
            let label = event.kind.label.padding(toLength: 13, withPad: " ", startingAt: 0)
            let heading = when + label + "by \(event.by)"
            // The transaction ID is quoted to support whole: on its own line when the heading has no room.
            if let transaction = event.transactionID.map({ "transaction \($0)" }) {
                if displayWidth(heading + " · " + transaction) <= width {
                    lines.append(.init(heading + " · " + transaction, role: role(event.kind)))
                } else {
                    lines.append(.init(heading, role: role(event.kind)))
                    let pad = min(indent, max(0, width - displayWidth(transaction)))
                    lines.append(.init(String(repeating: " ", count: pad) + transaction, role: .muted))
                }
            } else {
                lines.append(.init(heading, role: role(event.kind)))
            }
            for line in TextLayout.wrap(event.text, width: max(1, width - indent)) {
                lines.append(.init(String(repeating: " ", count: indent) + line))
            }
        }
        return lines
    }

    static func role(_ kind: OrderHistoryEvent.Kind) -> ThemeRole {
        switch kind {
        case .suspended, .expired: .warning
        case .moved, .pendingMove, .transfer, .push: .accent
        default: .title
        }
    }
}
