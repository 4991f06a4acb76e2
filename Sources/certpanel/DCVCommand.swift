import ArgumentParser
import Foundation
import PanelModel
import PanelStore

/// `certpanel dcv show|check|method|approve ORDER`: domain-control validation of an order's CSR.
struct DCVCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dcv",
        abstract: "Show, check and choose how an order's domains are validated (email, DNS CNAME or HTTP file).",
        discussion: """
            The values are derived from the order's CSR the way Sectigo (Comodo CA) derives them: \
            see docs/certificates.md, "Domain control validation".
            """,
        subcommands: [Show.self, Check.self, Method.self, Approve.self])

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Print the approver addresses, the DNS record and the HTTP file for each name of the order's CSR.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The Digital Certificate order ID.") var id: String

        func run() throws {
            let detail = try global.openDatabase().domainValidation(order: try OrderIDArgument.parse(id), for: try global.principal())
            if global.json { return try Output.json(detail) }
            for line in DCVText.lines(detail) { Output.line(line) }
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Look the values up (the system resolver; an HTTP GET on port 80) and say what is found and what is missing.",
            discussion: """
                Without --method: the order's chosen method, or dns. Exit 0 when every name is ready, \
                1 when something is missing or wrong. A reissue waiting in "validating" (its domain validation \
                was past its reuse period) is issued once every name is ready. For testing only, \(PlainHTTPFetcher.baseVariable)=http://HOST:PORT \
                sends every HTTP request to that address (the Host header still names the domain).
                """)
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The Digital Certificate order ID.") var id: String
        @Option(help: ArgumentHelp("What to look up: dns or http.", valueName: "dns|http")) var method: String?

        func run() throws {
            let chosen = try method.map(DCVText.parseMethod)
            let report = try global.openDatabase().checkDomainValidation(
                order: try OrderIDArgument.parse(id), method: chosen, for: try global.principal(),
                lookups: try DomainValidationLookups.system(), now: Date())
            if global.json {
                try Output.json(report)
            } else {
                for finding in report.findings {
                    Output.line("\(finding.name): \(DCVText.label(finding.status))")
                    Output.line("  \(finding.message)")
                }
                Output.line(report.summary)
                if let issued = report.issued { Output.line(issued.message) }
            }
            if !report.isComplete { throw ExitCode(1) }
        }
    }

    struct Method: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "method",
            abstract: "Choose how the order's domains are validated: email, dns or http (audited).",
            discussion: "email takes --email ADDRESS, one of the approver addresses dcv show lists (default: admin@ the registered domain).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The Digital Certificate order ID.") var id: String
        @Argument(help: ArgumentHelp("email, dns or http.", valueName: "email|dns|http")) var method: String
        @Option(help: ArgumentHelp("The approver address, for the email method.", valueName: "address")) var email: String?

        func run() throws {
            let chosen = try DCVText.parseMethod(method, allowingEmail: true)
            let change = try global.openDatabase().chooseDCVMethod(chosen, email: email, order: try OrderIDArgument.parse(id),
                                                                   by: try global.principal(), now: Date())
            if global.json { return try Output.json(change) }
            Output.line(change.message)
        }
    }
}

extension DCVCommand {
    struct Approve: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "approve",
            abstract: "Resellers and operators: confirm the approver answered the validation mail; issues a certificate waiting in validating (audited).",
            discussion: "For an order whose method is email and whose certificate waits in validating (a reissue past its validation's reuse period). Exit 1 when refused (a customer, another method, nothing waiting), 3 not found.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The Digital Certificate order ID.") var id: String

        func run() throws {
            let issued = try global.openDatabase().approveEmailValidation(order: try OrderIDArgument.parse(id), by: try global.principal(), now: Date())
            if global.json { return try Output.json(issued) }
            Output.line(issued.message)
        }
    }
}

/// The text form of validation values and findings.
enum DCVText {
    static func parseMethod(_ text: String) throws -> DCVMethod { try parseMethod(text, allowingEmail: false) }

    static func parseMethod(_ text: String, allowingEmail: Bool) throws -> DCVMethod {
        guard let method = DCVMethod(rawValue: text.lowercased()), allowingEmail || method != .email else {
            throw PanelError.invalidInput("\(EchoedText.quoted(text)) is not a method to \(allowingEmail ? "choose" : "check"); use \(allowingEmail ? "email, dns or http" : "dns or http").")
        }
        return method
    }

    static func label(_ status: DCVFinding.Status) -> String {
        switch status {
        case .found: "found"
        case .missing: "MISSING"
        case .wrong: "WRONG"
        case .failed: "NOT CHECKED"
        case .unavailable: "not available"
        }
    }

    static func lines(_ detail: DomainValidationDetail) -> [String] {
        let values = detail.values
        var lines = [
            "Order \(detail.orderID) · \(detail.domain.unicode) · \(detail.csr == .renewal ? "renewal CSR" : "CSR")",
            "Method: \(detail.choice.map(\.text) ?? "not chosen (certpanel dcv method \(detail.orderID) email|dns|http)")",
            "CSR MD5: \(values.csrMD5)",
            "CSR SHA-256: \(values.csrSHA256)",
        ]
        for name in values.names {
            lines.append("")
            lines.append(name.name == name.validatedName ? name.name : "\(name.name) (validates \(name.validatedName))")
            lines.append("  Email  \(name.approverEmails.joined(separator: ", "))")
            lines.append("  DNS    \(name.dns.name). \(name.dns.type) \(name.dns.value).")
            if let file = name.http {
                lines.append("  HTTP   \(file.url)")
                for (index, line) in file.content.split(separator: "\n").enumerated() {
                    lines.append("         \(index == 0 ? "content: " : "         ")\(line)")
                }
            } else {
                lines.append("  HTTP   \(name.httpUnavailable ?? "not available")")
            }
        }
        if !values.skippedNames.isEmpty {
            lines.append("")
            lines.append("Not validated by these methods (IP addresses): \(values.skippedNames.joined(separator: ", "))")
        }
        return lines
    }
}
