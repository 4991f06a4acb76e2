import PanelModel

/// An order search on PostgreSQL: the same matches as `OrderSearchPlan` (`SearchTerms`: a
/// domain substring in either form, for resellers and operators a username substring, order
/// IDs starting with the digits). Each way of matching is its own SELECT, which pg_trgm's GIN
/// indexes (`orders_domain_trigram`, `customers_username_trigram`) or the primary key answer,
/// stopped past the cap; their union gives the count. Up to the cap the matches are sorted for
/// the page; more are dense enough that a walk of the sort's index fills the page sooner
/// (bounded: clustered matches are sorted after all).
struct PostgresOrderSearch {
    let principal: Principal
    let query: OrderQuery
    let terms: SearchTerms?
    let countCap: Int
    /// Sees each statement before it runs (the benchmark's floor replays them through psql).
    var record: ((String, SQLArguments) -> Void)?

    init(_ principal: Principal, _ query: OrderQuery, countCap: Int = OrderPage.countCap) {
        self.principal = principal
        self.query = query
        self.countCap = countCap
        let matchesUsernames = if case .customer = principal { false } else { true }
        terms = SearchTerms(query.text, matchesUsernames: matchesUsernames)
    }

    func page(_ db: any SQLConnection) throws -> OrderPage {
        let cap = max(countCap, query.offset + query.limit)
        let common = commonConditions()
        guard let terms else {
            let count = try fetchCount("SELECT count(*) FROM (SELECT 1 FROM orders o WHERE \(common.sql) LIMIT ?) matched",
                                       common.arguments + [cap + 1], db)
            return try page(rows: rows(where: common, db), count: count, cap: cap)
        }
        // Each way of matching on its own, through its own index, stopped past the cap: the
        // planner sees the LIMIT and reads a dense match's table in order instead of building
        // a bitmap of half the orders.
        let arms = try matchArms(terms, common, db)
        let limited = union(arms.map { ("(\($0.sql) LIMIT ?)", $0.arguments + [cap + 1]) })
        let count = try fetchCount("SELECT count(*) FROM (\(limited.sql)) matched", limited.arguments, db)
        let rows: [OrderSummary]
        if count <= cap {
            // All of them are in `limited` (no arm reached its limit): sort just those.
            rows = try self.rows(where: ("o.id IN (\(limited.sql))", limited.arguments), db)
        } else {
            rows = try walkedRows(terms, common, db) ?? self.rows(where: ("o.id IN (\(union(arms).sql))", union(arms).arguments), db)
        }
        return try page(rows: rows, count: count, cap: cap)
    }

    /// Orders tested one by one in the sort's order, up to the key of the `walkBudget`th
    /// order: the page when they hold it, else nil (the matches cluster elsewhere, as "xn--"
    /// names do at the end of the domain order, and sorting every match reads less).
    private func walkedRows(_ terms: SearchTerms, _ common: (sql: String, arguments: SQLArguments),
                            _ db: any SQLConnection) throws -> [OrderSummary]? {
        guard query.limit > 0 else { return [] }
        var condition = and([common, try rowCondition(terms, db: db)])
        let key = switch query.sort {
        case .id: "o.id"
        case .domain: "o.domain"
        case .expiry: "o.expires_at"
        }
        let budget = max(Self.walkBudget, 4 * (query.offset + query.limit))
        let boundary = "SELECT \(key) FROM orders o ORDER BY \(orderBy) LIMIT 1 OFFSET ?"
        record?(boundary, [budget - 1])
        guard let last = try SQLValue.fetchOne(db, sql: boundary, arguments: [budget - 1]) else {
            return try rows(where: condition, db)   // fewer orders than the budget: the walk is whole
        }
        condition = and([("\(key) \(query.descending ? ">=" : "<=") ?", [last]), condition])
        let walked = try rows(where: condition, db)
        return walked.count == query.limit ? walked : nil
    }

    /// Orders a walk tests before it gives up for a sort of every match.
    static let walkBudget = 20_000

    private func page(rows: [OrderSummary], count: Int, cap: Int) throws -> OrderPage {
        OrderPage(rows: rows, total: min(count, cap), offset: query.offset, totalIsCapped: count > cap, matchNote: terms?.matchNote)
    }

    private func fetchCount(_ sql: String, _ arguments: SQLArguments, _ db: any SQLConnection) throws -> Int {
        record?(sql, arguments)
        return try Int.fetchOne(db, sql: sql, arguments: arguments) ?? 0
    }

    /// The page of orders `condition` (on `orders o`) names, in the query's order.
    private func rows(where condition: (sql: String, arguments: SQLArguments), _ db: any SQLConnection) throws -> [OrderSummary] {
        let sql = """
            SELECT o.id, o.product, o.domain, o.domain_unicode, o.status, o.expires_at, o.customer_id, c.username
            FROM orders o JOIN customers c ON c.id = o.customer_id
            WHERE \(condition.sql)
            ORDER BY \(orderBy) LIMIT ? OFFSET ?
            """
        let arguments = condition.arguments + [query.limit, query.offset]
        record?(sql, arguments)
        return try SQLRow.fetchAll(db, sql: sql, arguments: arguments).map(OrderSummary.init(row:))
    }

