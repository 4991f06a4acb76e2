import PanelModel

/// An order search on PostgreSQL: the same matches as `OrderSearchPlan` (`SearchTerms`: a
/// domain substring in either form, for resellers and operators a username substring, order
/// IDs starting with the digits), read so that it stops early:
///
/// - scan: a customer's orders, or a reseller's when it has few, are tested one by one (through
///   `orders_customer`), with the count in the same read.
/// - matched: each way of matching is its own SELECT, which pg_trgm's GIN indexes
///   (`orders_domain_trigram`, `customers_username_trigram`) or the primary key answer, each
///   leaving out what an earlier one found, so `UNION ALL` streams them and one LIMIT past the
///   cap stops the whole count. Up to the cap the matches are sorted for the page.
/// - walk: more are dense enough that a walk of the sort's index fills the page sooner
///   (bounded: clustered matches are sorted after all).
struct PostgresOrderSearch {
    let principal: Principal
    let query: OrderQuery
    let terms: SearchTerms?
    let countCap: Int
    /// Sees each statement before it runs (the benchmark's floor replays them through psql).
    var record: ((String, SQLArguments) -> Void)?
    /// The reseller tree of a reseller principal, once read (`resellerTree`).
    private var resellers: [Int64]?

    typealias Condition = (sql: String, arguments: SQLArguments)

    /// A reseller with at most this many orders has each of them tested.
    static let scanLimit = 20_000
    /// Orders a walk tests before it gives up for a sort of every match.
    static let walkBudget = 20_000

    init(_ principal: Principal, _ query: OrderQuery, countCap: Int = OrderPage.countCap) {
        self.principal = principal
        self.query = query
        self.countCap = countCap
        let matchesUsernames = if case .customer = principal { false } else { true }
        terms = SearchTerms(query.text, matchesUsernames: matchesUsernames)
    }

    /// One way of matching: `from` (naming the order `o`) and its test, and the same test on
    /// an order alone (`row`), to leave out what it found or to test orders one by one.
    struct Match {
        var from: String
        var test: Condition
        var row: Condition
    }

    func page(_ db: any SQLConnection) throws -> OrderPage {
        var search = self
        search.resellers = try resellerTree(db)
        return try search.resolvedPage(db)
    }

    /// A reseller's own ID and its sub-resellers', read first: as a list of numbers the
    /// planner knows how few customers they have (a recursive query inside the search reads to
    /// it as a tenth of the table).
    private func resellerTree(_ db: any SQLConnection) throws -> [Int64]? {
        guard case .reseller(let id) = principal else { return nil }
        let sql = "WITH RECURSIVE tree(id) AS (SELECT ? UNION SELECT r.id FROM resellers r JOIN tree ON r.parent_id = tree.id) SELECT id FROM tree"
        record?(sql, [id.rawValue])
        return try Int64.fetchAll(db, sql: sql, arguments: [id.rawValue])
    }

    /// The principal's restriction on customers `alias`.
    private func customerScope(alias: String) -> Condition {
        guard let resellers else { return Scope.customerRowCondition(principal, alias: alias) }
        return ("\(alias).reseller_id IN (\(resellers.map { _ in "?" }.joined(separator: ", ")))", SQLArguments(resellers))
    }

    /// The principal's restriction on `orders o`.
    private func orderScope() -> Condition {
        guard resellers != nil else { return Scope.customerCondition(principal) }
        let customers = customerScope(alias: "sc")
        return ("o.customer_id IN (SELECT sc.id FROM customers sc WHERE \(customers.sql))", customers.arguments)
    }

