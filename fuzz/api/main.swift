// Fuzzes the `certpanel api` parsing: standard input (size, UTF-8, line splitting at LF, CRLF
// and CR) and `key=value` arguments (here: the input split at NUL bytes) into a
// `SeedAPICommand`, the parameter reads the dispatcher makes, and both response formats.
// Checked: parsed keys are lower-case, non-empty and free of control characters; a response
// block has exactly one line per field and no control character, whatever the values or the
// error message echo, so a value can never forge a response line or an EOF.
import FuzzDriver
import Foundation
import PanelModel

enum Harness {
    static func run(_ bytes: [UInt8]) {
        if let text = try? SeedAPICommand.text(ofStandardInput: Data(bytes)) {
            exercise(SeedAPICommand.lines(of: text))
        }
        exercise(bytes.split(separator: 0, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) })
    }

    static func exercise(_ lines: [String]) {
        let command: SeedAPICommand
        do {
            command = try SeedAPICommand(parsing: lines)
        } catch {
            guard case .invalidInput = error else { fatalError("parsing failed with \(error), not invalid input") }
            checkResponses(description: error.message, properties: [])
            return
        }
        for (key, value) in command.parameters {
            guard !key.isEmpty, key == key.lowercased(), command[key] == value,
                  !(key + value).unicodeScalars.contains(where: EchoedText.isForbidden) else {
                fatalError("parsed the parameter \(key.debugDescription) = \(value.debugDescription)")
            }
        }
        // What the dispatcher reads before it touches the database.
        var messages: [String] = []
        _ = command.command?.lowercased()
        for key in ["domain", "action", "customer", "handle"] {
            do { _ = try command.required(key) } catch { messages.append(error.message) }
        }
        for key in ["NORENEW", "test"] {
            do { _ = try command.flag(key) } catch { messages.append(error.message) }
        }
        if let customer = command["customer"] { _ = Int64(customer) }
        if let renew = command["INTERNAL-TRANSFER-RENEW"] {
            do { _ = try TransferRenewalPolicy.setting(apiValue: renew) } catch { messages.append(error.message) }
        }
        let properties = command.parameters.sorted { $0.key < $1.key }.map { ($0.key.uppercased(), $0.value) }
        checkResponses(description: messages.first ?? "Command completed successfully", properties: properties)
        for message in messages.dropFirst() { checkResponses(description: message, properties: []) }
    }

    static func checkResponses(description: String, properties: [(String, String)]) {
        let block = SeedAPIResponse.keyValue(code: 505, description: description, properties: properties)
        let lines = block.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { String($0) }
        guard lines.count == properties.count + 4, lines.first == "[RESPONSE]", lines.last == "EOF",
              !lines.dropLast().contains("EOF"),
              !lines.contains(where: { $0.unicodeScalars.contains(where: EchoedText.isForbidden) }) else {
            fatalError("a response block with \(properties.count) properties reads as \(lines.count) lines: \(block.debugDescription)")
        }
        let transaction = properties.first?.1 ?? "T1"
        for succeeded in [true, false] {
            let line = SeedAPIResponse.push(succeeded: succeeded, message: description, transactionID: transaction)
            guard !line.unicodeScalars.contains(where: { $0 == "\n" || EchoedText.isForbidden($0) }) else {
                fatalError("a push_domain response is more than one line: \(line.debugDescription)")
            }
        }
    }
}

FuzzDriver.run(Harness.run)
