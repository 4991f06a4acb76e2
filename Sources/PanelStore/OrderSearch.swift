import Foundation
import PanelModel

/// What the order list asks for: a free-text query plus filters, a sort and a page.
public struct OrderQuery: Sendable, Equatable {
    public enum Sort: String, CaseIterable, Sendable { case expiry, domain, id }

    public var text: String
    public var product: Product?
    public var status: OrderStatus?
    public var sort: Sort
    public var descending: Bool
    public var limit: Int
    public var offset: Int

    public init(text: String = "", product: Product? = nil, status: OrderStatus? = nil, sort: Sort = .id,
                descending: Bool = false, limit: Int = 30, offset: Int = 0) {
        self.text = text
        self.product = product
        self.status = status
        self.sort = sort
        self.descending = descending
        self.limit = limit
        self.offset = offset
    }
}

/// One line of the order list.
public struct OrderSummary: Sendable, Equatable, Codable {
    public var id: OrderID
    public var product: Product
    public var domain: DomainName
    public var domainUnicode: String
    public var status: OrderStatus
    public var expiresAt: Date
    public var customerID: CustomerID
    public var customerUsername: String
}

public struct OrderPage: Sendable, Equatable, Codable {
    public var rows: [OrderSummary]
    /// How many orders match in all, for "1-30 of 12,408".
    public var total: Int
    public var offset: Int
    /// True when more than `OrderPage.countCap` orders match (or more than the page reaches,
    /// past that) and `total` is that cap ("1-30 of 10,000+"): counting every match of a
    /// one-letter query over a million orders would cost a second per keystroke.
    public var totalIsCapped = false
    /// What the text matched when it is more than a domain substring, for the list to say:
    /// `order IDs starting with 10, or domains or usernames containing "10"`.
    public var matchNote: String?

    public static let countCap = 10_000

    /// "12,408" or "10,000+".
    public var totalText: String {
        GroupedNumber.text(total) + (totalIsCapped ? "+" : "")
    }
}

extension OrderSummary {
    init(row: SQLRow) throws {
        self.init(
            id: OrderID(row["id"]),
            product: try Product(rawValue: row["product"]).orThrow("orders.product"),
            domain: DomainName(storedASCII: row["domain"]),
            domainUnicode: row["domain_unicode"],
            status: try OrderStatus(rawValue: row["status"]).orThrow("orders.status"),
            expiresAt: StoredDate.date(row, "expires_at"),
            customerID: CustomerID(row["customer_id"]),
            customerUsername: row["username"])
    }
}

extension PanelDatabase {
    /// The orders `principal` may see that match `query`: the page asked for and how many
    /// match, counted up to `OrderPage.countCap` ("10,000+"). What text matches is in
    /// `SearchTerms`; how each search stops early is in `OrderSearchPlan`.
    ///
    /// Inside a Task, cancelling the Task stops the search (`CancellationError`).
    public func searchOrders(as principal: Principal, _ query: OrderQuery) throws -> OrderPage {
        try searchOrders(as: principal, query, tuning: .standard)
    }

    /// Where a search changes plan; tests use small numbers to reach every plan with small data.
    struct SearchTuning {
        /// Counts stop here ("10,000+").
        var countCap: Int
        /// A reseller with at most this many orders has each of them tested.
        var scanLimit: Int
        /// Up to this many matches found through the indexes are sorted for the page; more
        /// are dense enough that walking the sort's index fills the page sooner.
        var sortLimit: Int
        /// How many orders in the sort's order are tested for the page before the matches are
        /// sorted instead.
        var walkLimit: Int
        static let standard = SearchTuning(countCap: OrderPage.countCap, scanLimit: 20_000, sortLimit: 1_000, walkLimit: 3_000)
    }

    func searchOrders(as principal: Principal, _ query: OrderQuery, tuning: SearchTuning) throws -> OrderPage {
        guard query.limit >= 0, query.limit <= 10_000, query.offset >= 0 else {
            throw PanelError.invalidInput("the page must have a limit from 0 to 10,000 and a non-negative offset")
        }
        if dialect == .postgresql {
            let search = PostgresOrderSearch(principal, query, countCap: tuning.countCap)
            return try cancellableRead { db in try search.page(db) }
        }
        let plan = OrderSearchPlan(principal, query, tuning: tuning)
        return try cancellableRead { db in try plan.page(db) }
    }
}

extension OrderQuery {
    /// Product and status filters, on `orders o`.
    var filterConditions: [(sql: String, arguments: SQLArguments)] {
        var clauses: [(sql: String, arguments: SQLArguments)] = []
        if let product { clauses.append(("o.product = ?", [product.rawValue])) }
        if let status { clauses.append(("o.status = ?", [status.rawValue])) }
        return clauses
    }

    /// The query's order on `orders o`. The ID breaks ties in the same direction, so each sort
    /// is one index read forwards or backwards, on either store.
    var orderByClause: String {
        let direction = descending ? "DESC" : "ASC"
        return "\(sortKey) \(direction)" + (sort == .id ? "" : ", o.id \(direction)")
    }

    /// The column the query sorts on.
    var sortKey: String {
        switch sort {
        case .id: "o.id"
        case .domain: "o.domain"
        case .expiry: "o.expires_at"
        }
    }
}

/// Conditions of a search's SQL, each with its arguments, for both stores' plans.
enum SearchConditions {
    /// Every one of `conditions` (TRUE for none).
    static func all(_ conditions: [(sql: String, arguments: SQLArguments)]) -> (sql: String, arguments: SQLArguments) {
        guard !conditions.isEmpty else { return ("TRUE", []) }
        return (conditions.map(\.sql).joined(separator: " AND "), conditions.reduce(into: SQLArguments()) { $0 += $1.arguments })
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}

extension Optional {
    func orThrow(_ column: String) throws -> Wrapped {
        guard let self else { throw PanelError.invalidInput("the database holds an unknown value in \(column); was the file edited by hand?") }
        return self
    }
}