    private func resolvedPage(_ db: any SQLConnection) throws -> OrderPage {
        let cap = max(countCap, query.offset + query.limit)
        let common = commonConditions()
        let matches = try terms.map { try self.matches($0, db) } ?? []
        let row = rowCondition(matches)
        if try isScanned(db) {
            return try scanned(row, cap: cap, db)
        }
        guard !matches.isEmpty else {
            let count = try fetchCount("SELECT count(*) FROM (SELECT 1 FROM orders o WHERE \(common.sql) LIMIT ?) matched",
                                       common.arguments + [cap + 1], db)
            return page(rows: try rows(where: common, db), count: count, cap: cap)
        }
        let arms = self.arms(matches, common, limit: cap + 1)
        let count = try fetchCount("SELECT count(*) FROM (SELECT id FROM (\(arms.sql)) found LIMIT ?) matched",
                                   arms.arguments + [cap + 1], db)
        let rows: [OrderSummary]
        if count <= cap {
            // Every match is among the arms' rows: sort just those.
            rows = try self.rows(where: ("o.id IN (\(arms.sql))", arms.arguments), db)
        } else {
            if let walked = try walkedRows(SearchConditions.all([common, row]), db) {
                rows = walked
            } else {
                let all = self.arms(matches, common, limit: nil)
                rows = try self.rows(where: ("o.id IN (\(all.sql))", all.arguments), db)
            }
        }
        return page(rows: rows, count: count, cap: cap)
    }

    // MARK: Plans

    /// Whether the principal's orders are few enough to test each: a customer's always, a
    /// reseller's when it has at most `scanLimit`.
    private func isScanned(_ db: any SQLConnection) throws -> Bool {
        switch principal {
        case .customer: return true
        case .operator: return false
        case .reseller:
            let scope = customerScope(alias: "c")
            let orders = try fetchCount("""
                SELECT count(*) FROM (SELECT 1 FROM customers c JOIN orders o ON o.customer_id = c.id WHERE \(scope.sql) LIMIT ?) owned
                """, scope.arguments + [Self.scanLimit + 1], db)
            return orders <= Self.scanLimit
        }
    }

    /// The principal's customers, then each one's orders (a materialized CTE, so the planner
    /// cannot trade it for a walk of a whole index on a poor estimate of the text's matches),
    /// tested; the page and the count in one read (the count apart only when the page is past
    /// the end).
    private func scanned(_ condition: Condition, cap: Int, _ db: any SQLConnection) throws -> OrderPage {
        let scope = customerScope(alias: "c")
                let owned = SearchConditions.all([scope] + query.filterConditions)
        let from = """
            WITH o AS MATERIALIZED (
                SELECT o.id, o.product, o.domain, o.domain_unicode, o.status, o.expires_at, o.customer_id, c.username
                FROM customers c JOIN orders o ON o.customer_id = c.id WHERE \(owned.sql))
            """
        let sql = """
            \(from)
            SELECT o.*, count(*) OVER () AS matched FROM o WHERE \(condition.sql)
            ORDER BY \(orderBy) LIMIT ? OFFSET ?
            """
        let arguments = owned.arguments + condition.arguments + [query.limit, query.offset]
        record?(sql, arguments)
        let found = try SQLRow.fetchAll(db, sql: sql, arguments: arguments)
        let count: Int
        if let first = found.first {
            count = first["matched"]
        } else if query.offset == 0 && query.limit > 0 {
            count = 0
        } else {
            count = try fetchCount("\(from) SELECT count(*) FROM o WHERE \(condition.sql)", owned.arguments + condition.arguments, db)
        }
        return page(rows: try found.map(OrderSummary.init(row:)), count: count, cap: cap)
    }

    /// Orders tested one by one in the sort's order, up to the key of the `walkBudget`th
    /// order: the page when they hold it, else nil (the matches cluster elsewhere, as "xn--"
    /// names do at the end of the domain order, and sorting every match reads less).
    private func walkedRows(_ condition: Condition, _ db: any SQLConnection) throws -> [OrderSummary]? {
        guard query.limit > 0 else { return [] }
        let key = query.sortKey
        let budget = max(Self.walkBudget, 4 * (query.offset + query.limit))
        let boundary = "SELECT \(key) FROM orders o ORDER BY \(orderBy) LIMIT 1 OFFSET ?"
        record?(boundary, [budget - 1])
        guard let last = try SQLValue.fetchOne(db, sql: boundary, arguments: [budget - 1]) else {
            return try rows(where: condition, db)   // fewer orders than the budget: the walk is whole
        }
        let walked = try rows(where: SearchConditions.all([("\(key) \(query.descending ? ">=" : "<=") ?", [last]), condition]), db)
        return walked.count == query.limit ? walked : nil
    }

    // MARK: Conditions

