import ArgumentParser
import Foundation
import PanelModel
import PanelScreens
import PanelStore
import Terminal

/// Options of the terminal front.
struct TerminalOptions: ParsableArguments {
    @Option(help: ArgumentHelp("A theme: \(Theme.builtinNames.joined(separator: ", ")), or a TOML file path.", valueName: "name|path"))
    var theme = "default"

    @Flag(name: .customLong("no-mouse"), help: "Do not capture the mouse (the terminal keeps its own text selection).")
    var noMouse = false
}

struct TUICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tui",
        abstract: "Open the terminal panel on a database.",
        discussion: "Without --as it starts at the login screen; with --as it opens that principal's orders.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var terminal: TerminalOptions

    func run() throws {
        let database = try global.openDatabase(.session)
        let principal = try global.principalText.map(Principal.init(parsing:))
        let session = PanelSession(database: database, principal: principal)
        session.allowsLocalFiles = true   // a local terminal: the files are the user's own
        session.detectDemoWorld()
        try TerminalFront.run(session: session, options: terminal)
    }
}

/// Runs the screens on the real terminal through ncurses.
enum TerminalFront {
    static func run(session: PanelSession, options: TerminalOptions) throws {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            throw PanelError.invalidInput("the terminal panel needs a terminal; use the scriptable commands (certpanel orders …) from scripts")
        }
        let (theme, themeError) = Theme.loadOrFallback(nameOrPath: options.theme)
        if let themeError {
            Output.error("\(themeError) — using no colours instead")
        }
        // Database work runs off the UI loop, so typing never waits for a query.
        let app = App(root: session.rootScreen(), theme: theme, execution: .background)
        // Screens reload when anyone writes (another session, a command, a job).
        app.loadTimeText = DayText.localTime   // no ICU: the session's memory stays within its budget
        if let watcher = try? session.database.changeWatcher() {
            app.changeCheck = { (try? watcher.hasChanged()) ?? true }
        }
        do {
            try NcursesBackend.run(options: NcursesOptions(mouse: !options.noMouse)) { backend in
                app.theme = theme.adapted(to: backend.colorDepth)
                try app.run(on: backend)
            }
        } catch let error as TerminalError {
            throw PanelError.invalidInput("cannot open the terminal: \(error)")
        }
    }
}
