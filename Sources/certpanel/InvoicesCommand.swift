import ArgumentParser
import Foundation
import PanelModel
import PanelStore

/// `certpanel invoices list|pay`: the invoices the acting principal may see, and recording a payment.
struct InvoicesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "invoices",
        abstract: "List invoices, or record that one was paid (operators).",
        subcommands: [List.self, Pay.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the invoices of the orders you may see, newest first.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Only this status: pending, paid, credited or cancelled.") var status: String?

        func run() throws {
            let principal = try global.principal()
            var filter: InvoiceStatus?
            if let status {
                guard let value = InvoiceStatus(rawValue: status.lowercased()) else {
                    throw PanelError.invalidInput("--status \"\(status)\" is not an invoice status; use pending, paid, credited or cancelled")
                }
                filter = value
            }
            let invoices = try global.openDatabase().invoices(for: principal).filter { filter == nil || $0.status == filter }
            if global.json { return try Output.json(invoices) }
            guard !invoices.isEmpty else { return Output.line("No invoices.") }
            Output.table(["INVOICE", "ORDER", "CUSTOMER", "AMOUNT", "STATUS", "KIND", "ISSUED", "DUE", "PAID"], invoices.map {
                [$0.number, $0.orderID.description, $0.customerID.description, $0.amount.description, $0.status.rawValue, $0.kind.rawValue,
                 Output.date($0.issuedAt), Output.date($0.dueAt), Output.date($0.paidAt)]
            })
        }
    }

    struct Pay: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "pay",
            abstract: "Record that a pending invoice was paid (--as operator).",
            discussion: "A renewal invoice paid after the renewal CSR was entered renews the certificate at once.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The invoice number, such as INV-000006.") var number: String

        func run() throws {
            let principal = try global.principal()
            let payment = try global.openDatabase().payInvoice(number: number, by: principal, now: Date())
            if global.json { return try Output.json(payment) }
            Output.line("Invoice \(payment.invoice.number) (\(payment.invoice.amount)) marked paid (transaction \(payment.transactionID)).")
            if let renewal = payment.renewal {
                Output.line(renewal.summary)
            } else if payment.invoice.kind == .renewal {
                Output.line("The certificate is renewed once its renewal CSR has been entered (certpanel csr submit \(payment.invoice.orderID) FILE).")
            }
        }
    }
}
