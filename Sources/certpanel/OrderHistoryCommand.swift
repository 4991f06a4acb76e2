import ArgumentParser
import Foundation
import PanelModel
import PanelStore

/// `certpanel orders history ID`: every event of one order in time order, with its transaction.
struct OrderHistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Show an order's history: moves, suspensions, CSRs, certificates, transfers, pushes, invoices and notices, oldest first.",
        discussion: "A customer sees the events of its own account, including the move that brought an order in. Times are UTC.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The order ID.") var id: String

    func run() throws {
        let principal = try global.principal()
        let order = try OrderIDArgument.parse(id)
        let events = try global.openDatabase().orderHistory(order, as: principal)
        if global.json {
            try Output.json(events.map(OrderHistoryEventJSON.init))
            return
        }
        if events.isEmpty {
            Output.line("Order \(order) has no recorded events yet.")
            return
        }
        Output.table(["WHEN (UTC)", "EVENT", "BY", "TRANSACTION", "WHAT"], events.map { event in
            [DayText.utcMinute(event.at), event.kind.label, event.by, event.transactionID ?? "-", event.text]
        })
    }
}

/// One event for scripts: every key present, `transactionID` null where there is none.
struct OrderHistoryEventJSON: Encodable {
    var event: OrderHistoryEvent
    init(_ event: OrderHistoryEvent) { self.event = event }

    enum CodingKeys: String, CodingKey { case at, kind, text, by, transactionID }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(event.at, forKey: .at)
        try container.encode(event.kind.rawValue, forKey: .kind)
        try container.encode(event.text, forKey: .text)
        try container.encode(event.by, forKey: .by)
        try container.encode(event.transactionID, forKey: .transactionID)
    }
}
