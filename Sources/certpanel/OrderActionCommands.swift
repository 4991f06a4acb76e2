import ArgumentParser
import Foundation
import PanelModel
import PanelStore

/// `certpanel orders move`: the Move Services flow of seed 000 for scripts. Without --yes it
/// checks and shows what would move (the confirmation step); with --yes it applies the move.
struct MoveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "move",
        abstract: "Move a Digital Certificate order with all its related services to another customer.",
        discussion: """
            Every problem found is printed as an "Attention" line and the command exits with 1. \
            Without --yes nothing changes: the command prints the confirmation (target, services, contacts).
            """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The Digital Certificate order ID.") var id: String
    @Option(name: .customLong("to-username"), help: "The target Customer Username (Email Address).") var username: String
    @Option(name: .customLong("to-id"), help: "The target Customer ID (Settings → Primary Profile).") var customerID: String
    @Flag(name: .customLong("retain-contacts"), help: "Keep the existing contact details (Whois) instead of the target's default contacts.")
    var retainContacts = false
    @Flag(help: "Confirm: apply the move.") var yes = false

    func run() throws {
        let principal = try global.principal()
        let order = try OrderIDArgument.parse(id)
        let database = try global.openDatabase()
        let request = MoveRequest(orderID: order, targetUsername: username, targetCustomerID: customerID, retainContacts: retainContacts)
        do {
            if yes {
                let result = try database.applyMove(request, as: principal)
                try report(result.preview, applied: result.transactionID)
            } else {
                try report(try database.previewMove(request, as: principal), applied: nil)
            }
        } catch let refusal as MoveRefusal {
            if global.json {
                try Output.json(["refused": refusal.messages])
            } else {
                for message in refusal.messages { Output.attention(message) }
            }
            throw ExitCode(refusal.exitCode)
        }
    }

    private func report(_ preview: MovePreview, applied transactionID: String?) throws {
        if global.json {
            try Output.json(MoveJSON(applied: transactionID != nil, transactionID: transactionID, targetCustomerID: preview.target.id,
                                     targetUsername: preview.target.username.value, targetReseller: preview.targetResellerName,
                                     services: preview.services.map(\.id), notes: preview.notes))
            return
        }
        Output.line(transactionID == nil ? "Move to be confirmed:" : "Moved (transaction \(transactionID!)):")
        Output.line("  To: \(preview.target.name) <\(preview.target.username)>, Customer ID \(preview.target.id), reseller \(preview.targetResellerName)")
        for service in preview.services {
            Output.line("  \(service.id)  \(service.product.displayName)  \(service.domain.unicode)")
        }
        for note in preview.notes { Output.line("  • \(note)") }
        if transactionID == nil { Output.line("Nothing has changed yet. Run again with --yes to confirm the move.") }
    }

    struct MoveJSON: Encodable {
        var applied: Bool
        var transactionID: String?
        var targetCustomerID: CustomerID
        var targetUsername: String
        var targetReseller: String
        var services: [OrderID]
        var notes: [String]
    }
}

/// `certpanel orders suspend|unsuspend ID --reason TEXT` for resellers and operators.
struct SuspensionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "suspend",
        abstract: "Suspend an order (resellers and operators), with a reason kept in the audit log.",
        aliases: [])
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The order ID.") var id: String
    @Option(help: "Why (kept in the audit log).") var reason: String

    func run() throws { try SuspensionRunner.run(.suspend, id: id, reason: reason, global: global) }
}

struct UnsuspendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unsuspend",
        abstract: "Unsuspend an order (resellers and operators), with a reason kept in the audit log.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The order ID.") var id: String
    @Option(help: "Why (kept in the audit log).") var reason: String

    func run() throws { try SuspensionRunner.run(.unsuspend, id: id, reason: reason, global: global) }
}

enum SuspensionRunner {
    static func run(_ change: SuspensionPolicy.Change, id: String, reason: String, global: GlobalOptions) throws {
        let principal = try global.principal()
        let order = try OrderIDArgument.parse(id)
        let transaction = try global.openDatabase().change(change, order: order, reason: reason, as: principal)
        if global.json {
            try Output.json(["order": order.description, "change": change.rawValue, "transactionID": transaction])
        } else {
            Output.line("Order \(order) \(change == .suspend ? "suspended" : "unsuspended") (transaction \(transaction)).")
        }
    }
}

enum OrderIDArgument {
    static func parse(_ text: String) throws -> OrderID {
        guard let number = Int64(text), number > 0 else {
            throw PanelError.invalidInput("\"\(text)\" is not an order ID (a positive number, such as 1001)")
        }
        return OrderID(number)
    }
}
