import ArgumentParser
import Foundation
import PanelModel
import PanelStore

/// `certpanel ssl status|show`: seed 004's SSL Certificates section on the command line.
struct SSLCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ssl",
        abstract: "The SSL certificates you may see: expiry, days left, state, invoices issued and paid.",
        subcommands: [Status.self, Show.self])

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "status", abstract: "List certificate orders with their state, expiry and invoices.")
        @OptionGroup var global: GlobalOptions
        @Option(help: ArgumentHelp("Only this state, as it reads today: \(CertificateState.allCases.map(\.rawValue).joined(separator: ", ")).",
                                   valueName: "state"))
        var state: String?
        @Option(help: ArgumentHelp("days-left (fewest first) or order.", valueName: "sort"))
        var sort = "order"
        @Option(help: ArgumentHelp("At most this many rows (the count of all is still given).", valueName: "n"))
        var limit: Int?
        @Option(name: .customLong("expiring-within"),
                help: ArgumentHelp("Only certificates not yet expired with at most this many days left.", valueName: "days"))
        var expiringWithin: String?
        @Flag(help: "Write RFC 4180 CSV with the SSL Certificates screen's columns.") var csv = false

        func run() throws {
            try Output.checkOneFormat(csv: csv, json: global.json)
            var query = SSLCertificateQuery(sort: .orderID, limit: limit ?? Int(Int32.max))
            if let expiringWithin { query.expiringWithinDays = try SSLCommand.days(expiringWithin) }
            if let state {
                guard let parsed = CertificateState(rawValue: state) else {
                    throw PanelError.invalidInput("--state \"\(state)\" is not a certificate state; use one of \(CertificateState.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                query.state = parsed
            }
            switch sort {
            case "order": query.sort = .orderID
            case "days-left": query.sort = .daysLeft
            default: throw PanelError.invalidInput("--sort \"\(sort)\" is not a sort; use days-left or order")
            }
            guard query.limit >= 0 else { throw PanelError.invalidInput("--limit must be 0 or more (it was \(query.limit))") }
            let page = try global.openDatabase().sslCertificatePage(query, for: try global.principal(), now: Date())
            let rows = page.rows
            if global.json { return try Output.json(rows) }
            if csv {
                let columns = SSLCertificateColumn.allCases
                return Output.csv(columns.map(\.title), rows.map { row in columns.map { $0.text(row) } })
            }
            guard !rows.isEmpty || page.total > 0 else { return Output.line(query.state == nil ? "No SSL certificates." : "No SSL certificates in that state.") }
            // EXPIRES is this certificate's end; the subscription (what was paid) may run on past it.
            Output.table(["ORDER", "DOMAIN", "TYPE", "STATE", "EXPIRES", "DAYS LEFT", "SUBSCRIPTION UNTIL", "REISSUE DUE", "INVOICES ISSUED/PAID"], rows.map {
                [$0.orderID.description, $0.domain.unicode, $0.type.displayName, $0.state.displayName, Output.date($0.validTo),
                 $0.daysLeft.map(String.init) ?? "-", Output.date($0.subscriptionUntil), Output.date($0.nextReissueDue),
                 "\($0.invoicesIssued)/\($0.invoicesPaid)"]
            })
            if rows.count < page.total { Output.line("(the first \(rows.count) of \(page.total); --limit shows more)") }
        }
    }

    /// `--expiring-within`: a whole number of days from 1 to 36,500 (a hundred years; more is a typo).
    static func days(_ text: String) throws -> Int {
        guard let days = Int(text.trimmingCharacters(in: .whitespaces)), (1...36_500).contains(days) else {
            throw PanelError.invalidInput("--expiring-within \"\(text)\" is not a number of days; give a whole number from 1 to 36500, such as --expiring-within 30")
        }
        return days
    }
}

extension SSLCommand {
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "One certificate: subject, names, issuer, serial, validity, fingerprint, CSR and invoices.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The Digital Certificate order ID.") var id: String

        func run() throws {
            let detail = try global.openDatabase().sslCertificateDetail(order: try OrderIDArgument.parse(id), for: try global.principal(), now: Date())
            if global.json { return try Output.json(detail) }
            SSLDetailText.print(detail)
        }
    }
}

enum SSLDetailText {
    static func print(_ detail: SSLCertificateDetail) {
        let row = detail.row
        Output.line("Order \(row.orderID): \(row.type.displayName) certificate for \(row.domain.unicode)")
        Output.line("  State:      \(row.state.displayName)\(row.daysLeft.map { ", \($0) days left" } ?? "")")
        Output.line("  Expires:    \(Output.date(row.validTo))")
        if row.validTo != nil || row.subscriptionUntil != nil { Output.line("  Term:       \(row.validitySummary)") }
        if let validation = detail.validationStatus { Output.line("  Validation: \(validation)") }
        if !detail.additionalNames.isEmpty { Output.line("  Also for:   \(detail.additionalNames.joined(separator: ", "))") }
        if let certificate = detail.certificate {
            Output.line("Certificate")
            Output.line("  Subject:     \(certificate.subject)")
            Output.line("  Names:       \(certificate.subjectAlternativeNames.joined(separator: ", "))")
            Output.line("  Issuer:      \(certificate.issuer)")
            Output.line("  Serial:      \(certificate.serialNumber)")
            Output.line("  Valid:       \(Output.date(certificate.notBefore)) to \(Output.date(certificate.notAfter))")
            Output.line("  SHA-256:     \(certificate.sha256Fingerprint)")
            Output.line("  Key:         \(certificate.keyDescription)")
        }
        if let csr = detail.csr { Output.line("CSR: \(csr.subjectLine); \(csr.keyDescription)") }
        if let renewal = detail.renewalCSR { Output.line("Renewal CSR: \(renewal.subjectLine); \(renewal.keyDescription)") }
        Output.line("CSR entry: " + (detail.csrEntry.purpose.map { $0 == .issue ? "open (press c, or certpanel csr submit \(row.orderID) FILE)" : "open for the renewal (certpanel csr submit \(row.orderID) FILE)" }
                                     ?? (detail.csrEntry.refusal ?? "closed")))
        Output.line("Invoices")
        if detail.invoices.isEmpty { Output.line("  none") }
        for invoice in detail.invoices {
            Output.line("  \(invoice.number)  \(invoice.amount)  \(invoice.status.rawValue)  \(invoice.kind.rawValue)  due \(Output.date(invoice.dueAt))")
        }
    }
}
