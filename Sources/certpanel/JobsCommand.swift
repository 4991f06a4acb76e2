import ArgumentParser
import Foundation
import PanelModel
import PanelStore

/// `certpanel jobs run [--now DATE]`: time-driven work, idempotent.
struct JobsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jobs",
        abstract: "Run time-driven work: internal transfers and pending moves whose 5 days are over, certificate renewals and expiries.",
        subcommands: [Run.self])

    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "run",
            abstract: "Run every job due now (or at --now). Running it twice does nothing twice.",
            discussion: """
                Internal transfers whose 5 days are over time out or complete; pending moves whose 5 days \
                are over expire (nothing moves). Certificates within 30 days \
                of the end of their subscription become expiring, with one invoice for the next period (due in \
                10 days) and one email to the customer in the outbox; those past expiry expire; those whose \
                renewal invoice is paid and whose renewal CSR has been entered are renewed: the subscription \
                for another 365 days, the certificate as long as the validity table allows. Then the expiry \
                reminders due (each reseller's days, default 30,14,7,1), each sent once.
                """)
        @OptionGroup var global: GlobalOptions
        @Option(help: "The time to act as now (2026-12-01 or 2026-12-01T09:30:00Z).") var now: String?

        func run() throws {
            let instant = try now.map { try DateArgument.parse($0, option: "--now") } ?? Date()
            let database = try global.openDatabase()
            let transfers = try database.runTransferJobs(now: instant)
            let certificates = try database.runCertificateJobs(now: instant)
            let moves = try database.runPendingMoveJobs(now: instant)
            if global.json {
                try Output.json(JobsJSON(transfers: transfers.map {
                    .init(transfer: $0.request.id.description, domain: $0.request.domain.ascii, state: $0.request.state.rawValue, renewed: $0.renewed)
                }, certificates: certificates, moves: moves.map { .init(move: $0.move.id.description, order: $0.move.orderID.description, state: $0.move.state.rawValue) }))
                return
            }
            if transfers.isEmpty && certificates.isEmpty && moves.isEmpty { Output.line("Nothing was due.") }
            for outcome in transfers {
                Output.line("Transfer \(outcome.request.id) of \(outcome.request.domain.unicode): \(outcome.request.state.rawValue)\(outcome.renewed ? ", renewed one year" : "").")
            }
            for outcome in certificates { Output.line(outcome.summary) }
            for outcome in moves {
                Output.line("Move \(outcome.move.id) of order \(outcome.move.orderID) to Customer ID \(outcome.move.toCustomerID): expired, nothing moved.")
            }
        }
    }

    struct JobsJSON: Encodable {
        struct Transfer: Encodable {
            var transfer: String
            var domain: String
            var state: String
            var renewed: Bool
        }
        var transfers: [Transfer]
        var certificates: [CertificateJobOutcome]
        struct Move: Encodable {
            var move: String
            var order: String
            var state: String
        }
        var moves: [Move]
    }
}

/// `--now` and other instants on the command line: a day or a full ISO 8601 time.
enum DateArgument {
    static func parse(_ text: String, option: String) throws -> Date {
        guard let date = FixtureFile.parseDate(text) else {
            throw PanelError.invalidInput("\(option) \"\(text)\" is not a date (use 2026-12-01 or 2026-12-01T09:30:00Z)")
        }
        return date
    }
}