    /// Scope and filters, on `orders o`.
    func commonConditions() -> Condition {
        SearchConditions.all([orderScope()] + query.filterConditions)
    }


    /// The ways `terms` can match an order, cheapest first.
    func matches(_ terms: SearchTerms, _ db: any SQLConnection) throws -> [Match] {
        let pattern = "%" + Self.escapedForLike(terms.text) + "%"
        var matches: [Match] = []
        if terms.idPrefix != nil {
            record?("SELECT max(id) FROM orders", [])
            let maxID = try Int64.fetchOne(db, sql: "SELECT max(id) FROM orders") ?? 0
            if let ids = SearchTerms.idCondition(terms.idRanges(upTo: maxID)) {
                matches.append(Match(from: "orders o", test: ids, row: ids))
            }
        }
        // The stored ASCII form holds no other characters: "bü" can only be in the Unicode form.
        if terms.text.unicodeScalars.allSatisfy(\.isASCII) {
            let domain: Condition = ("o.domain LIKE ?", [pattern])
            matches.append(Match(from: "orders o", test: domain, row: domain))
        }
        // The partial trigram index holds IDNs only: the test names its condition.
        let unicode: Condition = ("(o.domain_unicode <> o.domain AND o.domain_unicode LIKE ?)", [pattern])
        matches.append(Match(from: "orders o", test: unicode, row: unicode))
        if terms.matchesUsernames {
            // The trigram index finds the username; without "@" in the text the match must
            // also be in the part before it.
            let test: Condition = terms.text.contains("@") ? ("u.username LIKE ?", [pattern])
                : ("(u.username LIKE ? AND split_part(u.username, '@', 1) LIKE ?)", [pattern, pattern])
            matches.append(Match(from: "customers u JOIN orders o ON o.customer_id = u.id", test: test,
                                 row: ("o.customer_id IN (SELECT u.id FROM customers u WHERE \(test.sql))", test.arguments)))
        }
        return matches
    }

    /// One SELECT of order IDs per match, each leaving out what an earlier one found, joined by
    /// UNION ALL (no duplicates, and it streams); each stopped past `limit` when given, which
    /// the planner sees: a dense match then reads its table in order instead of building a
    /// bitmap of half the orders.
    func arms(_ matches: [Match], _ common: Condition, limit: Int?) -> Condition {
        var arms: [Condition] = []
        for (index, match) in matches.enumerated() {
            let earlier = matches[..<index].map { (sql: "NOT \($0.row.sql)", arguments: $0.row.arguments) }
            let all = SearchConditions.all([match.test] + earlier + [common])
            let select = "SELECT o.id FROM \(match.from) WHERE \(all.sql)"
            arms.append(limit.map { ("(\(select) LIMIT ?)", all.arguments + [$0]) } ?? ("(\(select))", all.arguments))
        }
        return (arms.map(\.sql).joined(separator: " UNION ALL "), arms.reduce(into: SQLArguments()) { $0 += $1.arguments })
    }

    /// The whole match on one order (true without text).
    func rowCondition(_ matches: [Match]) -> Condition {
        guard !matches.isEmpty else { return ("TRUE", []) }
        return ("(" + matches.map(\.row.sql).joined(separator: " OR ") + ")", matches.reduce(into: SQLArguments()) { $0 += $1.row.arguments })
    }

    // MARK: Reading

    private func page(rows: [OrderSummary], count: Int, cap: Int) -> OrderPage {
        OrderPage(rows: rows, total: min(count, cap), offset: query.offset, totalIsCapped: count > cap, matchNote: terms?.matchNote)
    }

    private func fetchCount(_ sql: String, _ arguments: SQLArguments, _ db: any SQLConnection) throws -> Int {
        record?(sql, arguments)
        return try Int.fetchOne(db, sql: sql, arguments: arguments) ?? 0
    }

    /// The page of orders `condition` (on `orders o`) names, in the query's order.
    private func rows(where condition: Condition, _ db: any SQLConnection) throws -> [OrderSummary] {
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


    var orderBy: String { query.orderByClause }

    /// `text` matched literally by LIKE (whose escape character is a backslash by default).
    static func escapedForLike(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
    }
}
