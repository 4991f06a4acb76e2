import ArgumentParser
import Foundation
import PanelModel
import PanelStore

/// Entry point: hoists the global options, runs the command, and maps every error to
/// the documented exit codes (0 ok, 1 refused by a rule, 2 bad usage or input, 3 not found,
/// 4 internal error: a plain message with an incident ID, the detail in the log).
@main
enum Main {
    static func main() {
        let arguments = GlobalOptions.hoist(Array(CommandLine.arguments.dropFirst()))
        do {
            var command = try CertPanel.parseAsRoot(arguments)
            LogDestination.bootstrap(interactive: command is TUICommand || command is SessionCommand || command is DemoCommand)
            do {
                try command.run()
            } catch let error where !(error is PanelError) && !Self.isArgumentParserOutcome(error) {
                throw Incident.report(error, during: "certpanel \(type(of: command).configuration.commandName ?? "")")
            }
        } catch let error as PanelError {
            Output.error(error.message)
            exit(error.exitCode)
        } catch {
            let code = CertPanel.exitCode(for: error)
            let message = CertPanel.fullMessage(for: error)
            if code == .success {
                if !message.isEmpty { print(message) }
                exit(0)
            }
            if !message.isEmpty { Output.error(message) }
            // ArgumentParser reports usage errors as 64 (EX_USAGE); ours is 2.
            exit(code == .validationFailure ? 2 : code.rawValue)
        }
    }

    /// Errors that are ArgumentParser's way of ending a command (an exit code, `--help`, a
    /// validation message) rather than a failure. `certpanel help` throws one of its internal
    /// types, hence the module name.
    static func isArgumentParserOutcome(_ error: any Error) -> Bool {
        error is ExitCode || error is CleanExit || error is ValidationError
            || String(reflecting: type(of: error)).hasPrefix("ArgumentParser.")
    }
}

struct CertPanel: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "certpanel",
        abstract: "A terminal control panel for SSL certificate orders and the domains they belong to.",
        discussion: """
            Exit codes: 0 ok, 1 refused by a rule, 2 bad usage or input, 3 not found, 4 internal error \
            (a message with an incident ID; the detail is logged to standard error, or for the \
            terminal panel to certpanel.log in the XDG state directory).
            The global options may stand before or after the command.
            """,
        subcommands: [DemoCommand.self, TUICommand.self, DBCommand.self, OrdersCommand.self, MoveCommand.self, MovesCommand.self, ResellersCommand.self, APICommand.self, TransfersCommand.self, JobsCommand.self, InvoicesCommand.self, OutboxCommand.self, ScreenshotCommand.self,
                      CSRCommand.self, CertCommand.self, SSLCommand.self, DCVCommand.self, RemindersCommand.self, KeysCommand.self, AuthorizedKeysCommand.self, SessionCommand.self])

    @OptionGroup var global: GlobalOptions
}
