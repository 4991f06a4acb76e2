import Foundation
import PanelModel

/// What a load wrote, for the command's summary.
public struct LoadSummary: Sendable, Equatable, Codable {
    public var resellers = 0, customers = 0, contacts = 0, orders = 0, certificates = 0, invoices = 0, transferRequests = 0
    public var transactionID = ""
}

extension FixtureFile {
    /// Decodes a fixture, turning JSON and shape errors into messages that name the field.
    /// Syntax, unknown keys and lengths are checked first (`FixtureShape`), then the types.
    public static func decode(_ data: Data) throws -> FixtureFile {
        let tree = try FixtureShape.check(data)
        do {
            return try JSONDecoder().decode(FixtureFile.self, from: data)
        } catch let error as DecodingError {
            throw PanelError.invalidInput(FixtureDecodingMessage.describe(error, tree: tree))
        }
    }
}

extension PanelDatabase {
    /// Loads a fixture: all of it in one transaction, or nothing. Every record is validated
    /// against the file and the database before anything is written.
    @discardableResult
    public func load(_ file: FixtureFile, as principal: Principal = .operator, source: String, clock: any Clock = SystemClock()) throws -> LoadSummary {
        // The slow hashes are computed before taking the write lock.
        var passwordHashes: [Int: String] = [:]
        for (index, customer) in file.customers.enumerated() {
            if let password = customer.password {
                guard password.count >= 8 else {
                    throw PanelError.invalidInput("customers[\(index)].password: a password needs at least 8 characters")
                }
                passwordHashes[index] = try PasswordHasher.hash(password)
            }
        }
        var authHashes: [Int: String] = [:]
        for (index, request) in file.transferRequests.enumerated() {
            if let code = request.authCode { authHashes[index] = try PasswordHasher.hash(code) }
        }
        return try write { db in
            var converter = FixtureConverter(db: db, passwordHashes: passwordHashes, authCodeHashes: authHashes)
            let world = try converter.convert(file)
            try world.insert(db)
            var summary = LoadSummary(resellers: world.resellers.count, customers: world.customers.count, contacts: world.contacts.count,
                                      orders: world.orders.count, certificates: world.certificates.count,
                                      invoices: world.invoices.count, transferRequests: world.transferRequests.count)
            summary.transactionID = try AuditLog.record(db, principal: principal, action: "db.load", subject: source,
                                                        summary: "loaded \(summary.orders) orders, \(summary.customers) customers, \(summary.resellers) resellers",
                                                        at: clock.now)
            return summary
        }
    }
}

/// Turns a `DecodingError` into `orders[3].expires: …`.
enum FixtureDecodingMessage {
    /// `tree` is the parsed JSON, to say what was found instead (Swift's own text names Swift
    /// types such as `Dictionary<String, Any>`).
    static func describe(_ error: DecodingError, tree: Any? = nil) -> String {
        switch error {
        case .typeMismatch(let type, let context):
            let found = tree.map { ", found " + FixtureShape.kind(of: FixtureShape.value(at: context.codingPath, in: $0)) } ?? ""
            return "\(path(context.codingPath)): expected \(typeName(type))\(found)"
        case .valueNotFound(let type, let context):
            return "\(path(context.codingPath)): expected \(typeName(type)), found null"
        case .keyNotFound(let key, let context):
            return "\(path(context.codingPath + [key])): this field is required"
        case .dataCorrupted(let context):
            let underlying = (context.underlyingError as NSError?)?.userInfo[NSDebugDescriptionErrorKey] as? String
            let detail = underlying ?? context.debugDescription
            return context.codingPath.isEmpty ? "the file is not valid JSON: \(detail)" : "\(path(context.codingPath)): the value cannot be read (a number too large, or not of the expected kind)"
        @unknown default:
            return "the file could not be read"
        }
    }

    static func path(_ keys: [any CodingKey]) -> String {
        var text = ""
        for key in keys {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += text.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return text.isEmpty ? "(top level)" : text
    }

    private static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int64.Type, is Int.Type: "a whole number"
        case is Bool.Type: "true or false"
        case is [String].Type: "a list of strings"
        default: "\(type)".hasPrefix("Array") ? "a list" : "an object"
        }
    }
}
