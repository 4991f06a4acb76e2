import ArgumentParser
import Foundation
import PanelModel
import PanelStore

/// `certpanel reminders show|set`: a reseller's expiry reminder days (issue 16).
struct RemindersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reminders",
        abstract: "The days before a certificate expires on which its customer is reminded (default 30,14,7,1).",
        discussion: """
            jobs run sends each reminder once: for a reissue while the subscription runs on, or for the renewal at \
            its end (whose 30-day notice with the invoice is the first reminder). A reseller reads and sets its own \
            days and those of its sub-resellers; operators any reseller's (--reseller).
            """,
        subcommands: [Show.self, Set.self])

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Print a reseller's reminder days.")
        @OptionGroup var global: GlobalOptions
        @Option(help: ArgumentHelp("The reseller (default: the one acting).", valueName: "id")) var reseller: Int64?

        func run() throws {
            let principal = try global.principal()
            let id = try RemindersCommand.reseller(reseller, principal)
            let days = try global.openDatabase().expiryReminderDays(reseller: id, for: principal)
            if global.json { return try Output.json(["reseller": id.description, "days": days.text]) }
            Output.line("Reseller \(id): reminders \(days.days.map { "\($0)" }.joined(separator: ", ")) days before expiry.")
        }
    }

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "set", abstract: "Change a reseller's reminder days (audited).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("Days before expiry, comma-separated, each 1 to 365 (e.g. 30,14,7,1).", valueName: "days")) var days: String
        @Option(help: ArgumentHelp("The reseller (default: the one acting).", valueName: "id")) var reseller: Int64?

        func run() throws {
            let principal = try global.principal()
            let id = try RemindersCommand.reseller(reseller, principal)
            let parsed = try ExpiryReminderDays(parsing: days)
            let transaction = try global.openDatabase().setExpiryReminderDays(parsed, reseller: id, by: principal, now: Date())
            if global.json { return try Output.json(["reseller": id.description, "days": parsed.text, "transactionID": transaction]) }
            Output.line("Reseller \(id): reminders now \(parsed.days.map { "\($0)" }.joined(separator: ", ")) days before expiry (transaction \(transaction)).")
        }
    }

    static func reseller(_ given: Int64?, _ principal: Principal) throws -> ResellerID {
        if let given { return ResellerID(given) }
        switch principal {
        case .reseller(let id): return id
        case .operator: throw PanelError.invalidInput("An operator names the reseller: --reseller ID.")
        case .customer: throw PanelError.refused("Only a reseller or an operator can read or change the expiry reminder days.")
        }
    }
}
