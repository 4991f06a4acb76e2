import ArgumentParser
import Foundation
import PanelModel
import PanelStore

/// `certpanel --as P csr submit ORDER_ID FILE|-`: enters a CSR for a certificate order through
/// the same use case as the panel's CSR entry screen.
struct CSRSubmitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "submit",
        abstract: "Enter a CSR for a certificate order waiting for one, or for the renewal of an expiring one.",
        discussion: """
            The CSR is judged against the order's names. Accepted: the decoded CSR and the new state are \
            printed; with the demo certificate authority the certificate is issued at once. Refused: each \
            problem as an "Attention" line (exit 1); unreadable input exits 2. Nothing is stored unless it \
            is accepted, and a pasted private key never is.
            """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The Digital Certificate order ID.") var id: String
    @Argument(help: ArgumentHelp("The CSR file (PEM text, or DER); - reads standard input.", valueName: "file")) var file: String

    func run() throws {
        let principal = try global.principal()
        let order = try OrderIDArgument.parse(id)
        let text = try CSRInput.read(file, limit: CSRCheck.maximumInputBytes)
        let database = try global.openDatabase()
        let result: CSRSubmissionResult
        do {
            result = try database.submitCSR(text, order: order, by: principal, now: Date())
        } catch let error as PanelError {
            guard case .notFound = error else { throw ProblemLines.report(error, json: global.json) }
            throw error
        }
        if global.json { return try Output.json(result) }
        CSRVerdictText.print(CSRVerdict(summary: result.csr, problems: [], isReadable: true, canonicalPEM: nil), for: nil)
        Output.line("State: \(result.state.displayName)")
        Output.line(result.message)
    }
}

/// A refusal or unreadable input carrying one problem per line: printed as "Attention: …" lines
/// (or JSON), then the exit code of the error.
enum ProblemLines {
    static func report(_ error: PanelError, json: Bool) -> ExitCode {
        let lines = error.message.split(separator: "\n").map(String.init)
        if json {
            try? Output.json(["refused": lines])
        } else {
            for line in lines { Output.attention(line) }
        }
        return ExitCode(error.exitCode)
    }
}
