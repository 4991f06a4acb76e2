import ArgumentParser
import Foundation
import PanelModel
import PanelStore

/// `certpanel moves list|accept|decline|cancel`: moves that wait for the receiving side
/// (docs/moves.md, "Moves the receiver accepts").
struct MovesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "moves",
        abstract: "Moves waiting for the receiving customer: list them, accept, decline or cancel one.",
        discussion: """
            A move waits when the sending customer's reseller has the setting on \
            (certpanel resellers set RESELLER --receiver-accepts on). The receiving customer or its reseller \
            accepts or declines within 5 days; the sending customer or its reseller cancels. Every move rule \
            is checked again at acceptance: a refusal prints each problem as an "Attention" line, exits with 1, \
            and the move stays pending.
            """,
        subcommands: [List.self, Accept.self, Decline.self, Cancel.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the pending moves in (to you) and out (from you).")
        @OptionGroup var global: GlobalOptions
        @Flag(help: "Also list accepted, declined, cancelled and expired moves.") var all = false

        func run() throws {
            let principal = try global.principal()
            let overview = try global.openDatabase().pendingMoves(as: principal, includeClosed: all)
            if global.json {
                return try Output.json(ListJSON(incoming: overview.incoming.map(MoveJSON.init), outgoing: overview.outgoing.map(MoveJSON.init)))
            }
            let now = Date()
            for (title, moves) in [("In (you accept or decline)", overview.incoming), ("Out (you can cancel)", overview.outgoing)] {
                Output.line("\(title):")
                guard !moves.isEmpty else {
                    Output.line("  none")
                    continue
                }
                Output.table(["MOVE", "ORDER", "DOMAIN", "FROM", "TO", "STATE", "UNTIL"], moves.map { info in
                    [info.move.id.description, info.move.orderID.description, info.move.domain.unicode, info.fromUsername, info.toUsername,
                     info.move.state.rawValue,
                     info.move.state == .pending ? "\(DayText.utc(info.move.deadline)) (\(info.move.daysLeft(at: now) ?? 0) days)" : Output.date(info.move.decidedAt)]
                })
            }
        }
    }

    struct Accept: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "accept", abstract: "Accept a move to you: the order moves now, if every rule still allows it.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The pending move's number (from moves list).") var id: String

        func run() throws {
            let principal = try global.principal()
            let move = try MoveIDArgument.parse(id)
            do {
                let outcome = try global.openDatabase().acceptPendingMove(move, as: principal)
                try report(outcome, global: global)
            } catch let refusal as MoveRefusal {
                if global.json {
                    try Output.json(["refused": refusal.messages])
                } else {
                    Output.error("move \(move) cannot be accepted now; it stays pending:")
                    for message in refusal.messages { Output.attention(message) }
                }
                throw ExitCode(refusal.exitCode)
            }
        }
    }

    struct Decline: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "decline", abstract: "Decline a move to you: nothing moves.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The pending move's number (from moves list).") var id: String

        func run() throws {
            let outcome = try global.openDatabase().declinePendingMove(try MoveIDArgument.parse(id), as: try global.principal())
            try report(outcome, global: global)
        }
    }

    struct Cancel: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "cancel", abstract: "Cancel a move you asked for: nothing moves.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The pending move's number (from moves list).") var id: String

        func run() throws {
            let outcome = try global.openDatabase().cancelPendingMove(try MoveIDArgument.parse(id), as: try global.principal())
            try report(outcome, global: global)
        }
    }

    static func report(_ outcome: PanelDatabase.PendingMoveOutcome, global: GlobalOptions) throws {
        let move = outcome.move
        if global.json {
            return try Output.json(OutcomeJSON(move: move.id, order: move.orderID, state: move.state.rawValue, transactionID: outcome.transactionID,
                                               services: outcome.moved?.services.map(\.id) ?? []))
        }
        switch move.state {
        case .accepted:
            Output.line("Move \(move.id) accepted: order \(move.orderID) and its related services now belong to Customer ID \(move.toCustomerID) (transaction \(outcome.transactionID)).")
            for service in outcome.moved?.services ?? [] {
                Output.line("  \(service.id)  \(service.product.displayName)  \(service.domain.unicode)")
            }
        default:
            Output.line("Move \(move.id) \(move.state.rawValue): order \(move.orderID) stays with Customer ID \(move.fromCustomerID) (transaction \(outcome.transactionID)).")
        }
    }

    struct MoveJSON: Encodable {
        var move: PendingMoveID
        var order: OrderID
        var domain: String
        var fromCustomerID: CustomerID
        var fromUsername: String
        var toCustomerID: CustomerID
        var toUsername: String
        var state: String
        var requestedAt: Date
        var deadline: Date
        var decidedAt: Date?
        var allowed: [String]

        init(_ info: PanelDatabase.PendingMoveInfo) {
            move = info.move.id
            order = info.move.orderID
            domain = info.move.domain.ascii
            fromCustomerID = info.move.fromCustomerID
            fromUsername = info.fromUsername
            toCustomerID = info.move.toCustomerID
            toUsername = info.toUsername
            state = info.move.state.rawValue
            requestedAt = info.move.requestedAt
            deadline = info.move.deadline
            decidedAt = info.move.decidedAt
            allowed = info.allowed.map(\.rawValue)
        }
    }

    struct ListJSON: Encodable {
        var incoming: [MoveJSON]
        var outgoing: [MoveJSON]
    }

    struct OutcomeJSON: Encodable {
        var move: PendingMoveID
        var order: OrderID
        var state: String
        var transactionID: String
        var services: [OrderID]
    }
}

enum MoveIDArgument {
    static func parse(_ text: String) throws -> PendingMoveID {
        guard let number = Int64(text), number > 0 else {
            throw PanelError.invalidInput("\"\(text)\" is not a pending move number (a positive number, as shown by `certpanel moves list`)")
        }
        return PendingMoveID(number)
    }
}

/// `certpanel resellers set RESELLER --receiver-accepts on|off`: the reseller's move setting.
struct ResellersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resellers",
        abstract: "Reseller settings: whether moves of its customers' orders wait for the receiving side.",
        subcommands: [SetSetting.self])

    struct SetSetting: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set",
            abstract: "Change a reseller's setting (the reseller itself, a reseller above it, or --as operator).",
            discussion: "With --receiver-accepts on, Confirm in Move Services creates a pending move that the receiving customer (or its reseller) accepts within 5 days. Off (the default) moves at once.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The reseller ID.") var reseller: String
        @Option(name: .customLong("receiver-accepts"), help: ArgumentHelp("on or off.", valueName: "on|off")) var receiverAccepts: String

        func run() throws {
            guard let number = Int64(reseller), number > 0 else {
                throw PanelError.invalidInput("\"\(reseller)\" is not a reseller ID (a positive number, such as 1)")
            }
            let on: Bool
            switch receiverAccepts.lowercased() {
            case "on": on = true
            case "off": on = false
            default: throw PanelError.invalidInput("--receiver-accepts \"\(receiverAccepts)\" is neither on nor off")
            }
            let id = ResellerID(number)
            let transaction = try global.openDatabase().setReceiverAcceptsMoves(on, reseller: id, as: try global.principal())
            if global.json {
                return try Output.json(["reseller": id.description, "receiverAccepts": on ? "on" : "off", "transactionID": transaction])
            }
            Output.line("Reseller \(id): moves of its customers' orders \(on ? "now wait for the receiving side to accept them" : "now happen at Confirm") (transaction \(transaction)).")
        }
    }
}
