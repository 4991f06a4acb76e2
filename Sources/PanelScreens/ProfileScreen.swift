import PanelModel
import PanelStore
import Terminal

/// Settings → Primary Profile: where a customer finds the Customer ID that someone moving
/// an order to them needs (seed 000 step 4).
public struct ProfileScreen: SessionScreen {
    let session: PanelSession
    var profile: PrimaryProfile?
    var error: String?

    struct Loaded: Sendable { var result: Result<PrimaryProfile, PanelError> }

    public init(session: PanelSession) { self.session = session }

    public var title: String { "Settings → Primary Profile" }
    public var keyMap: KeyMap {
        KeyMap([
            KeyBinding(.char("K"), label: "SSH keys", description: "Settings → SSH Keys", action: "profile.keys"),
            KeyBinding(.char("q"), label: "Back", action: "profile.back"),
        ])
    }

    public mutating func update(_ event: ScreenEvent, context: ScreenContext) -> [Effect] {
        switch event {
        case .appear, .refresh:
            let session = session
            return [.run {
                Loaded(result: session.attempt { try session.database.primaryProfile(as: session.acting) })
            }]
        case .action("profile.back"):
            return [.pop]
        case .action("profile.keys"):
            return [.push(KeysScreen(session: session))]
        case .message(let loaded as Loaded):
            loaded.result.load(into: &profile, error: &error)
        default:
            break
        }
        return []
    }

    public func view(into buffer: inout Buffer, area: Rect, context: ViewContext) {
        let theme = context.theme
        guard let profile else {
            LoadingLine.draw(error: error, into: &buffer, area: area, theme: theme)
            return
        }
        var lines: [Paragraph.Line] = [
            .init("Customer ID   \(profile.customer.id)", role: .accent),
            .init("Username      \(profile.customer.username)"),
            .init("Name          \(profile.customer.name)"),
            .init("Status        \(profile.customer.status.rawValue.capitalized)"),
            .init("Reseller      \(profile.resellerName)"),
            .init(""),
            .init("Someone moving an order to you needs your username and this Customer ID.", role: .muted),
            .init(""),
            .init("Default contacts", role: .title),
        ]
        for role in ContactRole.allCases {
            let text = profile.defaultContacts[role].map { "\($0.handle) · \($0.name) · \($0.email) · \($0.country) · \($0.phone)" } ?? "none"
            lines.append(.init("  " + role.rawValue.capitalized.padding(toLength: 12, withPad: " ", startingAt: 0) + text))
        }
        LineList.draw(lines, into: &buffer, area: area.inset(top: 1), theme: theme)
    }
}

import Foundation
