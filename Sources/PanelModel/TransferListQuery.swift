/// One page of a reseller's internal transfers, as QueryTransferList (the requests it made)
/// and QueryForeignTransferList (the requests for domains it holds) ask for it, with the
/// API's list conventions: `FIRST` (0-based offset) and `LIMIT` (page size).
public struct TransferListQuery: Sendable, Equatable {
    public enum Direction: String, Sendable, CaseIterable {
        /// The requests the acting reseller made (it is the gaining side).
        case requested
        /// The requests for domains the acting reseller holds (it decides).
        case foreign
    }

    public var direction: Direction
    /// `*` matches any run of characters; matched against the domain's ASCII form. nil: any.
    public var domainPattern: String?
    /// nil: every state.
    public var state: InternalTransferState?
    public var first: Int
    public var limit: Int

    public static let defaultLimit = 100
    public static let maximumLimit = 1000

    public init(direction: Direction, domainPattern: String? = nil, state: InternalTransferState? = nil,
                first: Int = 0, limit: Int = defaultLimit) {
        self.direction = direction
        self.domainPattern = domainPattern
        self.state = state
        self.first = first
        self.limit = limit
    }

    /// The query from an API command's `DOMAIN`, `STATUS`, `FIRST` and `LIMIT`. The foreign list
    /// shows the requests awaiting the reseller's decision unless `STATUS` says otherwise
    /// (`STATUS=ALL` for every state); the requested list shows every state by default.
    public init(direction: Direction, command: SeedAPICommand) throws(PanelError) {
        self.init(direction: direction, state: direction == .foreign ? .pending : nil)
        if let domain = command["DOMAIN"], !domain.isEmpty { domainPattern = try Self.pattern(domain) }
        if let status = command["STATUS"], !status.isEmpty {
            if status.uppercased() == "ALL" {
                state = nil
            } else {
                guard let parsed = InternalTransferState(apiValue: status) else {
                    throw .invalidInput("STATUS must be \(InternalTransferState.apiValueList) (or ALL), not \(EchoedText.quoted(status))")
                }
                state = parsed
            }
        }
        first = try Self.number(command["FIRST"], name: "FIRST", default: 0, range: 0...Int(Int32.max))
        limit = try Self.number(command["LIMIT"], name: "LIMIT", default: Self.defaultLimit, range: 1...Self.maximumLimit)
    }

    /// A domain, or a pattern with `*`: letters, digits, `-`, `.` and `*` only (a U-label
    /// without `*` is converted to its A-label).
    public static func pattern(_ text: String) throws(PanelError) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if !trimmed.contains("*") {
            do { return try DomainName(trimmed).ascii } catch { throw .invalidInput("DOMAIN: \(error)") }
        }
        let allowed = trimmed.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "-.*".unicodeScalars.contains($0)) }
        guard allowed else {
            throw .invalidInput("DOMAIN \(EchoedText.quoted(trimmed)) is not a domain or a pattern: use letters, digits, -, . and * (any characters), such as *.com")
        }
        return trimmed.lowercased()
    }

    public static func number(_ text: String?, name: String, default value: Int, range: ClosedRange<Int>) throws(PanelError) -> Int {
        guard let text, !text.isEmpty else { return value }
        guard let number = Int(text), range.contains(number) else {
            throw .invalidInput("\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound), not \(EchoedText.quoted(text))")
        }
        return number
    }
}

/// One page of requests and where it lies in the whole list: the API's `FIRST`, `LAST`,
/// `COUNT`, `TOTAL` and `LIMIT` (what the official SDK reads to page).
public struct TransferListPage: Sendable, Equatable {
    public var requests: [InternalTransferRequest]
    public var first: Int
    public var limit: Int
    public var total: Int

    public init(requests: [InternalTransferRequest], first: Int, limit: Int, total: Int) {
        self.requests = requests
        self.first = first
        self.limit = limit
        self.total = total
    }

    public var count: Int { requests.count }
    /// The index of the last row on this page; `first - 1` when the page is empty.
    public var last: Int { first + count - 1 }
    public var hasNextPage: Bool { first + limit < total }
}
