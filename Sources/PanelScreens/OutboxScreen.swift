import Foundation
import PanelModel
import PanelStore
import Terminal

/// Messages: the notifications the panel has written for this principal (renewal notices with
/// their invoice, expiry reminders for a reissue or a renewal, push notices), newest first, and whether the mail system has taken them yet
/// (`certpanel outbox export`). Enter reads one.
public struct OutboxScreen: SessionScreen {
    let session: PanelSession
    var messages: [OutboxMessage]?
    var table = TableState()
    var reading: OutboxMessage?
    var scroll = 0
    var error: String?

    struct Loaded: Sendable { var result: Result<[OutboxMessage], PanelError> }

    public init(session: PanelSession) { self.session = session }

    public var title: String { reading == nil ? "Messages" : "Message" }

    public var keyMap: KeyMap {
        if reading != nil {
            return KeyMap([
                KeyBinding([.char("j"), .down], label: "Scroll", description: "Scroll down", action: "outbox.down", showInFooter: false),
                KeyBinding([.char("k"), .up], label: "Scroll up", description: "Scroll up", action: "outbox.up", showInFooter: false),
                KeyBinding([.char("q"), .escape], label: "Back", description: "Back to the messages", action: "outbox.close", keyText: "q"),
            ])
        }
        return KeyMap([
            KeyBinding(.enter, label: "Read", description: "Read the selected message", action: "outbox.open"),
            KeyBinding(.char("q"), label: "Back", description: "Back", action: "outbox.back"),
        ])
    }

    public mutating func update(_ event: ScreenEvent, context: ScreenContext) -> [Effect] {
        switch event {
        case .appear, .refresh:
            let session = session
            return [.run { Loaded(result: session.attempt { try session.database.outboxMessages(for: session.acting) }) }]
        case .action("outbox.back"):
            return [.pop]
        case .action("outbox.open"):
            guard let messages, messages.indices.contains(table.selected) else {
                return [.toast(Toast("There is no message to read", kind: .info))]
            }
            reading = messages[table.selected]
            scroll = 0
        case .action("outbox.close"):
            reading = nil
        case .action("outbox.down"):
            scroll += 1
        case .action("outbox.up"):
            scroll = max(0, scroll - 1)
        case .input(.key(let key)) where reading == nil:
            _ = table.handle(key, count: messages?.count ?? 0, pageSize: 10)
        case .message(let loaded as Loaded):
            loaded.result.load(into: &messages, error: &error)
        default:
            break
        }
        return []
    }

    public func view(into buffer: inout Buffer, area: Rect, context: ViewContext) {
        let theme = context.theme
        guard let messages else {
            LoadingLine.draw(error: error, into: &buffer, area: area, theme: theme)
            return
        }
        if let reading {
            draw(reading, into: &buffer, area: area, theme: theme)
            return
        }
        let rows = messages.map { message in
            TableRow([OrderRows.date(message.createdAt), message.recipient, message.subject,
                      message.sentAt == nil ? StatusKind.info.label("waiting") : StatusKind.ok.label("sent")])
        }
        Table(columns: [TableColumn("DATE", width: .fixed(10)), TableColumn("TO", width: .flexible(min: 12, weight: 1)),
                        TableColumn("SUBJECT", width: .flexible(min: 20, weight: 3)), TableColumn("MAIL", width: .fixed(9))],
              emptyMessage: "No messages yet. Renewal notices arrive here 30 days before a subscription ends, reminders before a certificate expires.")
            .render(into: &buffer, area: area, data: ArrayTableData(rows), state: table, theme: theme, focused: true)
    }

    private func draw(_ message: OutboxMessage, into buffer: inout Buffer, area: Rect, theme: Theme) {
        var lines: [Paragraph.Line] = [
            .init("To       \(message.recipient)"),
            .init("Subject  \(message.subject)", role: .title),
            .init("Date     \(OrderRows.date(message.createdAt))" + (message.sentAt.map { " · handed to the mail system \(OrderRows.date($0))" } ?? " · waiting for the mail system")),
            .init(""),
        ]
        for paragraph in message.body.split(separator: "\n", omittingEmptySubsequences: false) {
            let wrapped = TextLayout.wrap(String(paragraph), width: max(1, area.width))
            lines += (wrapped.isEmpty ? [""] : wrapped).map { .init($0) }
        }
        LineList.draw(lines, into: &buffer, area: area, theme: theme, scroll: scroll)
    }
}
