import ArgumentParser
import Foundation
import PanelModel

/// `certpanel csr check`: decodes a CSR and judges it with the panel's own checks, without an order.
struct CSRCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "csr",
        abstract: "Check certificate signing requests (CSRs), or submit one for an order.",
        subcommands: [Check.self, CSRSubmitCommand.self])

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Decode a CSR and judge it as the panel would, without an order.",
            discussion: """
                Prints the CSR's subject, names, key, signature algorithm and whether its self-signature \
                verifies, then "Accepted" or each problem on its own line. Needs no database and no --as.
                Exit codes: 0 accepted, 1 refused (the reasons are printed), 2 unreadable input or file.
                Example: certpanel csr check example.com.csr --domain example.com
                """)

        @OptionGroup var global: GlobalOptions

        @Argument(help: ArgumentHelp("The CSR file (PEM text, or DER); - reads standard input.", valueName: "file"))
        var file: String

        @Option(help: ArgumentHelp("The order's domain: the CSR's Common Name or subjectAltName must cover it.", valueName: "name"))
        var domain: String?

        @Flag(help: "A wildcard order: the CSR must name *.DOMAIN (needs --domain).")
        var wildcard = false

        func validate() throws {
            if wildcard && domain == nil {
                throw ValidationError("--wildcard needs the order's domain: add --domain example.com")
            }
        }

        func run() throws {
            let requirement = try requirement()
            let text = try CSRInput.read(file, limit: CSRCheck.maximumInputBytes)
            let verdict = CSRCheck.judge(text, for: requirement)
            if global.json {
                try Output.json(verdict)
            } else {
                CSRVerdictText.print(verdict, for: requirement)
            }
            if !verdict.isAccepted { throw ExitCode(verdict.isReadable ? 1 : 2) }
        }

        private func requirement() throws -> CSRRequirement? {
            guard let domain else { return nil }
            let bare = domain.hasPrefix("*.") ? String(domain.dropFirst(2)) : domain
            do {
                _ = try DomainName(bare)
            } catch {
                throw PanelError.invalidInput("--domain: \(error.description); give the order's domain, for example --domain example.com")
            }
            return CSRRequirement(domain: bare, wildcard: wildcard || domain.hasPrefix("*."))
        }
    }
}

/// Reads a CSR file or standard input, never more than `limit + 1` bytes: one byte over is
/// enough for the check to say the input is too large. A DER file becomes PEM text (`CSRFileText`).
enum CSRInput {
    static func read(_ path: String, limit: Int) throws -> String {
        let handle: FileHandle
        if path == "-" {
            if isatty(STDIN_FILENO) == 1 {
                FileHandle.standardError.write(Data("Paste the CSR, then press Ctrl-D on a line of its own.\n".utf8))
            }
            handle = FileHandle.standardInput
        } else {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw PanelError.invalidInput("There is no file at \(path). Give the path of your CSR file (often NAME.csr), or - to read it from standard input.")
            }
            guard !isDirectory.boolValue else {
                throw PanelError.invalidInput("\(path) is a directory. Give the path of the CSR file itself (often NAME.csr).")
            }
            guard let opened = FileHandle(forReadingAtPath: path) else {
                throw PanelError.invalidInput("\(path) cannot be read; check its permissions, or pass the CSR on standard input with -.")
            }
            handle = opened
        }
        defer { if path != "-" { try? handle.close() } }
        do {
            let data = try handle.read(upToCount: limit + 1) ?? Data()
            // Over the limit: left as it is, to be refused as too large rather than as binary.
            return data.count > limit ? String(decoding: data, as: UTF8.self) : CSRFileText.text(data)
        } catch {
            throw PanelError.invalidInput("\(path == "-" ? "standard input" : path) cannot be read (\(error.localizedDescription)).")
        }
    }
}

/// The verdict for people: the decoded CSR, then "Accepted" or one line per problem.
/// Every value from the CSR goes through `Output.line`, which strips terminal control codes.
enum CSRVerdictText {
    static func print(_ verdict: CSRVerdict, for requirement: CSRRequirement?) {
        if let summary = verdict.summary {
            Output.line("Subject:")
            if summary.subject.isEmpty { Output.line("  (empty)") }
            let width = summary.subject.map(\.name.count).max() ?? 0
            for field in summary.subject {
                Output.line("  " + field.name + String(repeating: " ", count: width - field.name.count) + "  " + field.value)
            }
            Output.line("Subject alternative names: " + (summary.subjectAlternativeNames.isEmpty ? "none" : summary.subjectAlternativeNames.joined(separator: ", ")))
            Output.line("Key: " + summary.keyDescription)
            Output.line("Signature algorithm: " + summary.signatureAlgorithm)
            Output.line("Self-signature: " + (summary.signatureVerifies ? "verifies" : "does NOT verify"))
        }
        if verdict.isAccepted {
            Output.line("Accepted" + (requirement.map { " for \($0.requiredNames.joined(separator: ", "))." } ?? "."))
            return
        }
        let heading = verdict.isReadable ? "Refused" : "Unreadable"
        for problem in verdict.problems {
            Output.line("\(heading): \(problem.message)")
        }
    }
}
