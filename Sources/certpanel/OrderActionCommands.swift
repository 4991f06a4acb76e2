import ArgumentParser
import Foundation
import PanelModel
import PanelStore

/// `certpanel move-services`: the Move Services flow of seed 000 for scripts, through the same
/// use case as the screen. --dry-run shows the plan or the problems; --yes applies; without
/// either, a terminal is asked to confirm and anything else is refused.
struct MoveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "move-services",
        abstract: "Move an order to another customer: a Digital Certificate order with its related services, a Domain order on its own.",
        discussion: """
            Related services are the other orders of the same registrable domain in the account \
            (a certificate for www.example.co.uk belongs to example.co.uk). A Domain order moves \
            alone: move it first for .EU, then its certificate. `orders show ID` lists what stops a \
            move before you try. Every problem found is printed as an "Attention" line and the command exits with 1. \
            --dry-run prints what would move (or the problems) and changes nothing. Without --yes the \
            command asks for confirmation on a terminal and refuses to act when there is none.
            """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The order ID (a Digital Certificate, Domain or hosting order).") var id: String
    @Option(name: .customLong("to-username"), help: "The target Customer Username (Email Address).") var username: String
    @Option(name: .customLong("to-customer-id"), help: "The target Customer ID (Settings → Primary Profile).") var customerID: String
    @Flag(name: .customLong("retain-contacts"), help: "Keep the existing contact details (Whois) instead of the target's default contacts.")
    var retainContacts = false
    @Flag(name: .customLong("dry-run"), help: "Only check and show the plan; change nothing.") var dryRun = false
    @Flag(help: "Confirm without asking.") var yes = false

    func validate() throws {
        if dryRun && yes { throw ValidationError("--dry-run and --yes contradict each other; choose one") }
    }

    func run() throws {
        let principal = try global.principal()
        let order = try OrderIDArgument.parse(id)
        let database = try global.openDatabase()
        let request = MoveRequest(orderID: order, targetUsername: username, targetCustomerID: customerID, retainContacts: retainContacts)
        do {
            let preview = try database.previewMove(request, as: principal)
            if dryRun { return try report(preview, applied: nil) }
            if !yes {
                guard isatty(STDIN_FILENO) == 1 else {
                    throw PanelError.invalidInput("refusing to move without a confirmation: add --yes to confirm, or --dry-run to see the plan")
                }
                try report(preview, applied: nil)
                print("Confirm the move to \(preview.target.username) (Customer ID \(preview.target.id))? Type yes to confirm: ", terminator: "")
                guard readLine()?.trimmingCharacters(in: .whitespaces).lowercased() == "yes" else {
                    Output.line("Cancelled; nothing was moved.")
                    return
                }
            }
            let result = try database.applyMove(request, as: principal)
            if let pending = result.pendingMove { return try reportPending(pending, result) }
            try report(result.preview, applied: result.transactionID)
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
                                     services: preview.services.map(\.id), staying: preview.staying.map(\.id), notes: preview.notes))
            return
        }
        Output.line(transactionID == nil ? "Plan (nothing has changed):" : "Moved (transaction \(transactionID!)):")
        Output.line("  To: \(preview.target.name) <\(preview.target.username)>, Customer ID \(preview.target.id), reseller \(preview.targetResellerName)")
        for service in preview.services {
            Output.line("  \(service.id)  \(service.product.displayName)  \(service.domain.unicode)")
        }
        for service in preview.staying {
            Output.line("  stays: \(service.id)  \(service.product.displayName)  \(service.domain.unicode) (a Domain order moves on its own; move this next)")
        }
        for note in preview.notes { Output.line("  • \(note)") }
    }

    /// The sending customer's reseller wants the receiver to accept: nothing moved yet.
    private func reportPending(_ move: PendingMove, _ result: MoveResult) throws {
        if global.json {
            return try Output.json(PendingJSON(applied: false, pendingMove: move.id, transactionID: result.transactionID,
                                               targetCustomerID: result.preview.target.id, deadline: move.deadline,
                                               services: result.preview.services.map(\.id)))
        }
        Output.line("Move pending (move \(move.id), transaction \(result.transactionID)): nothing has moved yet.")
        Output.line("  \(result.preview.target.username) (Customer ID \(result.preview.target.id)) accepts or declines it by \(DayText.utc(move.deadline)); cancel it with `certpanel moves cancel \(move.id)`.")
    }

    struct PendingJSON: Encodable {
        var applied: Bool
        var pendingMove: PendingMoveID
        var transactionID: String
        var targetCustomerID: CustomerID
        var deadline: Date
        var services: [OrderID]
    }

    struct MoveJSON: Encodable {
        var applied: Bool
        var transactionID: String?
        var targetCustomerID: CustomerID
        var targetUsername: String
        var targetReseller: String
        var services: [OrderID]
        /// Related services that stay with the current customer (a Domain order moves alone).
        var staying: [OrderID]
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
