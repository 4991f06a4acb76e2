import Foundation
import Testing
@testable import Terminal

/// A form-like screen: a text field that makes it hold unsaved input, jobs to start, and a
/// log of everything it received.
struct FormScreen: Screen {
    var title = "Form"
    var field = TextField()
    var log: [String] = []
    var job: Job?

    var keyMap: KeyMap {
        KeyMap([
            KeyBinding(.enter, label: "Save", description: "Save the form", action: "save"),
            KeyBinding(.ctrl("l"), label: "Load", description: "Load the data", action: "load", showInFooter: false),
        ])
    }
    var capturesText: Bool { true }
    var unsavedInput: String? { field.text.isEmpty ? nil : "What you typed in the form will be lost." }

    mutating func update(_ event: ScreenEvent, context: ScreenContext) -> [Effect] {
        switch event {
        case .appear: log.append("appear")
        case .refresh: log.append("refresh")
        case .action(let action):
            log.append("action \(action)")
            if action == "load", let job { return [.perform(job)] }
        case .message(let m): log.append("message \(m)")
        case .input(let e): _ = field.handle(e)
        }
        return []
    }

    func view(into buffer: inout Buffer, area: Rect, context: ViewContext) {
        field.render(into: &buffer, area: area.row(0), theme: context.theme, focused: true)
    }
}

/// Opens and closes like a gate, for jobs that must still be running when the test acts.
final class Gate: @unchecked Sendable {
    private let semaphore = DispatchSemaphore(value: 0)
    func wait() { semaphore.wait() }
    func open() { semaphore.signal() }
}

@Suite("App interaction model")
struct AppInteractionTests {
    func makeApp(execution: JobExecution = .inline, now: @escaping () -> ContinuousClock.Instant = { .now }) -> App {
        App(root: ListScreen(title: "Orders", items: ["a", "b", "c"]), size: Size(width: 60, height: 12), execution: execution, now: now)
    }

    func form(_ app: App) -> FormScreen { app.stack.last as! FormScreen }

    @Test func qGoesBackOnEveryScreenButTheFirst() {
        let app = makeApp()
        app.handle(.key(.enter))                          // push an item screen
        #expect(app.stack.count == 2)
        #expect(app.render().lines[11].contains("q Back"))
        app.handle(.key(.char("q")))
        #expect(app.stack.count == 1)
        #expect(app.isRunning)
        #expect(app.render().lines[11].contains("q Quit"))
        app.handle(.key(.char("q")))
        #expect(!app.isRunning)
    }

    @Test func leavingAFormWithInputAsksFirst() {
        let app = makeApp()
        app.run([.push(FormScreen())])
        for c in "typed" { app.handle(.key(.char(c))) }
        app.handle(.key(.escape))
        #expect(app.leaveQuestion != nil)
        #expect(app.render().lines.joined().contains("What you typed in the form will be lost."))
        app.handle(.key(.enter))                          // "Keep editing" has the focus
        #expect(app.leaveQuestion == nil)
        #expect(form(app).field.text == "typed")
        app.run([.leave])                                 // the screen's own Cancel asks too
        #expect(app.leaveQuestion != nil)
        app.handle(.key(.left))
        app.handle(.key(.enter))                          // Discard
        #expect(app.stack.count == 1)
        #expect(app.isRunning)
    }

    @Test func anEmptyFormLeavesWithoutAQuestion() {
        let app = makeApp()
        app.run([.push(FormScreen())])
        app.handle(.key(.escape))
        #expect(app.leaveQuestion == nil)
        #expect(app.stack.count == 1)
    }

    @Test func ctrlCQuitsEvenWithInputAndFromTheQuestion() {
        let app = makeApp()
        app.run([.push(FormScreen())])
        app.handle(.key(.char("x")))
        app.handle(.key(.escape))
        #expect(app.leaveQuestion != nil)
        app.handle(.key(.ctrl("c")))
        #expect(!app.isRunning)
    }

