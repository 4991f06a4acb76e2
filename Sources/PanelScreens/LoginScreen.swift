import PanelModel
import PanelStore
import Terminal

/// Seed 000 step 1: "Login to your Control Panel". Username (email) and password; the
/// messages (wrong credentials, lockout, suspended or deleted account) come from the model.
public struct LoginScreen: Screen {
    let session: PanelSession
    var username = TextField(placeholder: "you@example.com", maxLength: 254)
    var password = TextField(placeholder: "password", maxLength: 128, isMasked: true)
    var focus = FocusRing(count: 3)   // username, password, button
    var error: String?

    struct Outcome: Sendable { var result: Result<Principal, PanelError> }

    public init(session: PanelSession) { self.session = session }

    public var title: String { "Login" }
    public var capturesText: Bool { focus.index < 2 }

    public var keyMap: KeyMap {
        KeyMap([
            KeyBinding(.tab, label: "Next field", action: "login.next"),
            KeyBinding(.backTab, label: "Previous field", action: "login.previous", showInFooter: false),
            KeyBinding(.enter, label: "Log in", action: "login.submit"),
            // `?` types into the fields here, so help is on F1.
            KeyBinding(.function(1), label: "Help", description: "Show all keys (? types into the fields here)", action: "login.help"),
        ])
    }

    public mutating func update(_ event: ScreenEvent, context: ScreenContext) -> [Effect] {
        switch event {
        case .action("login.next"), .input(.key(.down)):
            focus.next()
        case .action("login.previous"), .input(.key(.up)):
            focus.previous()
        case .action("login.help"):
            return [.showHelp]
        case .action("login.submit"):
            if focus.index == 0 && password.text.isEmpty {
                focus.focus(1)
                return []
            }
            return submit()
        case .input(let input):
            // A paste never submits: newlines are dropped by the field.
            switch focus.index {
            case 0: _ = username.handle(input)
            case 1: _ = password.handle(input)
            default: break
            }
        case .message(let outcome as Outcome):
            switch outcome.result {
            case .success(let principal):
                session.principal = principal
                return [.replace(OrdersScreen(session: session)), .toast(Toast("Logged in as \(session.whoText)", kind: .ok))]
            case .failure(let failure):
                error = failure.message
                password.setText("")
                focus.focus(1)
            }
        default:
            break
        }
        return []
    }

    private mutating func submit() -> [Effect] {
        guard !username.text.isEmpty, !password.text.isEmpty else {
            error = "Enter your username (the email address of your account) and your password."
            focus.focus(username.text.isEmpty ? 0 : 1)
            return []
        }
        let session = session, name = username.text, secret = password.text
        return [.run {
            Outcome(result: session.attempt { try session.database.login(username: name, password: secret, clock: session.clock) })
        }]
    }

    public func view(into buffer: inout Buffer, area: Rect, context: ViewContext) {
        let theme = context.theme
        let width = min(60, area.width)
        // Room for the error from the start, so the box does not jump when one appears.
        let height = min(area.height, 12)
        let frame = Rect(x: area.x + (area.width - width) / 2, y: area.y + max(0, (area.height - height) / 3), width: width, height: height)
        let inner = Block(title: "Login to your Control Panel").render(into: &buffer, area: frame, theme: theme)
        guard inner.height >= 5 else { return }
        let labelWidth = 10
        let fieldWidth = max(1, inner.width - labelWidth - 1)
        buffer.write("Username", in: Rect(x: inner.x + 1, y: inner.y + 1, width: labelWidth, height: 1), style: theme[.text])
        username.render(into: &buffer, area: Rect(x: inner.x + labelWidth + 1, y: inner.y + 1, width: fieldWidth - 1, height: 1),
                        theme: theme, focused: focus.isFocused(0))
        buffer.write("Password", in: Rect(x: inner.x + 1, y: inner.y + 3, width: labelWidth, height: 1), style: theme[.text])
        password.render(into: &buffer, area: Rect(x: inner.x + labelWidth + 1, y: inner.y + 3, width: fieldWidth - 1, height: 1),
                        theme: theme, focused: focus.isFocused(1))
        _ = Button("Log in").render(into: &buffer, area: Rect(x: inner.x + labelWidth + 1, y: inner.y + 5, width: 12, height: 1),
                                    theme: theme, focused: focus.isFocused(2))
        if let error, inner.height > 7 {
            let lines = TextLayout.wrap(StatusKind.danger.label(error), width: max(1, inner.width - 2))
            for (index, line) in lines.prefix(inner.height - 7).enumerated() {
                buffer.write(line, in: Rect(x: inner.x + 1, y: inner.y + 7 + index, width: inner.width - 2, height: 1), style: theme[.danger])
            }
        }
        drawDemoLogins(into: &buffer, below: frame, area: area, theme: theme)
    }

    /// "Log in as alice@example.com (or bob@example.net, carol@example.org, …), password …":
    /// under the form when the database is the demo world, in a box only if it fits whole.
    private func drawDemoLogins(into buffer: inout Buffer, below frame: Rect, area: Rect, theme: Theme) {
        guard let first = session.demoLogins.first else { return }
        let others = session.demoLogins.dropFirst()
        let alternatives = others.isEmpty ? "" : " (or \(others.prefix(2).joined(separator: ", "))\(others.count > 2 ? ", …" : ""))"
        let text = "Log in as \(first)\(alternatives), password \(DemoWorld.password). README's Demo logins table says what each shows."
        let lines = TextLayout.wrap(text, width: max(1, frame.width - 4))
        let box = Rect(x: frame.x, y: frame.maxY, width: frame.width, height: lines.count + 2)
        guard box.maxY <= area.maxY else { return }
        let inner = Block(title: "Demo world").render(into: &buffer, area: box, theme: theme)
        for (index, line) in lines.enumerated() {
            buffer.write(line, in: Rect(x: inner.x + 1, y: inner.y + index, width: inner.width - 2, height: 1), style: theme[.info])
        }
    }
}
