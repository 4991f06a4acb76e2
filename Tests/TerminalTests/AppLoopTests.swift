import Testing
@testable import Terminal

/// A small screen with a list and a text field, enough to drive the loop.
struct ListScreen: Screen {
    var title: String
    var items: [String]
    var state = TableState()
    var field = TextField(placeholder: "Filter")
    var editing = false
    var log: [String] = []
    var lastContext: ScreenContext?

    init(title: String, items: [String]) {
        self.title = title
        self.items = items
    }

    var keyMap: KeyMap {
        KeyMap([
            KeyBinding([.down, .char("j")], label: "Down", description: "Next item", action: "down"),
            KeyBinding([.up, .char("k")], label: "Up", description: "Previous item", action: "up"),
            KeyBinding(.enter, label: "Open", description: "Open the item", action: "open", keyText: "⏎"),
            KeyBinding(.char("/"), label: "Filter", description: "Type to filter", action: "filter"),
            KeyBinding(.char("l"), label: "Load", description: "Load data", action: "load", showInFooter: false),
        ])
    }

    var capturesText: Bool { editing }

    mutating func update(_ event: ScreenEvent, context: ScreenContext) -> [Effect] {
        lastContext = context
        switch event {
        case .appear: log.append("appear")
        case .action("down"): _ = state.handle(.down, count: items.count, pageSize: context.size.height - 1)
        case .action("up"): _ = state.handle(.up, count: items.count, pageSize: context.size.height - 1)
        case .action("open"):
            if editing { editing = false; return [.toast(Toast("Filter: \(field.text)", kind: .info))] }
            return [.push(ListScreen(title: items[state.selected], items: ["a", "b"]))]
        case .action("filter"): editing = true
        case .action("load"): return [.run({ "loaded 3" })]
        case .message(let m): log.append("message \(m)")
        case .input(.key(.escape)) where editing: editing = false
        case .input(let e):
            if editing { _ = field.handle(e) } else { log.append("input \(e)") }
        default: break
        }
        return []
    }

    func view(into buffer: inout Buffer, area: Rect, context: ViewContext) {
        let (top, rest) = area.splitTop(1)
        field.render(into: &buffer, area: top, theme: context.theme, focused: editing)
        Table(columns: [TableColumn(context.isCompact ? "Item (compact)" : "Item")])
            .render(into: &buffer, area: rest, data: ArrayTableData(items.map { TableRow([$0]) }), state: state, theme: context.theme)
    }
}

@Suite("App loop")
struct AppLoopTests {
    func makeApp(size: Size = Size(width: 60, height: 12)) -> App {
        App(root: ListScreen(title: "Orders", items: ["example.com", "日本語.jp", "test.org"]), size: size)
    }

