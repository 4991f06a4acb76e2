import ArgumentParser
import Foundation
import PanelModel
import PanelStore

/// `certpanel cert download|reissue`: the issued certificate of an order.
struct CertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cert",
        abstract: "Download an order's certificate (or the demo CA's), or ask for a reissue.",
        subcommands: [Download.self, Reissue.self])

    struct Download: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "download",
            abstract: "Write the order's certificate as PEM to standard output or a file.",
            discussion: """
                --ca writes the demo certificate authority's certificate instead (no order ID or --as needed), \
                for checking: certpanel cert download --ca --out ca.pem; certpanel --as customer:ID cert download \
                ORDER_ID --out cert.pem; openssl verify -CAfile ca.pem cert.pem
                """)
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The Digital Certificate order ID.") var id: String?
        @Option(help: ArgumentHelp("Write the PEM into this file instead of standard output.", valueName: "file")) var out: String?
        @Flag(help: "Write the demo certificate authority's certificate instead.") var ca = false
        @Flag(help: "Write every certificate you may download into the directory --out names, as ORDER-DOMAIN.pem (existing files are left alone).")
        var all = false

        func validate() throws {
            if ca && id != nil { throw ValidationError("--ca writes the certificate authority's certificate; leave out the order ID") }
            if all && (ca || id != nil) { throw ValidationError("--all writes every certificate you may download; leave out the order ID and --ca") }
            if all && (out == nil || out == "-") { throw ValidationError("--all needs a directory to write into: --out DIR") }
            if !ca && !all && id == nil { throw ValidationError("give the order ID of the certificate to download, --all for every one, or --ca for the authority's") }
        }

        func run() throws {
            let database = try global.openDatabase()
            if all, let out { return try BulkDownload.run(database, principal: try global.principal(), into: out, json: global.json) }
            let pem = ca
                ? try database.certificateAuthorityPEM()
                : try database.certificatePEM(order: try OrderIDArgument.parse(id ?? ""), for: try global.principal())
            guard let out, out != "-" else {
                // PEM is ASCII lines; each still goes through the sanitiser (a loaded fixture may hold anything).
                for line in pem.split(separator: "\n") { Output.line(String(line)) }
                return
            }
            do {
                try Data(pem.utf8).write(to: URL(fileURLWithPath: out), options: .atomic)
            } catch {
                throw PanelError.invalidInput("cannot write \(out): \(error.localizedDescription). Give a path in a directory you can write to.")
            }
            if global.json { return try Output.json(["file": out]) }
            Output.line("Wrote \(ca ? "the demo CA's certificate" : "the certificate of order \(id ?? "")") to \(out).")
        }
    }

    /// `cert download --all --out DIR`: one line per certificate; exit 1 when any was not written.
    enum BulkDownload {
        static func run(_ database: PanelDatabase, principal: Principal, into directory: String, json: Bool) throws {
            let orders = try database.downloadableCertificateOrders(for: principal)
            let results = try database.writeCertificates(orders: orders, for: principal, into: directory)
            if json {
                try Output.json(results)
            } else if results.isEmpty {
                Output.line("No certificate to download: none of your orders has an issued certificate yet (certpanel ssl status shows their states).")
            } else {
                for result in results {
                    Output.line("\(result.succeeded ? "✓" : "✗") \(result.orderID)  \(result.domain)  \(result.message)")
                }
                Output.line(results.summary + ".")
            }
            if results.contains(where: { !$0.succeeded }) { throw ExitCode(1) }
        }
    }

    struct Reissue: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reissue",
            abstract: "Reissue within the subscription: with --reuse-csr at once from the stored CSR, else the order waits for a new CSR.",
            discussion: """
                The current certificate stays downloadable until the new one is issued. The new certificate is as long \
                as the validity table allows on its issue day (200 days from 2026-03-15, 100 from 2027-03-15, 47 from \
                2029-03-15), never past the end of the subscription. An expired certificate is reissued while its \
                subscription runs on. The reissue reuses the domain validation of the current certificate while it is \
                within its reuse period (200 days from 2026-03-15, 100 from 2027-03-15, 10 from 2029-03-15); past it the \
                request is accepted (exit 0) and waits in "validating" until certpanel dcv check ORDER finds the values.
                """)
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The Digital Certificate order ID.") var id: String
        @Flag(help: "Sign the stored CSR again (the same key) instead of waiting for a new one.") var reuseCSR = false

        func run() throws {
            let order = try OrderIDArgument.parse(id)
            if reuseCSR {
                let result = try global.openDatabase().reissueWithStoredCSR(order: order, by: try global.principal(), now: Date())
                if global.json { return try Output.json(result) }
                Output.line("State: \(result.state.displayName)")
                return Output.line(result.message)
            }
            let transaction = try global.openDatabase().requestReissue(order: order, by: try global.principal(), now: Date())
            if global.json { return try Output.json(["order": order.description, "state": CertificateState.awaitingCSR.rawValue, "transactionID": transaction]) }
            Output.line("Order \(order) now waits for a new CSR: certpanel csr submit \(order) FILE (transaction \(transaction)).")
        }
    }
}
