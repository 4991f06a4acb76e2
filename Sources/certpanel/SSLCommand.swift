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
        static let configuration = CommandConfiguration(abstract: "List every certificate order with its state, expiry and invoices.")
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let rows = try global.openDatabase().sslCertificates(for: try global.principal(), now: Date())
            if global.json { return try Output.json(rows) }
            guard !rows.isEmpty else { return Output.line("No SSL certificates.") }
            Output.table(["ORDER", "DOMAIN", "TYPE", "STATE", "EXPIRES", "DAYS LEFT", "INVOICES ISSUED/PAID"], rows.map {
                [$0.orderID.description, $0.domain.unicode, $0.type.displayName, $0.state.displayName, Output.date($0.validTo),
                 $0.daysLeft.map(String.init) ?? "-", "\($0.invoicesIssued)/\($0.invoicesPaid)"]
            })
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "One certificate: subject, names, issuer, serial, validity, fingerprint, CSR and invoices.")
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