    @Test func nothingButResizeAndQuitActsWhileTooSmall() {
        let app = makeApp()
        app.handle(.resize(width: 30, height: 8))
        #expect(app.isTooSmall)
        app.handle(.key(.down))
        app.handle(.key(.enter))
        app.handle(.paste("x"))
        app.handle(.key(.char("q")))
        #expect(app.stack.count == 1)
        #expect(app.isRunning)
        #expect((app.stack.last as! ListScreen).state.selected == 0)
        #expect(app.render().lines.joined(separator: " ").contains("Ctrl-C to quit"))
        app.handle(.resize(width: 60, height: 12))
        app.handle(.key(.down))
        #expect((app.stack.last as! ListScreen).state.selected == 1)
        app.handle(.resize(width: 30, height: 8))
        app.handle(.key(.ctrl("c")))
        #expect(!app.isRunning)
    }

    @Test func backgroundJobsNeverBlockTyping() {
        let app = makeApp(execution: .background)
        let gate = Gate()
        var screen = FormScreen()
        screen.job = Job(key: "load") { gate.wait(); return "rows" }
        app.run([.push(screen)])
        app.handle(.key(.ctrl("l")))
        #expect(app.jobsInFlight == 1)
        for c in "abc" { app.handle(.key(.char(c))) }   // handled while the job waits
        #expect(form(app).field.text == "abc")
        #expect(!form(app).log.contains("message rows"))
        gate.open()
        #expect(app.settle())
        #expect(form(app).log.last == "message rows")
        #expect(app.jobsInFlight == 0)
    }

    @Test func aKeyedJobReplacesTheStaleOneAndCancelsIt() {
        let app = makeApp(execution: .background)
        let gate = Gate()
        let cancelled = Gate()
        var screen = FormScreen()
        screen.job = Job(key: "load") {
            gate.wait()
            if Task.isCancelled { cancelled.open() }
            return "stale"
        }
        app.run([.push(screen)])
        app.handle(.key(.ctrl("l")))
        var fresh = form(app)
        fresh.job = Job(key: "load") { "fresh" }
        app.run([.pop, .push(fresh)])                      // a new screen: its own jobs
        app.handle(.key(.ctrl("l")))
        gate.open()
        cancelled.wait()                                   // popping cancelled the keyed job
        #expect(app.settle())
        #expect(form(app).log.filter { $0.hasPrefix("message") } == ["message fresh"])
    }

    @Test func aResultReachesOnlyTheScreenThatAsked() {
        let app = makeApp(execution: .background)
        let gate = Gate()
        var screen = FormScreen()
        screen.job = Job { gate.wait(); return "late" }
        app.run([.push(screen)])
        app.handle(.key(.ctrl("l")))
        app.run([.push(FormScreen(title: "Other"))])
        gate.open()
        #expect(app.settle())
        #expect(!form(app).log.contains("message late"))
    }

    /// Loads on appear, in a job, and shows what it got.
    struct LoadingScreen: Screen {
        let done: Gate
        var text = "Loading…"
        var title: String { "Loader" }
        var keyMap: KeyMap { KeyMap([]) }
        mutating func update(_ event: ScreenEvent, context: ScreenContext) -> [Effect] {
            switch event {
            case .appear:
                let done = done
                return [.run { defer { done.open() }; return "rows loaded" }]
            case .message(let m as String): text = m
            default: break
            }
            return []
        }
        func view(into buffer: inout Buffer, area: Rect, context: ViewContext) {
            buffer.write(text, in: area.row(0), style: context.theme[.text])
        }
    }

    @Test func theFirstFrameShowsWhatLoadedBeforeTheLoopStarted() throws {
        let done = Gate()
        let app = App(root: LoadingScreen(done: done), size: Size(width: 60, height: 12), execution: .background)
        done.wait()                                        // the first screen's load finished before run
        Thread.sleep(forTimeInterval: 0.01)                // …and posted its result
        let backend = MemoryBackend(size: Size(width: 60, height: 12), script: [[]])
        try app.run(on: backend)
        #expect(backend.frames.first?.lines[1].contains("rows loaded") == true)
    }

