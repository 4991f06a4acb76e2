import Foundation

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
    /// A job running longer than this shows the busy mark.
    public var busyDelay: Duration
    /// How often an idle loop asks `changeCheck` whether the data changed.
    public var changeCheckInterval: Duration

    public init(appName: String = "CertPanel", minimumSize: Size = Size(width: 40, height: 10),
                compactBelow: Size = Size(width: 80, height: 24), toastDuration: Duration = .seconds(3),
                globalKeys: KeyMap = AppConfiguration.defaultGlobalKeys, busyDelay: Duration = .milliseconds(100),
                changeCheckInterval: Duration = .seconds(1)) {
        self.appName = appName
        self.minimumSize = minimumSize
        self.compactBelow = compactBelow
        self.toastDuration = toastDuration
        self.globalKeys = globalKeys
        self.busyDelay = busyDelay
        self.changeCheckInterval = changeCheckInterval
    }

    public static let helpAction: ActionID = "app.help"
    public static let quitAction: ActionID = "app.quit"
    public static let backAction: ActionID = "app.back"
    public static let backOrQuitAction: ActionID = "app.backOrQuit"
    public static let refreshAction: ActionID = "app.refresh"
    public static let paletteAction: ActionID = "app.palette"

    /// Esc and `q` go back (only the first screen quits on `q`); Ctrl-C always quits.
    public static let defaultGlobalKeys = KeyMap([
        KeyBinding(.escape, label: "Back", description: "Go back to the previous screen", action: backAction, showInFooter: false),
        KeyBinding(.char("q"), label: "Back", description: "Go back (quits on the first screen)", action: backOrQuitAction),
        KeyBinding(.ctrl("c"), label: "Quit", description: "Quit CertPanel from any screen", action: quitAction, showInFooter: false),
        KeyBinding(.ctrl("r"), label: "Reload", description: "Reload what the screen shows", action: refreshAction, showInFooter: false),
        KeyBinding([.char(":"), .ctrl("p")], label: "Commands", description: "Command palette: every action of this screen, filtered as you type",
                   action: paletteAction, showInFooter: false, keyText: ":/Ctrl-P"),
        KeyBinding([.char("?"), .function(1)], label: "Help", description: "Show all keys", action: helpAction, keyText: "?/F1"),
    ])
}

