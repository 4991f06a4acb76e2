/// The seeds' API syntax: `key = value` lines (seed 002's `command = TransferDomain`,
/// `NORENEW = 0|1`; seed 003's `test`, `domain`, `handle`) and both response formats.
public struct SeedAPICommand: Equatable, Sendable {
    /// Parameters by lower-cased key; values trimmed. An empty value is kept (it means "default").
    public var parameters: [String: String]

    public init(parameters: [String: String]) { self.parameters = parameters }

    /// Parses lines of `key = value` (or `key=value` arguments). Blank lines and lines starting
    /// with `#` are ignored; a line without `=` or with an empty key is an error naming it, and so
    /// is a control character anywhere in a key or value (it could forge a response line).
    public init(parsing lines: [String]) throws(PanelError) {
        var parameters: [String: String] = [:]
        for (index, raw) in lines.enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            if let bad = line.unicodeScalars.first(where: EchoedText.isForbidden) {
                throw .invalidInput("line \(index + 1): \(EchoedText.quoted(line)) contains the control character \(EchoedText.codePoint(bad)); give each parameter on its own line, as text")
            }
            guard let equals = line.firstIndex(of: "=") else {
                throw .invalidInput("line \(index + 1): \(EchoedText.quoted(line)) is not of the form key = value")
            }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            guard !key.isEmpty else { throw .invalidInput("line \(index + 1): \(EchoedText.quoted(line)) has no key before =") }
            guard parameters[key] == nil else { throw .invalidInput("line \(index + 1): \(EchoedText.clipped(key)) is given twice") }
            parameters[key] = value
        }
        self.parameters = parameters
    }

    /// Splits standard input into lines at `\n`, `\r\n` or `\r` (a Windows or old Mac file).
    public static func lines(of text: String) -> [String] {
        var lines: [String] = []
        var current = String.UnicodeScalarView()
        var afterCR = false
        for scalar in text.unicodeScalars {
            if scalar == "\n", afterCR { afterCR = false; continue }
            afterCR = scalar == "\r"
            if scalar == "\n" || scalar == "\r" {
                lines.append(String(current))
                current = String.UnicodeScalarView()
            } else {
                current.append(scalar)
            }
        }
        lines.append(String(current))
        return lines
    }

    public var command: String? { parameters["command"] }

    public subscript(key: String) -> String? { parameters[key.lowercased()] }

    /// A required parameter, or an error saying which one is missing.
    public func required(_ key: String) throws(PanelError) -> String {
        guard let value = self[key], !value.isEmpty else {
            throw .invalidInput("the parameter \(key) is required for command \(command.map { EchoedText.clipped($0) } ?? "(none)")")
        }
        return value
    }

    /// `0` or `1` (seed 002's `NORENEW = 0|1`); absent means `default`.
    public func flag(_ key: String, default defaultValue: Bool = false) throws(PanelError) -> Bool {
        switch self[key] {
        case nil, "": return defaultValue
        case "0": return false
        case "1": return true
        case let other?: throw .invalidInput("\(key) must be 0 or 1, not \(EchoedText.quoted(other))")
        }
    }
}

/// The two response formats.
public enum SeedAPIResponse {
    /// Seed 003 (push_domain): `Status: 0 Message: domain has been transferred.` on success,
    /// `Transaction-ID: <id> Status: 1 Message: <why>` on error.
    public static func push(succeeded: Bool, message: String, transactionID: String) -> String {
        let message = EchoedText.oneLine(message)
        return succeeded ? "Status: 0 Message: \(message)" : "Transaction-ID: \(EchoedText.oneLine(transactionID)) Status: 1 Message: \(message)"
    }

    public static let pushSucceeded = "domain has been transferred."

    /// Seed 002's API (Key-Systems style): a `[RESPONSE]` block with `code`, `description`,
    /// optional `property[NAME][INDEX]` lines, and `EOF`. A name given more than once is a
    /// column of a list: its values are numbered 0, 1, 2… in the order given (one per row).
    public static func keyValue(code: Int, description: String, properties: [(String, String)] = []) -> String {
        // Every field on one line: a value can never add a line (or an EOF) to the response.
        var lines = ["[RESPONSE]", "code = \(code)", "description = \(EchoedText.oneLine(description))"]
        var next: [String: Int] = [:]
        for (name, value) in properties {
            let index = next[name, default: 0]
            next[name] = index + 1
            lines.append("property[\(EchoedText.oneLine(name))][\(index)] = \(EchoedText.oneLine(value))")
        }
        lines.append("EOF")
        return lines.joined(separator: "\n")
    }
}

import Foundation
