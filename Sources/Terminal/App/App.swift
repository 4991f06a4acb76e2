/// App-wide settings.
public struct AppConfiguration: Sendable {
    public var appName: String
    /// Below this the App draws only a "terminal too small" notice.
    public var minimumSize: Size
    /// Below this screens get `isCompact`.
    public var compactBelow: Size
    public var toastDuration: Duration
    /// Keys that work on every screen unless the screen binds the same key.
    public var globalKeys: KeyMap

    public init(appName: String = "CertPanel", minimumSize: Size = Size(width: 40, height: 10),
                compactBelow: Size = Size(width: 80, height: 24), toastDuration: Duration = .seconds(3),
                globalKeys: KeyMap = AppConfiguration.defaultGlobalKeys) {
        self.appName = appName
        self.minimumSize = minimumSize
        self.compactBelow = compactBelow
        self.toastDuration = toastDuration
        self.globalKeys = globalKeys
    }

    public static let helpAction: ActionID = "app.help"
    public static let quitAction: ActionID = "app.quit"
    public static let backAction: ActionID = "app.back"

    public static let defaultGlobalKeys = KeyMap([
        KeyBinding(.escape, label: "Back", description: "Go back to the previous screen", action: backAction, showInFooter: false),
        KeyBinding([.char("q"), .ctrl("c")], label: "Quit", description: "Quit", action: quitAction),
        KeyBinding(.char("?"), label: "Help", description: "Show all keys", action: helpAction),
    ])
}

/// The run loop (bubbletea style): input → `Screen.update` → effects → `Screen.view` → backend.
/// Holds the screen stack and draws the chrome (header with breadcrumb, footer with key hints,
/// toasts, help overlay, too-small notice). Single-threaded; not Sendable.
public final class App {
    public enum ExitReason: Sendable, Hashable {
        /// A screen or key asked to quit.
        case quit
        /// Input ended (EOF, SSH connection closed).
        case inputClosed
        /// SIGTERM, SIGHUP, SIGINT… (signal number).
        case signal(Int32)
    }

    public private(set) var stack: [any Screen]
    public var theme: Theme
    public var configuration: AppConfiguration
    public private(set) var size: Size
    public private(set) var isRunning = true
    public private(set) var help: HelpOverlay?
    public private(set) var toast: Toast?
    private var toastDeadline: ContinuousClock.Instant?
    private let now: () -> ContinuousClock.Instant

    public init(root: any Screen, theme: Theme = .default, configuration: AppConfiguration = AppConfiguration(),
                size: Size = Size(width: 80, height: 24), now: @escaping () -> ContinuousClock.Instant = { ContinuousClock.now }) {
        self.stack = [root]
        self.theme = theme
        self.configuration = configuration
        self.size = size
        self.now = now
        deliver(.appear)
    }

    // MARK: - Layout

    public var isTooSmall: Bool { !size.fits(configuration.minimumSize) }
    public var isCompact: Bool { !size.fits(configuration.compactBelow) }

    /// The screen's area: everything between header and footer.
    public var contentArea: Rect {
        Rect(size: size).inset(top: 1, bottom: 1)
    }

    private var screenContext: ScreenContext { ScreenContext(size: contentArea.size, isCompact: isCompact) }

    /// The bindings in effect: the screen's, then globals it does not shadow; while the screen
    /// captures text, without the printable keys (they type instead).
    public var activeKeyMap: KeyMap {
        let merged = (stack.last?.keyMap ?? KeyMap([])).merged(with: configuration.globalKeys)
        return stack.last?.capturesText == true ? merged.withoutPrintableKeys() : merged
    }

    // MARK: - Events

    /// Processes one input event completely (dispatch and every resulting effect).
    public func handle(_ event: InputEvent) {
        expireToast()
        switch event {
        case .resize(let w, let h):
            size = Size(width: w, height: h)
            deliver(.input(event))
        case .key(let key):
            handleKey(key)
        case .mouse, .paste:
            if help != nil { return }  // the overlay is modal
            deliver(.input(event))
        }
    }

    private func handleKey(_ key: Key) {
        if var overlay = help {
            switch key {
            case .escape, .char("?"), .char("q"), .enter: help = nil
            default:
                _ = overlay.handle(key, visibleRows: max(1, size.height - 3))
                help = overlay
            }
            return
        }
        guard let screen = stack.last else { return }
        if screen.capturesText, case .char = key {
            deliver(.input(.key(key)))
        } else if let action = screen.keyMap.action(for: key) {
            deliver(.action(action))
        } else if let action = configuration.globalKeys.action(for: key) {
            perform(appAction: action, key: key)
        } else {
            deliver(.input(.key(key)))
        }
    }

    private func perform(appAction action: ActionID, key: Key) {
        switch action {
        case AppConfiguration.helpAction: run([.showHelp])
        case AppConfiguration.quitAction: run([.quit])
        case AppConfiguration.backAction: if stack.count > 1 { run([.pop]) } else { deliver(.input(.key(key))) }
        default: deliver(.action(action))  // a custom global: the screen on top handles it
        }
    }

