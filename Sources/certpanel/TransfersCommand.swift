import ArgumentParser
import Foundation
import PanelModel
import PanelStore

/// `certpanel transfers list|cancel`: a reseller's internal transfers (the API's
/// QueryTransferList / QueryForeignTransferList) and withdrawing its own pending request
/// (TransferDomain action=cancel), with the same words and rules as the API and the panel.
struct TransfersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "transfers",
        abstract: "List your internal transfers, or cancel a pending one you requested (--as reseller:ID).",
        subcommands: [List.self, Cancel.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "The internal transfers you requested (default), or with --incoming those for domains you hold, newest first.",
            discussion: "--incoming shows the requests awaiting your decision unless --status says otherwise (--status all for every state).")
        @OptionGroup var global: GlobalOptions
        @Flag(help: "The requests for domains you hold (yours to approve or deny), not those you made.") var incoming = false
        @Option(help: "A domain, or a pattern with * (such as *.com).") var domain: String?
        @Option(help: "Only this state: pending, completed, denied, timed_out, cancelled, or all.") var status: String?
        @Option(help: "Skip this many requests (the API's FIRST).") var first: String?
        @Option(help: "At most this many requests (the API's LIMIT; 1-\(TransferListQuery.maximumLimit)).") var limit: String?

        func run() throws {
            let principal = try global.principal()
            var query = TransferListQuery(direction: incoming ? .foreign : .requested, state: incoming ? .pending : nil)
            if let domain { query.domainPattern = try TransferListQuery.pattern(domain) }
            if let status {
                if status.lowercased() == "all" {
                    query.state = nil
                } else {
                    guard let state = InternalTransferState(apiValue: status) else {
                        throw PanelError.invalidInput("--status \(EchoedText.quoted(status)) is not a transfer state; use pending, completed, denied, timed_out, cancelled or all")
                    }
                    query.state = state
                }
            }
            query.first = try TransferListQuery.number(first, name: "--first", default: 0, range: 0...Int(Int32.max))
            query.limit = try TransferListQuery.number(limit, name: "--limit", default: TransferListQuery.defaultLimit, range: 1...TransferListQuery.maximumLimit)
            let page = try global.openDatabase().internalTransferList(query, as: principal)
            if global.json { return try Output.json(TransferListJSON(page)) }
            guard page.count > 0 else {
                return Output.line(page.total == 0 ? "No internal transfers." : "No internal transfers from \(page.first + 1) on (\(page.total) in all).")
            }
            Output.table(["ID", "DOMAIN", "STATUS", incoming ? "REQUESTED BY" : "HELD BY", "AUTH", "NORENEW", "REQUESTED", "DEADLINE OR DECIDED"],
                         page.requests.map { request in
                [request.id.description, request.domain.unicode, request.state.label,
                 "reseller \(incoming ? request.toResellerID : request.fromResellerID)", request.withAuthCode ? "yes" : "no",
                 request.noRenew ? "1" : "0", Output.date(request.requestedAt), Output.date(request.decidedAt ?? request.deadline)]
            })
            Output.line("\(page.first + 1)-\(page.last + 1) of \(page.total)")
        }
    }

    struct Cancel: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "cancel",
            abstract: "Withdraw your pending request for an internal transfer (you asked for the domain; it stays where it is).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The domain of the request, such as harbor-lights.com.") var domain: String

        func run() throws {
            let principal = try global.principal()
            let outcome = try global.openDatabase().cancelInternalTransfer(domain: domain, as: principal)
            if global.json { return try Output.json(TransferRowJSON(outcome.request, transactionID: outcome.transactionID)) }
            Output.line("Internal transfer of \(outcome.request.domain.unicode) cancelled (request \(outcome.request.id), transaction \(outcome.transactionID)).")
        }
    }
}

/// A request as the API's properties name it (docs/transfers.md), for `--json`.
struct TransferRowJSON: Encodable {
    var domain: String
    var transferID: Int64
    var status: String
    var authCode: Bool
    var noRenew: Bool
    var deadline: Date
    var losingReseller: Int64
    var gainingReseller: Int64
    var requested: Date
    var decided: Date?
    var transactionID: String?

    init(_ request: InternalTransferRequest, transactionID: String? = nil) {
        domain = request.domain.ascii
        transferID = request.id.rawValue
        status = request.state.apiValue
        authCode = request.withAuthCode
        noRenew = request.noRenew
        deadline = request.deadline
        losingReseller = request.fromResellerID.rawValue
        gainingReseller = request.toResellerID.rawValue
        requested = request.requestedAt
        decided = request.decidedAt
        self.transactionID = transactionID
    }
}

struct TransferListJSON: Encodable {
    var first, last, count, total, limit: Int
    var requests: [TransferRowJSON]

    init(_ page: TransferListPage) {
        first = page.first
        last = page.last
        count = page.count
        total = page.total
        limit = page.limit
        requests = page.requests.map { TransferRowJSON($0) }
    }
}
