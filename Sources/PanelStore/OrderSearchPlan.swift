import GRDB
import PanelModel

/// How one order search reads the database so that it stops early: the first page plus a
/// count that stops at the cap, never every match.
///
/// - scan: a customer's orders, or a reseller's when it has few, are tested one by one.
/// - matched: the matches are found through the indexes (trigram index on domains and
///   usernames, order ID ranges; one character, which no index answers, reads the orders and
///   the customers in turn), each source in turn until the count reaches the cap; when they
///   are few they are sorted for the page.
/// - walk: the orders are read in the order of the sort (its index) and each is tested, until
///   the page is full: when matches are many (or the text is one character, which no index
///   answers) the page fills at once.
struct OrderSearchPlan {
    let principal: Principal
    let query: OrderQuery
    let tuning: PanelDatabase.SearchTuning
    let terms: SearchTerms?

    init(_ principal: Principal, _ query: OrderQuery, tuning: PanelDatabase.SearchTuning) {
        self.principal = principal
        self.query = query
        self.tuning = tuning
        let matchesUsernames = if case .customer = principal { false } else { true }
        terms = SearchTerms(query.text, matchesUsernames: matchesUsernames)
    }

    /// Rows to read: `from` names the order `o` (and its customer `c` when `hasCustomer`).
    struct Source {
        var from: String
        var condition: String
        var arguments: StatementArguments
        var hasCustomer: Bool
    }

    func page(_ db: Database) throws -> OrderPage {
        // Never cap below what the page itself shows, so scrolling past 10,000 keeps counting.
        let cap = max(tuning.countCap, query.offset + query.limit)
        let ranges = try terms.map { terms in
            terms.idPrefix == nil ? [] : terms.idRanges(upTo: try Int64.fetchOne(db, sql: "SELECT max(id) FROM orders") ?? 0)
        } ?? []
        let count: Int
        let source: Source
        if try isScanned(db) {
            source = scan(ranges)
            count = try Self.count(source, cap: cap, db)
        } else if let terms {
            let arms = matchArms(terms, ranges)
            count = try Int.fetchOne(db, sql: "SELECT count(*) FROM (\(arms.sql) LIMIT ?)", arguments: arms.arguments + [cap + 1]) ?? 0
            source = count <= tuning.sortLimit
                ? Source(from: "(\(arms.sql)) m CROSS JOIN orders o ON o.id = m.id", condition: "1", arguments: arms.arguments, hasCustomer: false)
                : walk(ranges)
        } else {
            source = walk(ranges)
            count = try Self.count(source, cap: cap, db)
        }
        let rows = try Self.rows(source, query, db)
        return OrderPage(rows: rows, total: min(count, cap), offset: query.offset, totalIsCapped: count > cap,
                         matchNote: terms?.matchNote)
    }

    /// Whether the principal's orders are few enough to test each: a customer's always, a
    /// reseller's when it has at most `scanLimit`.
    func isScanned(_ db: Database) throws -> Bool {
        switch principal {
        case .customer: return true
        case .operator: return false
        case .reseller:
            let scope = Scope.customerRowCondition(principal, alias: "c")
            let orders = try Int.fetchOne(db, sql: """
                SELECT count(*) FROM (SELECT 1 FROM customers c CROSS JOIN orders o ON o.customer_id = c.id WHERE \(scope.sql) LIMIT ?)
                """, arguments: scope.arguments + [tuning.scanLimit + 1]) ?? 0
            return orders <= tuning.scanLimit
        }
    }

    /// The principal's customers, then each one's orders (through `orders_customer`).
    func scan(_ ranges: [ClosedRange<Int64>]) -> Source {
        var conditions = [Scope.customerRowCondition(principal, alias: "c")] + filters()
        if let terms { conditions.append(terms.rowCondition(ranges, customer: "c")) }
        return Source(from: "customers c CROSS JOIN orders o ON o.customer_id = c.id", condition: Self.and(conditions).sql,
                      arguments: Self.and(conditions).arguments, hasCustomer: true)
    }

    /// Every order in the sort's order, each tested.
    func walk(_ ranges: [ClosedRange<Int64>]) -> Source {
        var conditions = [Scope.customerCondition(principal)] + filters()
        if let terms { conditions.append(terms.rowCondition(ranges)) }
        let all = Self.and(conditions)
        return Source(from: "orders o", condition: all.sql, arguments: all.arguments, hasCustomer: false)
    }

