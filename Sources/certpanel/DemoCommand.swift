import ArgumentParser
import Foundation
import PanelModel
import PanelScreens
import PanelStore

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Seed a fresh demo world into its own database file and open it.",
        discussion: "Uses demo.sqlite in the XDG data directory unless --db is given; the file is replaced each time unless --keep is given.")
    @OptionGroup var global: GlobalOptions
    @Flag(help: "Reuse the demo database if it exists instead of seeding a new one.") var keep = false
    @OptionGroup var terminal: TerminalOptions

    func run() throws {
        let path = try global.resolvedDatabasePath(defaultName: "demo.sqlite")
        let exists = FileManager.default.fileExists(atPath: path)
        if exists && !keep {
            guard path.hasSuffix(".sqlite") || global.databasePath == nil else {
                throw PanelError.invalidInput("\(path) exists and does not end in .sqlite; refusing to replace it (use --keep to open it as it is)")
            }
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
        let database = try PanelDatabase(path: path)
        if try database.isEmpty() {
            let summary = try DemoSeeder.seed(database)
            DemoSeeder.describe(summary, database: database)
        }
        if isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1 {
            let session = PanelSession(database: database, principal: try global.principalText.map(Principal.init(parsing:)))
            session.allowsLocalFiles = true
            session.detectDemoWorld()   // the login screen shows the demo logins (--keep may open any file)
            try TerminalFront.run(session: session, options: terminal)
            return
        }
        Output.line("")
        Output.line("Open it in a terminal with `certpanel demo --keep --db \(path)` (log in as alice@example.com, password \(DemoWorld.password)), or try the command line:")
        Output.line("  certpanel --db \(path) --as customer:\(DemoWorld.alice) orders search bakery")
        Output.line("  certpanel --db \(path) --as customer:\(DemoWorld.alice) orders show 1001")
        Output.line("  certpanel --db \(path) --as reseller:1 orders search example.com")
    }
}

