import ArgumentParser
import Foundation
import PanelModel
import PanelStore

/// `certpanel api`: the seeds' `key = value` commands, as arguments or on standard input,
/// answered in the seeds' response format through the same model layer.
struct APICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "api",
        abstract: "Run one of the seeds' API commands (TransferDomain, StatusDomainTransfer, QueryTransferList, QueryForeignTransferList, ModifyRegistrar, push_domain).",
        discussion: """
            Give parameters as arguments (command=TransferDomain domain=example.com action=usertransfer \
            customer=100002 NORENEW=1) or as `key = value` lines on standard input. TransferDomain's \
            action is usertransfer (request; `customer` names the customer of yours who receives the \
            domain), approve or deny (the current reseller's answer) or cancel (the requester withdraws a \
            pending request). QueryTransferList lists the requests you made, QueryForeignTransferList those \
            for domains you hold (pending unless STATUS says otherwise); both take DOMAIN (* wildcards), \
            STATUS, FIRST and LIMIT. push_domain takes domain, handle and test=0|1 and answers in seed \
            003's one-line format. Every change is audited. docs/transfers.md lists every command, \
            parameter, property and code.
            """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: "key=value parameters; none: read key = value lines from standard input.") var parameters: [String] = []

    func run() throws {
        let lines = parameters.isEmpty ? SeedAPICommand.lines(of: try Self.readStandardInput()) : parameters
        let principal = try global.principal()
        let database = try global.openDatabase()
        let response: SeedAPIAnswer
        do {
            let command = try SeedAPICommand(parsing: lines)
            response = try SeedAPIDispatcher(database: database, principal: principal).run(command)
        } catch {
            // Still one response in the seeds' format; an internal error's detail goes to the log.
            response = SeedAPIAnswer(error: Incident.report(error, during: "certpanel api"))
        }
        if global.json {
            try Output.json(response)
        } else if let line = response.line {
            print(line)
        } else {
            print(SeedAPIResponse.keyValue(code: response.code, description: response.description, properties: response.properties))
        }
        if response.exitCode != 0 { throw ExitCode(response.exitCode) }
    }
}

extension APICommand {
    /// Reads one byte more than a command block may have; `SeedAPICommand` judges the text.
    static func readStandardInput() throws -> String {
        let data = FileHandle.standardInput.readData(ofLength: SeedAPICommand.maximumInputBytes + 1)
        return try SeedAPICommand.text(ofStandardInput: data)
    }
}

/// An API answer: Key-Systems style code and description plus properties.
struct SeedAPIAnswer: Encodable {
    var code: Int
    var description: String
    var properties: [(String, String)] = []
    var exitCode: Int32 = 0
    /// A response in seed 003's one-line format (push_domain) instead of the `[RESPONSE]` block.
    var line: String?

    init(code: Int, description: String, properties: [(String, String)] = []) {
        self.code = code
        self.description = description
        self.properties = properties
    }

    init(error: PanelError) {
        switch error {
        case .invalidInput: code = 505
        case .notFound: code = 545
        case .refused: code = 549
        case .internalFailure, .unavailable: code = 421   // Key-Systems: command failed due to server error
        }
        description = error.message
        exitCode = error.exitCode
    }

    enum CodingKeys: String, CodingKey { case code, description, properties, response }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(code, forKey: .code)
        try container.encode(description, forKey: .description)
        var grouped: [String: [String]] = [:]
        for (name, value) in properties { grouped[name, default: []].append(value) }
        try container.encode(grouped, forKey: .properties)
        try container.encodeIfPresent(line, forKey: .response)
    }
}

/// Maps the seeds' commands to the store's use cases.
struct SeedAPIDispatcher {
    let database: PanelDatabase
    let principal: Principal

    static let success = "Command completed successfully"