    @Test(arguments: [Size(width: 0, height: 0), Size(width: 1, height: 1), Size(width: 39, height: 9),
                      Size(width: 40, height: 9), Size(width: 2, height: 30), Size(width: 300, height: 1)])
    func tinySizesNeverCrashAndShowTheNotice(size: Size) throws {
        let backend = MemoryBackend(size: size, events: [.key(.down), .key(.char("?")), .paste("x"),
                                                         .mouse(MouseEvent(kind: .press, button: .left, x: 0, y: 0))])
        let reason = try makeApp(size: size).run(on: backend)
        #expect(reason == .inputClosed)
        let frame = try #require(backend.lastFrame)
        #expect(frame.size == size)
        if size.width >= 20 && size.height >= 1 {
            #expect(frame.lines.joined(separator: " ").contains("too small"))
            #expect(frame.lines.joined(separator: " ").contains("40x10"))
        }
        if size == Size(width: 1, height: 1) { #expect(frame.lines == ["T"]) }
        if size == .zero { #expect(frame.lines.isEmpty) }
    }

    @Test func resizeAcrossTheMinimumSwitchesLayout() throws {
        let backend = MemoryBackend(size: Size(width: 39, height: 9), events: [.resize(width: 100, height: 30), .resize(width: 60, height: 12)])
        let app = makeApp()
        try app.run(on: backend)
        #expect(backend.frames.count == 3)
        #expect(backend.frames[0].lines.joined().contains("too small"))
        #expect(backend.frames[1].lines[0].hasPrefix(" CertPanel › Orders"))
        #expect(!backend.frames[1].lines.joined().contains("compact"))
        #expect(backend.frames[2].lines.joined().contains("Item (compact)"))
        #expect(app.isCompact)
    }

    @Test func keysGoThroughTheScreensKeyMapThenGlobals() {
        let app = makeApp()
        app.handle(.key(.char("j")))
        app.handle(.key(.char("x")))
        let screen = app.stack.last as! ListScreen
        #expect(screen.state.selected == 1)
        #expect(screen.log.contains("input key(x)"))
        app.handle(.key(.char("q")))
        #expect(!app.isRunning)
    }

    @Test func ctrlCQuits() {
        let app = makeApp()
        app.handle(.key(.ctrl("c")))
        #expect(!app.isRunning)
    }

    @Test func textCaptureSendsPrintableKeysToTheScreen() {
        let app = makeApp()
        app.handle(.key(.char("/")))
        for c in "q?j" { app.handle(.key(.char(c))) }
        #expect(app.isRunning)
        #expect(app.help == nil)
        var screen = app.stack.last as! ListScreen
        #expect(screen.field.text == "q?j")
        #expect(screen.state.selected == 0)
        app.handle(.paste("x\ny"))
        screen = app.stack.last as! ListScreen
        #expect(screen.field.text == "q?jxy")
        #expect(screen.editing)                       // the pasted newline did not submit
        let frame = app.render()
        #expect(frame.cursor == Point(x: 5, y: 1))
        // While typing, the footer lists only keys that still work (not j, /, q, ?): F1 opens
        // the help, since ? is text.
        let footer = frame.lines[11]
        #expect(footer.contains("⏎ Open"))
        #expect(footer.contains("F1 Help"))
        #expect(!footer.contains("?/F1"))
        #expect(!footer.contains("Filter"))
        #expect(!footer.contains("Quit"))
        app.handle(.key(.function(1)))
        #expect(app.help != nil)
        app.handle(.key(.escape))
        #expect(app.help == nil)
        #expect((app.stack.last as! ListScreen).field.text == "q?jxy")
        app.handle(.key(.enter))
        #expect(app.toast == Toast("Filter: q?jxy", kind: .info))
    }

    @Test func pushPopAndBreadcrumb() {
        let app = makeApp()
        app.handle(.key(.down))
        app.handle(.key(.enter))
        #expect(app.stack.count == 2)
        #expect(app.render().lines[0].hasPrefix(" CertPanel › Orders › 日本語.jp"))
        app.handle(.key(.escape))
        #expect(app.stack.count == 1)
        #expect((app.stack.last as! ListScreen).log.filter { $0 == "appear" }.count == 2)
        app.handle(.key(.escape))                     // Esc on the root does not quit
        #expect(app.isRunning)
    }

    @Test func footerAndHelpComeFromTheSameBindings() {
        let app = makeApp(size: Size(width: 80, height: 24))
        let footer = app.render().lines[23]
        #expect(footer.contains("↓/j Down"))
        #expect(footer.contains("⏎ Open"))
        #expect(footer.contains("?/F1 Help"))
        #expect(footer.contains("q Quit"))            // on the first screen q quits
        #expect(!footer.contains("Load"))             // showInFooter: false
        app.handle(.key(.char("?")))
        let text = app.render().lines.joined(separator: "\n")
        #expect(text.contains("Next item"))
        #expect(text.contains("Load data"))           // help lists every key
        #expect(text.contains("Show all keys"))
        app.handle(.key(.char("j")))                  // scrolls the overlay, not the list
        #expect((app.stack.last as! ListScreen).state.selected == 0)
        app.handle(.key(.escape))
        #expect(app.help == nil)
    }

    @Test func runEffectDeliversItsResultAsAMessage() {
        let app = makeApp()
        app.handle(.key(.char("l")))
        #expect((app.stack.last as! ListScreen).log.last == "message loaded 3")
    }

    @Test func toastExpiresAfterItsDuration() {
        nonisolated(unsafe) var clock = ContinuousClock.now
        let app = App(root: ListScreen(title: "Orders", items: ["a"]), size: Size(width: 60, height: 12), now: { clock })
        app.run([.toast(Toast("Saved", kind: .ok))])
        #expect(app.render().lines[11].hasSuffix("✓ Saved "))      // on the footer's status end
        #expect(!app.render().lines[10].contains("Saved"))         // never over the content
        clock = clock.advanced(by: .seconds(4))
        #expect(app.render().lines[11].contains("Saved") == false)
        #expect(app.toast == nil)
    }

    @Test func fullFrameGolden() {
        for size in [Size(width: 80, height: 24), Size(width: 44, height: 10)] {
            let app = makeApp(size: size)
            app.handle(.key(.down))
            app.run([.toast(Toast("Order saved", kind: .ok))])
            Golden.check(app.render(), named: "app-\(size)")
        }
    }
}

@Suite("App exit reasons")
struct AppExitTests {
    @Test func signalEndsTheLoopWithItsReason() throws {
        let backend = MemoryBackend(size: Size(width: 60, height: 12), script: [[.key(.down)]], finalReason: .signal(1))
        let app = App(root: ListScreen(title: "Orders", items: ["a", "b"]))
        #expect(try app.run(on: backend) == .signal(1))
        #expect(backend.frames.count == 2)
    }

    @Test func quitEndsTheLoopBeforeLaterInput() throws {
        let backend = MemoryBackend(size: Size(width: 60, height: 12), script: [[.key(.char("q")), .key(.down)], [.key(.down)]])
        let app = App(root: ListScreen(title: "Orders", items: ["a", "b"]))
        #expect(try app.run(on: backend) == .quit)
        #expect(backend.script.count == 1)               // the second batch was never read
        #expect((app.stack.last as! ListScreen).state.selected == 0)
    }

    @Test func noColourBackendDrawsWithAttributesOnly() throws {
        let backend = MemoryBackend(size: Size(width: 60, height: 12), colorDepth: .none, script: [])
        try App(root: ListScreen(title: "Orders", items: ["a", "b"])).run(on: backend)
        let frame = try #require(backend.lastFrame)
        #expect(frame.cells.allSatisfy { $0.style.foreground == .default && $0.style.background == .default })
        #expect(frame[0, 0].style.attributes.contains(.reverse))   // header still stands out
    }
}
