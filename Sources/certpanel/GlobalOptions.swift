import ArgumentParser
import Foundation
import PanelModel
import PanelStore

/// `--db`, `--as` and `--json`, accepted by every command.
struct GlobalOptions: ParsableArguments {
    @Option(name: .customLong("db"), help: ArgumentHelp("The database: a SQLite file, or postgresql://user@host:port/dbname.", valueName: "path-or-url"))
    var databasePath: String?

    @Option(name: .customLong("as"), help: ArgumentHelp("Who is acting: customer:ID, reseller:ID or operator.", valueName: "principal"))
    var principalText: String?

    @Flag(name: .customLong("json"), help: "Machine-readable output.")
    var json = false

    /// The database: `--db`, else `$CERTPANEL_DB`, else `certpanel.sqlite` in the XDG data directory.
    /// A file path or a `postgresql://` URL; any other URL is refused (exit 2) rather than taken for a path.
    func resolvedDatabasePath(defaultName: String = "certpanel.sqlite") throws -> String {
        if let databasePath { return try Self.checkedDatabasePath(databasePath) }
        if let fromEnvironment = ProcessInfo.processInfo.environment["CERTPANEL_DB"], !fromEnvironment.isEmpty {
            return try Self.checkedDatabasePath(fromEnvironment)
        }
        return DataDirectory.path(for: defaultName)
    }

    /// The database, for a command that runs and exits (`.oneShot`) unless it is a panel
    /// session (`.session`).
    func openDatabase(_ access: PanelDatabase.Access = .oneShot) throws -> PanelDatabase {
        try PanelDatabase(path: try resolvedDatabasePath(), access: access)
    }

    /// Refuses a URL other than PostgreSQL's (`mysql://…`): opened as a path it would
    /// silently become directories and a new SQLite file.
    static func checkedDatabasePath(_ path: String) throws -> String {
        if PanelDatabase.isPostgresURL(path) { return path }
        if let schemeEnd = path.range(of: "://") {
            let scheme = path[..<schemeEnd.lowerBound]
            if let first = scheme.unicodeScalars.first, ("a"..."z").contains(first) || ("A"..."Z").contains(first),
               scheme.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "+-.".unicodeScalars.contains($0)) }) {
                throw PanelError.invalidInput("--db takes the path of a SQLite file or a postgresql:// URL, not \(scheme)://…: other database servers are not supported. Give a file path such as /var/lib/certpanel/certpanel.sqlite, or postgresql://user@host:5432/certpanel.")
            }
        }
        return path
    }

    /// The acting principal; scriptable commands refuse to guess it.
    func principal() throws -> Principal {
        guard let principalText else {
            throw PanelError.invalidInput("say who is acting with --as customer:ID, reseller:ID or operator (for example --as customer:100001)")
        }
        return try Principal(parsing: principalText)
    }

    static let valueOptions: Set<String> = ["--db", "--as"]
    static let flagOptions: Set<String> = ["--json"]

    /// Moves global options written before the subcommand (`certpanel --as operator orders
    /// search x`) to the end, where the subcommand that declares them parses them.
    /// Everything after `--` is left alone.
    static func hoist(_ arguments: [String]) -> [String] {
        var rest: [String] = []
        var globals: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "--" {
                rest.append(contentsOf: arguments[index...])
                break
            }
            let name = argument.split(separator: "=", maxSplits: 1).first.map(String.init) ?? argument
            if valueOptions.contains(name) {
                globals.append(argument)
                if !argument.contains("="), index + 1 < arguments.count {
                    globals.append(arguments[index + 1])
                    index += 1
                }
            } else if flagOptions.contains(argument) {
                globals.append(argument)
            } else {
                rest.append(argument)
            }
            index += 1
        }
        if let separator = rest.firstIndex(of: "--") {
            rest.insert(contentsOf: globals, at: separator)
            return rest
        }
        return rest + globals
    }
}

enum DataDirectory {
    /// `$XDG_DATA_HOME/certpanel/NAME`, or `~/.local/share/certpanel/NAME`.
    static func path(for name: String) -> String {
        let environment = ProcessInfo.processInfo.environment
        let base: String
        if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") {
            base = xdg
        } else {
            base = (environment["HOME"] ?? NSHomeDirectory()) + "/.local/share"
        }
        return base + "/certpanel/" + name
    }
}