    /// One SELECT of order IDs per way of matching, each leaving out what an earlier one found,
    /// so `UNION ALL` streams them without duplicates and a LIMIT stops the whole.
    func matchArms(_ terms: SearchTerms, _ ranges: [ClosedRange<Int64>]) -> (sql: String, arguments: StatementArguments) {
        let common = [Scope.customerCondition(principal)] + filters()
        var arms: [(String, StatementArguments)] = []
        var earlier: [(sql: String, arguments: StatementArguments)] = []
        func add(from: String, match: (sql: String, arguments: StatementArguments), then found: (sql: String, arguments: StatementArguments)) {
            let excluded = earlier.map { (sql: "NOT \($0.sql)", arguments: $0.arguments) }
            let all = Self.and([match] + excluded + common)
            arms.append(("SELECT o.id FROM \(from) WHERE \(all.sql)", all.arguments))
            earlier.append(found)
        }
        if let id = SearchTerms.idCondition(ranges) {
            add(from: "orders o", match: id, then: id)
        }
        if let domain = terms.domainIndexQuery {
            var match: (sql: String, arguments: StatementArguments) = ("order_search MATCH ?", [domain.query])
            if domain.recheck { match = Self.and([match, terms.domainCondition]) }
            add(from: "order_search CROSS JOIN orders o ON o.id = order_search.rowid", match: match, then: terms.domainCondition)
        } else {
            add(from: "orders o", match: terms.domainCondition, then: terms.domainCondition)
        }
        if let found = terms.usernameCondition() {
            if let username = terms.usernameIndexQuery {
                add(from: "customer_search CROSS JOIN orders o ON o.customer_id = customer_search.rowid",
                    match: ("customer_search MATCH ?", [username]), then: found)
            } else if let test = terms.usernameCondition(customer: "c") {
                add(from: "customers c CROSS JOIN orders o ON o.customer_id = c.id", match: test, then: found)
            }
        }
        return (arms.map(\.0).joined(separator: " UNION ALL "), arms.reduce(into: StatementArguments()) { $0 += $1.1 })
    }

    /// Product and status filters.
    func filters() -> [(sql: String, arguments: StatementArguments)] {
        var clauses: [(sql: String, arguments: StatementArguments)] = []
        if let product = query.product { clauses.append(("o.product = ?", [product.rawValue])) }
        if let status = query.status { clauses.append(("o.status = ?", [status.rawValue])) }
        return clauses
    }

    static func and(_ conditions: [(sql: String, arguments: StatementArguments)]) -> (sql: String, arguments: StatementArguments) {
        guard !conditions.isEmpty else { return ("1", []) }
        return (conditions.map(\.sql).joined(separator: " AND "), conditions.reduce(into: StatementArguments()) { $0 += $1.arguments })
    }

    /// How many rows `source` has, stopping past `cap`.
    static func count(_ source: Source, cap: Int, _ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count(*) FROM (SELECT 1 FROM \(source.from) WHERE \(source.condition) LIMIT ?)",
                         arguments: source.arguments + [cap + 1]) ?? 0
    }

    /// The page of `source` in the query's order. The ID breaks ties in the same direction, so
    /// each sort is one index read forwards or backwards.
    static func rows(_ source: Source, _ query: OrderQuery, _ db: Database) throws -> [OrderSummary] {
        let direction = query.descending ? "DESC" : "ASC"
        let orderBy = switch query.sort {
        case .id: "o.id \(direction)"
        case .domain: "o.domain \(direction), o.id \(direction)"
        case .expiry: "o.expires_at \(direction), o.id \(direction)"
        }
        let from = source.hasCustomer ? source.from : "\(source.from) CROSS JOIN customers c ON c.id = o.customer_id"
        return try Row.fetchAll(db, sql: """
            SELECT o.id, o.product, o.domain, o.domain_unicode, o.status, o.expires_at, o.customer_id, c.username
            FROM \(from) WHERE \(source.condition) ORDER BY \(orderBy) LIMIT ? OFFSET ?
            """, arguments: source.arguments + [query.limit, query.offset]).map(OrderSummary.init(row:))
    }
}
