import Foundation
import PanelModel
import PanelStore
import Terminal

/// Settings → SSH Keys: the keys that open this account's panel over SSH (issue 8). Add one
/// by pasting the line of its `.pub` file; remove one after a confirmation. Operators see
/// every key.
public struct KeysScreen: SessionScreen {
    let session: PanelSession
    var keys: [SSHKeyRecord] = []
    var table = TableState()
    var adding: TextField?
    var dialog: Dialog?
    var error: String?

    struct Loaded: Sendable { var result: Result<[SSHKeyRecord], PanelError> }
    struct Added: Sendable { var result: Result<SSHKeyRecord, PanelError> }
    struct Removed: Sendable { var result: Result<SSHKeyRecord, PanelError> }

    public init(session: PanelSession) { self.session = session }

    public var title: String { "Settings → SSH Keys" }
    public var capturesText: Bool { adding != nil || dialog != nil }

    public var keyMap: KeyMap {
        if adding != nil {
            return KeyMap([
                KeyBinding(.enter, label: "Add", description: "Register the pasted key", action: "keys.submit"),
                KeyBinding(.escape, label: "Cancel", description: "Do not add a key", action: "keys.cancel"),
            ])
        }
        if dialog != nil {
            return KeyMap([KeyBinding(.escape, label: "Cancel", description: "Keep the key", action: "keys.cancel")])
        }
        return KeyMap([
            KeyBinding(.char("a"), label: "Add", description: "Add a key: paste the line of your .pub file", action: "keys.add"),
            KeyBinding([.char("d"), .delete], label: "Remove", description: "Remove the selected key", action: "keys.remove"),
            KeyBinding(.char("q"), label: "Back", description: "Back", action: "keys.back"),
        ])
    }

    public mutating func update(_ event: ScreenEvent, context: ScreenContext) -> [Effect] {
        if var shown = dialog {
            guard case .input(let input) = event else {
                if case .action("keys.cancel") = event { dialog = nil }
                return apply(event)
            }
            switch shown.handle(input) {
            case .chosen(0)?:
                dialog = nil
                guard keys.indices.contains(table.selected) else { return [] }
                let session = session, fingerprint = keys[table.selected].fingerprint
                return [.run { Removed(result: session.attempt { try session.database.removeSSHKey(fingerprint: fingerprint, as: session.acting) }) }]
            case .chosen?, .cancelled?: dialog = nil
            case nil: dialog = shown
            }
            return []
        }
        if var field = adding, case .input(let input) = event {
            _ = field.handle(input)      // Enter is bound to submit; a pasted newline is dropped
            adding = field
            return []
        }
        return apply(event)
    }

    private mutating func apply(_ event: ScreenEvent) -> [Effect] {
        switch event {
        case .appear, .refresh:
            let session = session
            let owner: Principal? = session.acting == .operator ? nil : session.acting
            return [.run { Loaded(result: session.attempt { try session.database.sshKeys(of: owner, as: session.acting) }) }]
        case .action("keys.back"):
            return [.pop]
        case .action("keys.add"):
            adding = TextField(placeholder: "ssh-ed25519 AAAA… you@laptop", maxLength: 16_384)
            error = nil
        case .action("keys.cancel"):
            adding = nil
        case .action("keys.submit"):
            guard let line = adding?.text else { return [] }
            let session = session
            return [.run {
                Added(result: session.attempt {
                    try session.database.addSSHKey(try SSHPublicKey(parsing: line), for: session.acting, as: session.acting)
                })
            }]
        case .action("keys.remove"):
            guard keys.indices.contains(table.selected) else {
                return [.toast(Toast("There is no key to remove: add one with a", kind: .info))]
            }
            let key = keys[table.selected]
            dialog = Dialog(title: "Remove SSH key", message: "Remove \(key.fingerprint)\(key.comment.isEmpty ? "" : " (\(key.comment))")? It will no longer open this panel over SSH.",
                            buttons: ["Remove", "Cancel"], focusedButton: 1)
        case .input(.key(let key)):
            _ = table.handle(key, count: keys.count, pageSize: 10)
        case .message(let loaded as Loaded):
            switch loaded.result {
            case .success(let value): keys = value
            case .failure(let failure): error = failure.message
            }
        case .message(let added as Added):
            switch added.result {
            case .success(let record):
                adding = nil
                return [.toast(Toast("Added \(record.fingerprint)", kind: .ok))] + apply(.appear)
            case .failure(let failure):
                error = failure.message
            }
        case .message(let removed as Removed):
            switch removed.result {
            case .success(let record): return [.toast(Toast("Removed \(record.fingerprint)", kind: .ok))] + apply(.appear)
            case .failure(let failure): error = failure.message
            }
        default:
            break
        }
        return []
    }

    public func view(into buffer: inout Buffer, area: Rect, context: ViewContext) {
        let theme = context.theme
        var y = area.y
        buffer.write("These keys open your panel with `ssh -t panel@host`.", in: area.row(0), style: theme[.muted])
        y += 2
        if let adding {
            buffer.write("Key ", x: area.x, y: y, style: theme[.accent])
            adding.render(into: &buffer, area: Rect(x: area.x + 4, y: y, width: max(1, area.width - 4), height: 1), theme: theme, focused: true)
            y += 2
        }
        if let error {
            for line in TextLayout.wrap(StatusKind.danger.label(error), width: max(1, area.width)).prefix(3) {
                buffer.write(line, in: Rect(x: area.x, y: y, width: area.width, height: 1), style: theme[.danger])
                y += 1
            }
            y += 1
        }
        let rows = keys.map { TableRow([$0.key.type.rawValue, String($0.key.bits), $0.fingerprint, $0.comment, OrderRows.date($0.createdAt)]) }
        Table(columns: [TableColumn("TYPE", width: .fixed(19)), TableColumn("BITS", width: .fixed(5)),
                        TableColumn("FINGERPRINT", width: .flexible(min: 20, weight: 3)), TableColumn("COMMENT", width: .flexible(min: 8, weight: 1)),
                        TableColumn("ADDED", width: .fixed(10))],
              emptyMessage: "No SSH keys yet: press a and paste the line of your .pub file.")
            .render(into: &buffer, area: Rect(x: area.x, y: y, width: area.width, height: max(0, area.maxY - y)), data: ArrayTableData(rows),
                    state: table, theme: theme, focused: adding == nil)
        if let dialog { dialog.render(into: &buffer, area: area, theme: theme) }
    }
}
