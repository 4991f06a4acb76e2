/// What a screen receives.
public enum ScreenEvent {
    /// A key bound in the screen's `keyMap` (resolved by the App, so footer, help and
    /// dispatch share one table).
    case action(ActionID)
    /// Input not covered by a binding: unbound keys, printable keys while `capturesText`,
    /// paste, mouse, resize.
    case input(InputEvent)
    /// The result of an `Effect.run`, or a value sent with `Effect.send`.
    case message(any Sendable)
    /// The screen became the top of the stack (pushed, or uncovered by a pop).
    case appear
    /// The data may have changed (written by another session or process, or Ctrl-R): reload
    /// what is shown and keep the selection on the same record.
    case refresh
}

/// Facts a screen may need while updating (e.g. page size for PgDn).
public struct ScreenContext: Sendable, Hashable {
    /// Size of the screen's content area (between header and footer).
    public var size: Size
    /// True below 80x24: screens should drop secondary columns and decorations.
    public var isCompact: Bool
    public init(size: Size, isCompact: Bool) {
        self.size = size
        self.isCompact = isCompact
    }
}

/// Everything a screen needs to draw.
public struct ViewContext: Sendable {
    public var theme: Theme
    public var isCompact: Bool
    public init(theme: Theme, isCompact: Bool) {
        self.theme = theme
        self.isCompact = isCompact
    }
}

/// One screen of the application (bubbletea style): state plus `update` (events in, effects
/// out) and `view` (state to cells). No I/O happens in a screen: loading data, saving, and
/// navigation are `Effect` values the App runs, so screens are testable without a terminal.
public protocol Screen {
    /// Shown in the header breadcrumb.
    var title: String { get }
    /// The keys of this screen: dispatch, footer hints and help overlay all come from it.
    var keyMap: KeyMap { get }
    /// True while a text input has focus: printable keys then go to the screen as input
    /// instead of triggering bindings (so typing "q" in a field does not quit).
    var capturesText: Bool { get }
    /// Shown at the right of the header (who is logged in, say); nil for nothing.
    var headerNote: String? { get }
    /// Non-nil while leaving the screen would lose what the user typed: the question the App
    /// asks before Esc, `q`, or `Effect.leave` takes the screen away.
    var unsavedInput: String? { get }

    mutating func update(_ event: ScreenEvent, context: ScreenContext) -> [Effect]
    func view(into buffer: inout Buffer, area: Rect, context: ViewContext)
}

extension Screen {
    public var capturesText: Bool { false }
    public var headerNote: String? { nil }
    public var unsavedInput: String? { nil }
}

/// Work for `Effect.perform`: runs off the UI loop and returns the message for its screen.
public struct Job: Sendable {
    /// A job replaces its screen's running job with the same key (a new keystroke's search
    /// cancels the stale one); nil never replaces anything.
    public var key: String?
    public var work: @Sendable () -> (any Sendable)?
    public init(key: String? = nil, work: @escaping @Sendable () -> (any Sendable)?) {
        self.key = key
        self.work = work
    }
}

/// Side effects as values, run by the App after `update` returns.
public enum Effect {
    case push(any Screen)
    case pop
    /// Leaves the screen as the user asked (Cancel, Back): like `pop`, but when the screen
    /// holds unsaved input the App first asks whether to discard it.
    case leave
    case replace(any Screen)
    case popToRoot
    case quit
    case toast(Toast)
    case showHelp
    /// Runs the job off the UI loop (a worker task; inline under the test executor) and
    /// delivers its result, if any, as `.message` to the screen that asked, if it is still on
    /// top. A running job of the same screen with the same key is cancelled.
    case perform(Job)
    /// Delivers a value to the screen on top as `.message` (e.g. a result after `.pop`).
    case send(any Sendable)

    /// `perform` with the work as a trailing closure.
    public static func run(key: String? = nil, _ work: @escaping @Sendable () -> (any Sendable)?) -> Effect {
        .perform(Job(key: key, work: work))
    }
}
