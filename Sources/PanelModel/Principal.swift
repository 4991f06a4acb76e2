/// Who is acting. Every read and write in the store is scoped by one.
public enum Principal: Hashable, Sendable, CustomStringConvertible {
    case customer(CustomerID)
    case reseller(ResellerID)
    case `operator`

    /// Parses the `--as` syntax: `customer:ID`, `reseller:ID` or `operator`.
    public init(parsing text: String) throws(PanelError) {
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        switch (parts.first?.lowercased(), parts.count) {
        case ("operator", 1):
            self = .operator
        case ("customer", 2):
            guard let id = Int64(parts[1]), id > 0 else { throw Self.badSyntax(text) }
            self = .customer(CustomerID(id))
        case ("reseller", 2):
            guard let id = Int64(parts[1]), id > 0 else { throw Self.badSyntax(text) }
            self = .reseller(ResellerID(id))
        default:
            throw Self.badSyntax(text)
        }
    }

    private static func badSyntax(_ text: String) -> PanelError {
        .invalidInput("\"\(text)\" is not a principal; use customer:ID, reseller:ID or operator (for example --as customer:100001)")
    }

    /// The form written to audit entries and accepted by `--as`.
    public var description: String {
        switch self {
        case .customer(let id): "customer:\(id)"
        case .reseller(let id): "reseller:\(id)"
        case .operator: "operator"
        }
    }
}