    func run(_ command: SeedAPICommand) throws -> SeedAPIAnswer {
        switch command.command?.lowercased() {
        case "transferdomain":
            let domain = try command.required("domain")
            switch try command.required("action").lowercased() {
            case "usertransfer":
                guard let customer = Int64(try command.required("customer")) else {
                    throw PanelError.invalidInput("customer must be a Customer ID (a number)")
                }
                let outcome = try database.requestInternalTransfer(domain: domain, receivingCustomer: CustomerID(customer),
                                                                   authCode: command["auth"], noRenew: try command.flag("NORENEW"),
                                                                   as: principal)
                return answer(outcome.request, transactionID: outcome.transactionID)
            case "approve", "deny":
                let approve = try command.required("action").lowercased() == "approve"
                let outcome = try database.decideInternalTransfer(domain: domain, approve: approve, as: principal)
                var answer = answer(outcome.request, transactionID: outcome.transactionID)
                answer.properties.append(("RENEWED", outcome.renewed ? "1" : "0"))
                return answer
            case "cancel":
                let outcome = try database.cancelInternalTransfer(domain: domain, as: principal)
                return answer(outcome.request, transactionID: outcome.transactionID)
            case let other:
                throw PanelError.invalidInput("action \(EchoedText.clipped(other)) is not supported; use usertransfer, approve, deny or cancel")
            }
        case "querytransferlist", "queryforeigntransferlist":
            let direction: TransferListQuery.Direction = command.command?.lowercased() == "querytransferlist" ? .requested : .foreign
            let page = try database.internalTransferList(try TransferListQuery(direction: direction, command: command), as: principal)
            return list(page)
        case "push_domain", "pushdomain":
            let result = try database.pushDomain(try command.required("domain"), toHandle: try command.required("handle"),
                                                 test: try command.flag("test"), as: principal)
            var answer = SeedAPIAnswer(code: result.succeeded ? 200 : 549, description: result.message,
                                       properties: [("TRANSACTIONID", result.transactionID), ("TEST", result.test ? "1" : "0")]
                                           + result.effects.map { ("EFFECT", $0) })
            answer.line = result.response
            answer.exitCode = result.succeeded ? 0 : 1
            return answer
        case "statusdomaintransfer":
            let request = try database.internalTransferStatus(domain: try command.required("domain"), as: principal)
            return answer(request, transactionID: nil)
        case "modifyregistrar":
            guard let value = command["INTERNAL-TRANSFER-RENEW"] else {
                throw PanelError.invalidInput("the parameter INTERNAL-TRANSFER-RENEW is required for command ModifyRegistrar (REGISTRY, NORENEW or empty)")
            }
            let setting = try TransferRenewalPolicy.setting(apiValue: value)
            let transaction = try database.setInternalTransferRenew(setting, as: principal)
            return SeedAPIAnswer(code: 200, description: Self.success,
                                 properties: [("INTERNAL-TRANSFER-RENEW", setting.apiValue), ("TRANSACTIONID", transaction)])
        case nil:
            throw PanelError.invalidInput("the parameter command is required (\(Self.commands))")
        case let other?:
            throw PanelError.invalidInput("command \(EchoedText.clipped(other)) is not supported; use \(Self.commands)")
        }
    }

    static let commands = "TransferDomain, StatusDomainTransfer, QueryTransferList, QueryForeignTransferList, ModifyRegistrar or push_domain"

    private func answer(_ request: InternalTransferRequest, transactionID: String?) -> SeedAPIAnswer {
        var properties = Self.columns(request)
        if let transactionID { properties.append(("TRANSACTIONID", transactionID)) }
        return SeedAPIAnswer(code: 200, description: Self.success, properties: properties)
    }

    /// One request's properties, the same in StatusDomainTransfer and in each row of the lists.
    static func columns(_ request: InternalTransferRequest) -> [(String, String)] {
        [
            ("DOMAIN", request.domain.ascii),
            ("TRANSFERID", request.id.description),
            ("STATUS", request.state.apiValue),
            ("AUTHCODE", request.withAuthCode ? "1" : "0"),
            ("NORENEW", request.noRenew ? "1" : "0"),
            ("DEADLINE", request.deadline.formatted(Date.ISO8601FormatStyle())),
        ]
    }

    /// A list in the API's convention: each row's properties at that row's index (a column per
    /// name), then the paging properties FIRST, LAST, COUNT, TOTAL and LIMIT at index 0.
    private func list(_ page: TransferListPage) -> SeedAPIAnswer {
        var properties: [(String, String)] = []
        for request in page.requests {
            properties += Self.columns(request) + [
                ("LOSINGRESELLER", request.fromResellerID.description),
                ("GAININGRESELLER", request.toResellerID.description),
                ("CREATEDDATE", request.requestedAt.formatted(Date.ISO8601FormatStyle())),
                ("DECIDEDDATE", request.decidedAt?.formatted(Date.ISO8601FormatStyle()) ?? ""),
            ]
        }
        properties += [("FIRST", String(page.first)), ("LAST", String(page.last)), ("COUNT", String(page.count)),
                       ("TOTAL", String(page.total)), ("LIMIT", String(page.limit))]
        return SeedAPIAnswer(code: 200, description: Self.success, properties: properties)
    }
}

extension InternalTransferRenewSetting {
    /// The value ModifyRegistrar takes for this setting (empty for the default).
    var apiValue: String {
        switch self {
        case .default: ""
        case .registry: "REGISTRY"
        case .noRenew: "NORENEW"
        }
    }
}