    /// Scope and filters, on `orders o`.
    func commonConditions() -> (sql: String, arguments: SQLArguments) {
        var conditions = [Scope.customerCondition(principal)]
        if let product = query.product { conditions.append(("o.product = ?", [product.rawValue])) }
        if let status = query.status { conditions.append(("o.status = ?", [status.rawValue])) }
        return and(conditions)
    }

    /// One SELECT of order IDs per way of matching (ID prefix, domain, Unicode domain, username).
    func matchArms(_ terms: SearchTerms, _ common: (sql: String, arguments: SQLArguments),
                   _ db: any SQLConnection) throws -> [(sql: String, arguments: SQLArguments)] {
        let pattern = "%" + Self.escapedForLike(terms.text) + "%"
        var arms: [(sql: String, arguments: SQLArguments)] = []
        func arm(_ from: String, _ match: (sql: String, arguments: SQLArguments)) {
            let all = and([match, common])
            arms.append(("SELECT o.id FROM \(from) WHERE \(all.sql)", all.arguments))
        }
        if let ids = try idCondition(terms, db) { arm("orders o", ids) }
        // The stored ASCII form holds no other characters: "bü" can only be in the Unicode form.
        if terms.text.unicodeScalars.allSatisfy(\.isASCII) { arm("orders o", ("o.domain LIKE ?", [pattern])) }
        arm("orders o", ("o.domain_unicode <> o.domain AND o.domain_unicode LIKE ?", [pattern]))
        if let username = usernameTest(terms, alias: "u") {
            arm("customers u JOIN orders o ON o.customer_id = u.id", username)
        }
        return arms
    }

    /// The whole match on one order, for a walk of the sort's index.
    func rowCondition(_ terms: SearchTerms, db: any SQLConnection) throws -> (sql: String, arguments: SQLArguments) {
        let pattern = "%" + Self.escapedForLike(terms.text) + "%"
        var parts: [(sql: String, arguments: SQLArguments)] = []
        if let ids = try idCondition(terms, db) { parts.append(ids) }
        parts.append(("o.domain LIKE ?", [pattern]))
        parts.append(("(o.domain_unicode <> o.domain AND o.domain_unicode LIKE ?)", [pattern]))
        if let username = usernameTest(terms, alias: "u") {
            parts.append(("o.customer_id IN (SELECT u.id FROM customers u WHERE \(username.sql))", username.arguments))
        }
        return ("(" + parts.map(\.sql).joined(separator: " OR ") + ")", parts.reduce(into: SQLArguments()) { $0 += $1.arguments })
    }

    private func idCondition(_ terms: SearchTerms, _ db: any SQLConnection) throws -> (sql: String, arguments: SQLArguments)? {
        guard terms.idPrefix != nil else { return nil }
        record?("SELECT max(id) FROM orders", [])
        let maxID = try Int64.fetchOne(db, sql: "SELECT max(id) FROM orders") ?? 0
        return SearchTerms.idCondition(terms.idRanges(upTo: maxID))
    }

    /// The username test on customers `alias`: the trigram index finds the username; without
    /// "@" in the text the match must also be in the part before it.
    private func usernameTest(_ terms: SearchTerms, alias: String) -> (sql: String, arguments: SQLArguments)? {
        guard terms.matchesUsernames else { return nil }
        let pattern = "%" + Self.escapedForLike(terms.text) + "%"
        if terms.text.contains("@") { return ("\(alias).username LIKE ?", [pattern]) }
        return ("\(alias).username LIKE ? AND split_part(\(alias).username, '@', 1) LIKE ?", [pattern, pattern])
    }

    private func union(_ arms: [(sql: String, arguments: SQLArguments)]) -> (sql: String, arguments: SQLArguments) {
        (arms.map(\.sql).joined(separator: " UNION "), arms.reduce(into: SQLArguments()) { $0 += $1.arguments })
    }

    private func and(_ conditions: [(sql: String, arguments: SQLArguments)]) -> (sql: String, arguments: SQLArguments) {
        guard !conditions.isEmpty else { return ("TRUE", []) }
        return (conditions.map(\.sql).joined(separator: " AND "), conditions.reduce(into: SQLArguments()) { $0 += $1.arguments })
    }

    /// The query's order; the ID breaks ties in the same direction (indexes on (key, id)).
    var orderBy: String {
        let direction = query.descending ? "DESC" : "ASC"
        return switch query.sort {
        case .id: "o.id \(direction)"
        case .domain: "o.domain \(direction), o.id \(direction)"
        case .expiry: "o.expires_at \(direction), o.id \(direction)"
        }
    }

    /// `text` matched literally by LIKE (whose escape character is a backslash by default).
    static func escapedForLike(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
    }
}