    @Test func theBusyMarkShowsOnlyAfterTheDelay() {
        nonisolated(unsafe) var clock = ContinuousClock.now
        let app = makeApp(execution: .background, now: { clock })
        let gate = Gate()
        var screen = FormScreen()
        screen.job = Job { gate.wait(); return "done" }
        app.run([.push(screen)])
        app.handle(.key(.ctrl("l")))
        #expect(!app.render().lines[11].contains("working"))
        clock = clock.advanced(by: .milliseconds(150))
        #expect(app.isBusy)
        #expect(app.render().lines[11].contains("working"))
        gate.open()
        #expect(app.settle())
        #expect(!app.render().lines[11].contains("working"))
    }

    @Test func aDataChangeOrCtrlRRefreshesTheTopScreen() {
        nonisolated(unsafe) var clock = ContinuousClock.now
        nonisolated(unsafe) var changed = false
        let app = makeApp(now: { clock })
        app.changeCheck = { defer { changed = false }; return changed }
        app.run([.push(FormScreen())])
        app.checkForChanges()
        #expect(!form(app).log.contains("refresh"))
        changed = true
        app.checkForChanges()                              // within the interval: not asked
        #expect(!form(app).log.contains("refresh"))
        clock = clock.advanced(by: .seconds(2))
        app.checkForChanges()
        #expect(form(app).log.filter { $0 == "refresh" }.count == 1)
        app.handle(.key(.ctrl("r")))
        #expect(form(app).log.filter { $0 == "refresh" }.count == 2)
    }

    @Test func theFooterSaysWhenTheScreenLoadedWhereThereIsRoom() {
        nonisolated(unsafe) var wall = Date(timeIntervalSince1970: 0)
        let app = App(root: FormScreen(), size: Size(width: 60, height: 12))
        #expect(!app.render().lines[11].contains("loaded"))        // off unless asked for
        app.loadTimeText = { "t+\(Int($0.timeIntervalSince1970))" }
        app.wallClock = { wall }
        wall = Date(timeIntervalSince1970: 42)
        app.handle(.key(.ctrl("r")))
        app.run([])
        #expect(app.render().lines[11].contains("Reloaded"))       // the toast first
        let list = App(root: ListScreen(title: "Orders", items: ["a"]), size: Size(width: 100, height: 12))
        list.loadTimeText = { _ in "12:00:00" }
        #expect(list.render().lines[11].hasSuffix(" loaded 12:00:00 "))
        list.handle(.resize(width: 60, height: 12))                 // no room beside the hints
        #expect(!list.render().lines[11].contains("loaded"))
        #expect(list.render().lines[11].contains("?/F1 Help"))
    }

    @Test func thePaletteRunsWhatTheKeyWould() {
        let app = makeApp()
        app.handle(.key(.char(":")))
        #expect(app.palette != nil)
        #expect(app.render().lines.joined().contains("Commands"))
        for c in "load data" { app.handle(.key(.char(c))) }
        #expect(app.palette?.matches.map(\.label) == ["Load"])
        app.handle(.key(.enter))
        #expect(app.palette == nil)
        #expect((app.stack.last as! ListScreen).log.last == "message loaded 3")
        app.handle(.key(.ctrl("p")))
        for c in "zzz" { app.handle(.key(.char(c))) }
        #expect(app.render().lines.joined().contains("No command matches"))
        app.handle(.key(.escape))
        #expect(app.palette == nil)
        #expect(app.isRunning)
    }

    @Test func thePaletteOffersGlobalsAndOpensHelp() {
        let app = makeApp()
        app.handle(.key(.ctrl("p")))
        let labels = app.palette?.matches.map(\.label) ?? []
        #expect(labels.contains("Help"))
        #expect(labels.contains("Quit"))
        #expect(!labels.contains("Commands"))
        for c in "help" { app.handle(.key(.char(c))) }
        app.handle(.key(.enter))
        #expect(app.help != nil)
    }
}
