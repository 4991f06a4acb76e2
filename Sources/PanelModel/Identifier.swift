/// A typed numeric identifier, so a customer's ID can never be passed where an
/// order's is expected. Encodes as a bare integer.
public struct Identifier<Tag>: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    public let rawValue: Int64

    public init(_ rawValue: Int64) { self.rawValue = rawValue }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(Int64.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
    public var description: String { String(rawValue) }
}

public typealias ResellerID = Identifier<Reseller>
public typealias CustomerID = Identifier<Customer>
public typealias ContactID = Identifier<Contact>
public typealias OrderID = Identifier<Order>
public typealias TransferRequestID = Identifier<InternalTransferRequest>
