import Foundation

/// A customer username: an email address, compared case-insensitively (stored lower-cased).
public struct EmailAddress: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    public let value: String

    public init(_ input: String) throws(PanelError) {
        let text = input.trimmingCharacters(in: .whitespaces).lowercased()
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[0].utf8.count <= 64, text.utf8.count <= 254,
              parts[0].unicodeScalars.allSatisfy({ $0.isASCII && $0.value > 0x20 && $0.value < 0x7F && !"()<>[]\\,;:\"".unicodeScalars.contains($0) }),
              !parts[0].hasPrefix("."), !parts[0].hasSuffix("."), !parts[0].contains("..")
        else {
            throw .invalidInput("\"\(input)\" is not a valid email address (expected name@example.com)")
        }
        do {
            _ = try DomainName(String(parts[1]))
        } catch {
            throw .invalidInput("\"\(input)\" is not a valid email address: \(error)")
        }
        value = text
    }

    public init(stored: String) { value = stored }

    public var description: String { value }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.value < rhs.value }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        self = try EmailAddress(text)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}
