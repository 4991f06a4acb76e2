import Foundation

/// An ISO 3166-1 alpha-2 country code, upper-cased (`ME`, `DE`, `GB`).
public struct CountryCode: Hashable, Codable, Sendable, CustomStringConvertible {
    public let code: String

    public static let montenegro = CountryCode(known: "ME")
    public static let germany = CountryCode(known: "DE")

    private static let assigned: Set<String> = Set(Locale.Region.isoRegions.map(\.identifier).filter { $0.count == 2 })

    public init(_ input: String) throws(PanelError) {
        let code = input.trimmingCharacters(in: .whitespaces).uppercased()
        guard code.count == 2, Self.assigned.contains(code) else {
            throw .invalidInput("\"\(input)\" is not an ISO 3166-1 country code (use two letters, such as DE or ME)")
        }
        self.code = code
    }

    private init(known: String) { code = known }
    public init(stored: String) { code = stored }

    public var description: String { code }

    public init(from decoder: any Decoder) throws {
        self = try CountryCode(try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(code)
    }
}
