import ArgumentParser
import Foundation
import PanelModel
import PanelStore

struct OrdersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "orders",
        abstract: "Search, show, suspend and unsuspend the orders the acting principal may see.",
        subcommands: [Search.self, Show.self, OrderHistoryCommand.self, SuspensionCommand.self, UnsuspendCommand.self])

    struct Search: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "search",
            abstract: "Search orders by order ID, domain substring (ASCII or Unicode form) or, for resellers and operators, customer username.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "What to look for; empty lists every order.") var query: String = ""
        @Option(help: "Only this product: digital_certificate, domain, email_hosting or web_hosting.") var product: String?
        @Option(help: "Only this status: active, suspended, in_process, pending_delete, deleted or expired.") var status: String?
        @Option(help: "Sort by id, domain or expiry.") var sort: String = "id"
        @Flag(help: "Sort in descending order.") var descending = false
        @Option(help: "How many orders to show.") var limit = 30
        @Option(help: "How many matching orders to skip.") var offset = 0
        @Flag(help: "Write RFC 4180 CSV (the table's columns, the page's rows, no footer line).") var csv = false

        func run() throws {
            try Output.checkOneFormat(csv: csv, json: global.json)
            let principal = try global.principal()
            var orderQuery = OrderQuery(text: query, descending: descending, limit: limit, offset: offset)
            if let product {
                guard let value = Product(lenient: product) else {
                    throw PanelError.invalidInput("--product \"\(product)\" is not a product; use digital_certificate, domain, email_hosting or web_hosting")
                }
                orderQuery.product = value
            }
            if let status {
                guard let value = OrderStatus(rawValue: status) else {
                    throw PanelError.invalidInput("--status \"\(status)\" is not a status; use \(OrderStatus.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                orderQuery.status = value
            }
            guard let sortValue = OrderQuery.Sort(rawValue: sort) else {
                throw PanelError.invalidInput("--sort \"\(sort)\" is not a sort; use id, domain or expiry")
            }
            orderQuery.sort = sortValue
            let page = try global.openDatabase().searchOrders(as: principal, orderQuery)
            if global.json {
                try Output.json(page)
                return
            }
            let header = ["ORDER", "PRODUCT", "DOMAIN", "STATUS", "EXPIRES", "CUSTOMER"]
            let cells = page.rows.map { row in
                [row.id.description, row.product.displayName, row.domainUnicode, row.status.displayName, Output.date(row.expiresAt),
                 row.customerUsername]
            }
            if csv { return Output.csv(header, cells) }
            guard !page.rows.isEmpty else {
                Output.line(page.total == 0 ? "No orders match." : "No orders on this page (\(page.totalText) match in all).")
                return
            }
            Output.table(header, cells)
            Output.line("\(Output.count(page.offset + 1))-\(Output.count(page.offset + page.rows.count)) of \(page.totalText)")
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one order: customer, contacts, certificate, invoices, related services and what stops a move.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The order ID.") var id: String

        func run() throws {
            let principal = try global.principal()
            let database = try global.openDatabase()
            let detail = try database.orderDetail(try OrderIDArgument.parse(id), as: principal)
            let pending = try database.pendingMove(forOrder: detail.order.id, as: principal)
            if global.json {
                var json = OrderDetailJSON(detail, as: principal)
                json.pendingMove = pending?.move.id
                try Output.json(json)
            } else {
                OrderDetailText.print(detail, as: principal, movePending: pending.map { PendingMovePolicy.orderNote($0.move, toUsername: $0.toUsername) })
            }
        }
    }
}