/// The run loop (bubbletea style): input → `Screen.update` → effects → `Screen.view` → backend.
/// Holds the screen stack and draws the chrome (header with breadcrumb, footer with key hints,
/// toasts, help overlay, command palette, leave question, too-small notice). The loop itself is
/// single-threaded and not Sendable; `Effect.perform` jobs run in worker tasks (or inline in
/// tests) and come back as messages.
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
    /// One identity per stack entry, so a job's result reaches the screen that asked.
    private var stackIDs: [Int]
    private var nextScreenID = 0
    public var theme: Theme
    public var configuration: AppConfiguration
    public private(set) var size: Size
    public private(set) var isRunning = true
    public private(set) var help: HelpOverlay?
    public private(set) var palette: CommandPalette?
    /// The "discard what you typed?" question, and what happens on Discard.
    public private(set) var leaveQuestion: (dialog: Dialog, quits: Bool)?
    public private(set) var toast: Toast?
    private var toastDeadline: ContinuousClock.Instant?
    private let now: () -> ContinuousClock.Instant

    public let execution: JobExecution
    private let mailbox = JobMailbox()
    private var running: [Int: RunningJob] = [:]
    private var nextJobID = 0

    /// Asked on an idle tick (and never more often than `changeCheckInterval`): true when the
    /// data changed since the last call. The top screen then gets `.refresh`; the screens
    /// under it reload when they appear again.
    public var changeCheck: (() -> Bool)?
    private var nextChangeCheck: ContinuousClock.Instant?

    /// When set, the footer says when the screen on top last loaded ("loaded 14:02:11"),
    /// where the key hints leave room. Off by default, so frames in tests and screenshots do
    /// not depend on the time of day.
    public var loadTimeText: ((Date) -> String)?
    public var wallClock: () -> Date = { Date() }
    private var loadedAt: [Int: Date] = [:]

    public init(root: any Screen, theme: Theme = .default, configuration: AppConfiguration = AppConfiguration(),
                size: Size = Size(width: 80, height: 24), execution: JobExecution = .inline,
                now: @escaping () -> ContinuousClock.Instant = { ContinuousClock.now }) {
        self.stack = [root]
        self.stackIDs = [0]
        self.nextScreenID = 1
        self.theme = theme
        self.configuration = configuration
        self.size = size
        self.execution = execution
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

    /// The global keys as they read on this screen: on the first screen `q` says Quit and
    /// Esc is not offered (there is nothing to go back to).
    private var globalKeys: KeyMap {
        guard stack.count == 1 else { return configuration.globalKeys }
        return KeyMap(configuration.globalKeys.bindings.compactMap { binding in
            var binding = binding
            if binding.action == AppConfiguration.backAction { return nil }
            if binding.action == AppConfiguration.backOrQuitAction { binding.label = "Quit"; binding.description = "Quit CertPanel" }
            return binding
        })
    }

    /// The bindings in effect: the screen's, then globals it does not shadow; while the screen
    /// captures text, without the printable keys (they type instead).
    public var activeKeyMap: KeyMap {
        let merged = (stack.last?.keyMap ?? KeyMap([])).merged(with: globalKeys)
        return stack.last?.capturesText == true ? merged.withoutPrintableKeys() : merged
    }

    /// True while a job has run longer than `busyDelay`: the footer shows a quiet mark.
    public var isBusy: Bool {
        let limit = now() - configuration.busyDelay
        return running.values.contains { $0.started <= limit }
    }

    /// Jobs started and not yet delivered (background execution only).
    public var jobsInFlight: Int { running.count }

    // MARK: - Events

    /// Processes one input event completely (dispatch and every resulting effect).
    public func handle(_ event: InputEvent) {
        expireToast()
        if case .resize(let w, let h) = event {
            size = Size(width: w, height: h)
            deliver(.input(event))
            return
        }
        // Below the minimum size nothing acts but resizing and quitting: keys would change
        // what no one can see.
        if isTooSmall {
            if case .key(.ctrl("c")) = event { run([.quit]) }
            return
        }
        switch event {
        case .resize:
            break
        case .key(let key):
            handleKey(key)
        case .paste(let text):
            if palette != nil { _ = palette?.handle(.paste(text)); return }
            if help != nil || leaveQuestion != nil { return }  // modal
            deliver(.input(event))
        case .mouse:
            if help != nil || palette != nil || leaveQuestion != nil { return }
            deliver(.input(event))
        }
    }

    private func handleKey(_ key: Key) {
        if key == .ctrl("c") { run([.quit]); return }
        if var question = leaveQuestion {
            switch question.dialog.handle(.key(key)) {
            case .chosen(0)?:
                leaveQuestion = nil
                if question.quits { run([.quit]) } else { popTop() }
            case .chosen?, .cancelled?:
                leaveQuestion = nil
            case nil:
                leaveQuestion = question
            }
            return
        }
        if var overlay = help {
            switch key {
            case .escape, .char("?"), .char("q"), .enter, .function(1): help = nil
            default:
                _ = overlay.handle(key, visibleRows: max(1, size.height - 3))
                help = overlay
            }
            return
        }
        if var shown = palette {
            switch shown.handle(.key(key)) {
            case .chosen(let binding)?:
                palette = nil
                perform(binding)
            case .cancelled?:
                palette = nil
            case nil:
                palette = shown
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

    /// What a binding chosen in the palette does: the same as its key.
    private func perform(_ binding: KeyBinding) {
        if stack.last?.keyMap.bindings.contains(where: { $0.action == binding.action }) == true {
            deliver(.action(binding.action))
        } else if let key = binding.keys.first {
            perform(appAction: binding.action, key: key)
        }
    }

    private func perform(appAction action: ActionID, key: Key) {
        switch action {
        case AppConfiguration.helpAction: run([.showHelp])
        case AppConfiguration.quitAction: run([.quit])
        case AppConfiguration.backOrQuitAction: stack.count > 1 ? leave() : askThenQuit()
        case AppConfiguration.backAction: if stack.count > 1 { leave() } else { deliver(.input(.key(key))) }
        case AppConfiguration.refreshAction:
            run([.toast(Toast("Reloaded", kind: .info))])
            deliver(.refresh)
        case AppConfiguration.paletteAction:
            let bindings = activeKeyMap.bindings.filter { $0.action != AppConfiguration.paletteAction }
            palette = CommandPalette(bindings: bindings)
        default: deliver(.action(action))  // a custom global: the screen on top handles it
        }
    }

    /// Takes the top screen away, asking first when it holds unsaved input.
    private func leave() {
        guard stack.count > 1 else { return }
        if let question = stack.last?.unsavedInput {
            leaveQuestion = (Dialog(title: "Leave \(stack.last?.title ?? "this screen")?", message: question,
                                    buttons: ["Discard", "Keep editing"], focusedButton: 1), false)
        } else {
            popTop()
        }
    }

    private func askThenQuit() {
        if let question = stack.last?.unsavedInput {
            leaveQuestion = (Dialog(title: "Quit CertPanel?", message: question, buttons: ["Discard", "Keep editing"], focusedButton: 1), true)
        } else {
            run([.quit])
        }
    }

    /// Sends an event to the top screen and runs the effects it returns.
    private func deliver(_ event: ScreenEvent) {
        guard isRunning, !stack.isEmpty else { return }
        let owner = stackIDs[stackIDs.count - 1]
        switch event {
        case .appear, .refresh: loadedAt[owner] = wallClock()
        default: break
        }
        let effects = stack[stack.count - 1].update(event, context: screenContext)
        run(effects, owner: owner)
    }

    /// Runs effects in order, as if the top screen had returned them.
    public func run(_ effects: [Effect]) {
        run(effects, owner: stackIDs.last ?? -1)
    }

    /// Runs effects in order; jobs belong to `owner`. Under inline execution a job's message is
    /// delivered at once, so one key press is handled completely before the next frame.
    private func run(_ effects: [Effect], owner: Int) {
        for effect in effects {
            guard isRunning else { return }
            switch effect {
            case .push(let screen):
                stack.append(screen)
                stackIDs.append(nextScreenID)
                nextScreenID += 1
                deliver(.appear)
            case .pop:
                if stack.count > 1 { popTop() } else { isRunning = false }
            case .leave:
                leave()
            case .replace(let screen):
                cancelJobs(of: stackIDs[stackIDs.count - 1])
                stack[stack.count - 1] = screen
                stackIDs[stackIDs.count - 1] = nextScreenID
                nextScreenID += 1
                deliver(.appear)
            case .popToRoot:
                if stack.count > 1 {
                    for id in stackIDs.dropFirst() { cancelJobs(of: id) }
                    stack.removeSubrange(1...)
                    stackIDs.removeSubrange(1...)
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
                let globals = Array(screenKeys.merged(with: globalKeys).bindings.dropFirst(screenKeys.bindings.count))
                help = HelpOverlay(sections: [
                    .init(title: stack.last?.title ?? "Screen", bindings: screenKeys.bindings),
                    .init(title: "Everywhere", bindings: globals),
                ])
            case .perform(let job):
                start(job, owner: owner)
            case .send(let value):
                deliver(.message(value))
            }
        }
    }

    private func popTop() {
        guard stack.count > 1 else { return }
        cancelJobs(of: stackIDs[stackIDs.count - 1])
        stack.removeLast()
        stackIDs.removeLast()
        deliver(.appear)
    }

    // MARK: - Jobs

    private func start(_ job: Job, owner: Int) {
        if let key = job.key {
            for (id, other) in running where other.screenID == owner && other.key == key {
                other.task?.cancel()
                running[id] = nil
            }
        }
        switch execution {
        case .inline:
            if let result = job.work(), stackIDs.last == owner { deliver(.message(result)) }
        case .background:
            let id = nextJobID
            nextJobID += 1
            let mailbox = mailbox, work = job.work
            let task = Task(executorPreference: JobThreads.shared) {
                let result = work()
                mailbox.post(id: id, result: Task.isCancelled ? nil : result)
            }
            running[id] = RunningJob(screenID: owner, key: job.key, task: task, started: now())
        }
    }

    /// Cancels the keyed jobs (reads made pointless) of a screen that goes away; its other
    /// jobs (writes) finish, and their results are dropped.
    private func cancelJobs(of screenID: Int) {
        for (id, job) in running where job.screenID == screenID {
            if job.key != nil { job.task?.cancel() }
            running[id] = nil
        }
    }

    /// Delivers the results of finished jobs to the screens that asked, if still on top.
    public func deliverFinishedJobs() {
        for (id, result) in mailbox.take() {
            guard let job = running.removeValue(forKey: id) else { continue }  // cancelled or replaced
            if let result, stackIDs.last == job.screenID { deliver(.message(result)) }
        }
    }

    /// Waits (up to `timeout`) until every background job has finished and delivers their
    /// results, including those of jobs the results started. For tests and scripted runs.
    @discardableResult
    public func settle(timeout: Duration = .seconds(10)) -> Bool {
        let deadline = ContinuousClock.now + timeout
        while !running.isEmpty {
            if ContinuousClock.now >= deadline { return false }
            if mailbox.isEmpty { Thread.sleep(forTimeInterval: 0.001) }
            deliverFinishedJobs()
        }
        return true
    }

    /// Asks `changeCheck` when its interval has passed; on a change the top screen reloads.
    public func checkForChanges() {
        guard let changeCheck else { return }
        let current = now()
        if let next = nextChangeCheck, current < next { return }
        nextChangeCheck = current + configuration.changeCheckInterval
        if changeCheck() { deliver(.refresh) }
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
        // The footer's right end is the one status line: a result or error (toast), else the
        // busy mark, else when the screen loaded, each only where the hints leave room.
        if let toast {
            toast.render(into: &buffer, area: footerRow, theme: theme)
        } else if isBusy {
            writeStatus(" ◌ working… ", into: &buffer, row: footerRow)
        } else if let loadTimeText, let id = stackIDs.last, let loaded = loadedAt[id] {
            writeStatus(" loaded \(loadTimeText(loaded)) ", into: &buffer, row: footerRow)
        }
        if let leaveQuestion {
            leaveQuestion.dialog.render(into: &buffer, area: content, theme: theme)
            buffer.cursor = nil
        }
        if let palette {
            palette.render(into: &buffer, area: content, theme: theme)
        }
        if let help {
            help.render(into: &buffer, area: area, theme: theme)
            buffer.cursor = nil
        }
        return buffer
    }

    /// Writes `text` at the right end of the footer if it fits beside the key hints.
    private func writeStatus(_ text: String, into buffer: inout Buffer, row: Rect) {
        var used = row.x
        for x in stride(from: row.maxX - 1, through: row.x, by: -1) where buffer[x, row.y].symbol != " " {
            used = x + 1
            break
        }
        let width = displayWidth(text)
        guard row.maxX - used >= width + 1 else { return }
        buffer.write(text, x: row.maxX - width, y: row.y, style: theme[.footer].patched(with: theme[.muted]), clip: row)
    }

    private func drawTooSmallNotice(into buffer: inout Buffer) {
        let min = configuration.minimumSize
        let message = "Terminal too small (needs \(min.width)x\(min.height), is \(size.width)x\(size.height)). Enlarge it, or press Ctrl-C to quit."
        let lines = TextLayout.wrap(message, width: size.width)
        let top = max(0, (size.height - lines.count) / 2)
        for (i, line) in lines.prefix(size.height).enumerated() {
            buffer.write(line, in: Rect(x: 0, y: top + i, width: size.width, height: 1), style: theme[.warning],
                         alignment: .center)
        }
    }

    // MARK: - Running

    /// How long the loop may wait for input before it has something to do on its own.
    private func nextWakeUp(canBeWoken: Bool) -> Duration? {
        let current = now()
        var deadlines: [ContinuousClock.Instant] = []
        if let toastDeadline { deadlines.append(toastDeadline) }
        if let nextChangeCheck, changeCheck != nil { deadlines.append(nextChangeCheck) }
        if let oldest = running.values.map(\.started).min() {
            let busyAt = oldest + configuration.busyDelay
            if busyAt > current { deadlines.append(busyAt) }
            if !canBeWoken { deadlines.append(current + .milliseconds(10)) }
        }
        return deadlines.min().map { max(.zero, $0 - current) }
    }

    /// Runs until a screen quits, input ends or a termination signal arrives. Draws a frame
    /// after every batch of input and every finished job. Errors thrown by the backend end
    /// the loop and propagate (the ncurses backend restores the terminal in any case).
    @discardableResult
    public func run(on backend: some Backend) throws -> ExitReason {
        size = backend.size
        let waker = backend.waker
        mailbox.setWaker(waker)
        defer {
            mailbox.setWaker(nil)
            for job in running.values { job.task?.cancel() }
        }
        // Without colour (NO_COLOR, TERM=dumb, monochrome terminal) draw with attribute-only
        // styles, so nothing depends on a background colour that will not be shown.
        if backend.colorDepth == .none { theme = theme.withoutColor() }
        deliver(.input(.resize(width: size.width, height: size.height)))
        // The first change check is due one interval from now: until a check has run, no
        // wake-up was planned for it, and a panel nobody typed into never saw changes.
        if changeCheck != nil, nextChangeCheck == nil { nextChangeCheck = now() + configuration.changeCheckInterval }
        while isRunning {
            // Jobs that finished before the waker was set (the first screen's load, started
            // in init) or while the last batch was handled are delivered before drawing.
            deliverFinishedJobs()
            guard isRunning else { break }
            try backend.draw(render())
            let timeout = mailbox.isEmpty ? nextWakeUp(canBeWoken: waker != nil) : .zero
            guard let events = backend.poll(timeout: timeout) else {
                return backend.endReason ?? .inputClosed
            }
            for event in events where isRunning { handle(event) }
            checkForChanges()
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
