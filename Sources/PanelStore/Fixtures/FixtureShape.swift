import Foundation
import PanelModel

/// Checks a fixture's JSON before it is decoded: syntax errors with their line and column,
/// every key known (a misspelt `"stauts"` would otherwise load an active customer), and
/// every string of a sane length. Messages name the path as jq does (`orders[3].stauts`).
enum FixtureShape {
    /// Most text fields are names, handles and dates; a PEM certificate or CSR is a few KiB.
    static let maximumTextLength = 1_000
    static let maximumPEMLength = 64 * 1024

    static let contactsKeys: Set<String> = ["registrant", "admin", "tech", "billing"]
    static let sections: [String: Set<String>] = [
        "resellers": ["id", "name", "parent", "products", "registrarHandle", "refusesPushes", "internalTransferRenew", "registryAccountManagement"],
        "customers": ["id", "username", "name", "status", "reseller", "password", "defaultContacts"],
        "contacts": ["id", "handle", "owner", "name", "organisation", "email", "country", "phone", "sponsoringRegistrar", "cedContact"],
        "orders": ["id", "product", "domain", "customer", "status", "created", "expires", "moneyBackUntil", "transferLock", "processing", "contacts"],
        "certificates": ["order", "type", "state", "csr", "certificate", "validFrom", "validTo", "additionalNames"],
        "invoices": ["number", "order", "amount", "currency", "status", "issued", "due"],
        "transferRequests": ["id", "order", "from", "to", "toCustomer", "authCode", "noRenew", "state", "requested", "decided"],
    ]
    static let nestedContacts: Set<String> = ["defaultContacts", "contacts"]
    static let pemFields: Set<String> = ["csr", "certificate"]

    /// The parsed JSON, or an error that says where it breaks.
    static func check(_ data: Data) throws -> Any {
        let root: Any
        do {
            root = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            throw PanelError.invalidInput("the file is not valid JSON: " + syntaxMessage(error, data: data))
        }
        guard let top = root as? [String: Any] else {
            throw PanelError.invalidInput("(top level): expected an object with lists such as \"orders\", found \(kind(of: root))")
        }
        for (key, value) in top.sorted(by: { $0.key < $1.key }) {
            guard let known = sections[key] else {
                throw unknown(key, path: key, among: Set(sections.keys), data: data)
            }
            guard let records = value as? [Any] else { continue }   // the decoder names the type
            for (index, record) in records.enumerated() {
                guard let fields = record as? [String: Any] else { continue }
                try checkRecord(fields, known: known, path: "\(key)[\(index)]", data: data)
            }
        }
        return root
    }

    private static func checkRecord(_ fields: [String: Any], known: Set<String>, path: String, data: Data) throws {
        for (key, value) in fields.sorted(by: { $0.key < $1.key }) {
            let fieldPath = "\(path).\(key)"
            guard known.contains(key) else { throw unknown(key, path: fieldPath, among: known, data: data) }
            if nestedContacts.contains(key), let nested = value as? [String: Any] {
                try checkRecord(nested, known: contactsKeys, path: fieldPath, data: data)
            }
            try checkLength(value, path: fieldPath, limit: pemFields.contains(key) ? maximumPEMLength : maximumTextLength)
        }
    }

    private static func checkLength(_ value: Any, path: String, limit: Int) throws {
        if let text = value as? String, text.count > limit {
            throw PanelError.invalidInput("\(path): \(text.count) characters is too long (at most \(limit))")
        }
        if let list = value as? [Any] {
            for (index, item) in list.enumerated() { try checkLength(item, path: "\(path)[\(index)]", limit: limit) }
        }
    }

    private static func unknown(_ key: String, path: String, among known: Set<String>, data: Data) -> PanelError {
        let line = lineOfKey(key, in: data).map { " (line \($0))" } ?? ""
        let suggestion = known.min { distance($0, key) < distance($1, key) }.flatMap { distance($0, key) <= 2 ? "; did you mean \($0)?" : nil } ?? ""
        return .invalidInput("\(EchoedText.oneLine(path, limit: 120))\(line): unknown field\(suggestion) (known: \(known.sorted().joined(separator: ", ")))")
    }

    /// "found a string", for type errors.
    static func kind(of value: Any?) -> String {
        switch value {
        case nil, is NSNull: "null"
        case is String: "a string"
        case let number as NSNumber: String(cString: number.objCType) == "c" ? "true or false" : "a number"
        case is [Any]: "a list"
        case is [String: Any]: "an object"
        default: "another value"
        }
    }

    /// The value at a decoding path in the parsed tree.
    static func value(at path: [any CodingKey], in root: Any) -> Any? {
        var current: Any? = root
        for key in path {
            if let index = key.intValue { current = (current as? [Any]).flatMap { index < $0.count ? $0[index] : nil } }
            else { current = (current as? [String: Any])?[key.stringValue] }
        }
        return current
    }

    // MARK: - Positions

    /// "line 3, column 7: …" from Foundation's "… around line 3, column 7." or "… around character 17."
    static func syntaxMessage(_ error: any Error, data: Data) -> String {
        let detail = ((error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String) ?? "it cannot be read"
        if let range = detail.range(of: #"around character (\d+)"#, options: .regularExpression),
           let offset = Int(detail[range].split(separator: " ").last ?? "") {
            let (line, column) = position(ofByte: offset, in: data)
            let what = detail[..<range.lowerBound].trimmingCharacters(in: .whitespaces)
            return "line \(line), column \(column): \(what.isEmpty ? "unexpected text" : what.lowercasedFirst)"
        }
        if detail.contains("end of file") || detail.contains("Unexpected end") {
            let (line, column) = position(ofByte: data.count, in: data)
            return "line \(line), column \(column): the file ends in the middle of a value (a missing ] or })"
        }
        return detail
    }

    static func position(ofByte offset: Int, in data: Data) -> (line: Int, column: Int) {
        var line = 1, column = 1
        for byte in data.prefix(offset) {
            if byte == UInt8(ascii: "\n") { line += 1; column = 1 } else if byte & 0xC0 != 0x80 { column += 1 }
        }
        return (line, column)
    }

    private static func lineOfKey(_ key: String, in data: Data) -> Int? {
        let text = String(decoding: data, as: UTF8.self)
        guard let range = text.range(of: "\"\(key)\"") else { return nil }
        return text[..<range.lowerBound].reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
    }

    private static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a.lowercased()), b = Array(b.lowercased())
        var row = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var previous = row[0]
            row[0] = i
            for j in stride(from: 1, through: b.count, by: 1) {
                let saved = row[j]
                row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] == b[j - 1] ? 0 : 1))
                previous = saved
            }
        }
        return row[b.count]
    }
}

private extension StringProtocol {
    var lowercasedFirst: String { prefix(1).lowercased() + dropFirst() }
}