    /// Sends an event to the top screen and runs the effects it returns.
    private func deliver(_ event: ScreenEvent) {
        guard isRunning, !stack.isEmpty else { return }
        let effects = stack[stack.count - 1].update(event, context: screenContext)
        run(effects)
    }

    /// Runs effects in order. Effects that produce messages are delivered immediately, so one
    /// key press is handled completely before the next frame.
    public func run(_ effects: [Effect]) {
        for effect in effects {
            guard isRunning else { return }
            switch effect {
            case .push(let screen):
                stack.append(screen)
                deliver(.appear)
            case .pop:
                if stack.count > 1 {
                    stack.removeLast()
                    deliver(.appear)
                } else {
                    isRunning = false
                }
            case .replace(let screen):
                stack[stack.count - 1] = screen
                deliver(.appear)
            case .popToRoot:
                if stack.count > 1 {
                    stack.removeSubrange(1...)
                    deliver(.appear)
                }
            case .quit:
                isRunning = false
            case .toast(let t):
                toast = t
                toastDeadline = now() + configuration.toastDuration
            case .showHelp:
                let screenKeys = stack.last?.keyMap ?? KeyMap([])
                // Globals minus the keys the screen took over.
                let globals = Array(screenKeys.merged(with: configuration.globalKeys).bindings.dropFirst(screenKeys.bindings.count))
                help = HelpOverlay(sections: [
                    .init(title: stack.last?.title ?? "Screen", bindings: screenKeys.bindings),
                    .init(title: "Everywhere", bindings: globals),
                ])
            case .run(let work):
                if let result = work() { deliver(.message(result)) }
            case .send(let value):
                deliver(.message(value))
            }
        }
    }

    private func expireToast() {
        if let deadline = toastDeadline, now() >= deadline {
            toast = nil
            toastDeadline = nil
        }
    }

    // MARK: - Drawing

    /// Renders the whole frame for the current size.
    public func render() -> Buffer {
        expireToast()
        var buffer = Buffer(size: size, style: theme[.text])
        guard size.width > 0, size.height > 0 else { return buffer }
        if isTooSmall {
            drawTooSmallNotice(into: &buffer)
            return buffer
        }
        let area = Rect(size: size)
        let (headerRow, rest) = area.splitTop(1)
        let (content, footerRow) = rest.splitBottom(1)
        Header(appName: configuration.appName, breadcrumb: stack.map(\.title), trailing: stack.last?.headerNote)
            .render(into: &buffer, area: headerRow, theme: theme)
        if let screen = stack.last {
            var screenBuffer = buffer
            screenBuffer.cursor = nil
            screen.view(into: &screenBuffer, area: content, context: ViewContext(theme: theme, isCompact: isCompact))
            // Screens draw only inside their area; keep the chrome rows whatever they did.
            for y in content.minY..<content.maxY { buffer.copyRow(y, from: screenBuffer) }
            if let c = screenBuffer.cursor, content.contains(c) { buffer.cursor = c }
        }
        Footer(bindings: activeKeyMap.bindings).render(into: &buffer, area: footerRow, theme: theme)
        if let toast { toast.render(into: &buffer, area: content, theme: theme) }
        if let help {
            help.render(into: &buffer, area: area, theme: theme)
            buffer.cursor = nil
        }
        return buffer
    }

    private func drawTooSmallNotice(into buffer: inout Buffer) {
        let min = configuration.minimumSize
        let message = "Terminal too small (needs \(min.width)x\(min.height), is \(size.width)x\(size.height))"
        let lines = TextLayout.wrap(message, width: size.width)
        let top = max(0, (size.height - lines.count) / 2)
        for (i, line) in lines.prefix(size.height).enumerated() {
            buffer.write(line, in: Rect(x: 0, y: top + i, width: size.width, height: 1), style: theme[.warning],
                         alignment: .center)
        }
    }

    // MARK: - Running

    /// Runs until a screen quits, input ends or a termination signal arrives. Draws a frame
    /// after every batch of input. Errors thrown by the backend end the loop and propagate
    /// (the ncurses backend restores the terminal in any case).
    @discardableResult
    public func run(on backend: some Backend) throws -> ExitReason {
        size = backend.size
        // Without colour (NO_COLOR, TERM=dumb, monochrome terminal) draw with attribute-only
        // styles, so nothing depends on a background colour that will not be shown.
        if backend.colorDepth == .none { theme = theme.withoutColor() }
        deliver(.input(.resize(width: size.width, height: size.height)))
        while isRunning {
            try backend.draw(render())
            let timeout: Duration? = toastDeadline.map { max(.zero, $0 - now()) }
            guard let events = backend.poll(timeout: timeout) else {
                return backend.endReason ?? .inputClosed
            }
            for event in events where isRunning { handle(event) }
        }
        return .quit
    }
}

extension Buffer {
    /// Copies row `y` from a buffer of the same size.
    mutating func copyRow(_ y: Int, from other: Buffer) {
        guard other.width == width, y >= 0, y < height else { return }
        for x in 0..<width { setCell(other[x, y], x: x, y: y) }
    }
}
