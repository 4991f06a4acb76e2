import PanelModel

/// How one order search reads the database so that it stops early: the first page plus a
/// count that stops at the cap, never every match.
///
/// - scan: a customer's orders, or a reseller's when it has few, are tested one by one.
/// - matched: the matches are found through the indexes (trigram index on domains and
///   usernames, order ID ranges; one character, which no index answers, reads the orders and
///   the customers in turn), each source in turn until the count reaches the cap; when they
///   are few they are sorted for the page.
/// - walk: when matches are many, the first orders in the order of the sort (its index) are
///   tested, and the page fills from them at once; when it does not, the matches are sorted.
struct OrderSearchPlan {
    let principal: Principal
    let query: OrderQuery
    let tuning: PanelDatabase.SearchTuning
    let terms: SearchTerms?
    /// Sees each statement before it runs (the benchmark's floor replays them).
    var record: ((any SQLConnection, String, SQLArguments) throws -> Void)?

    init(_ principal: Principal, _ query: OrderQuery, tuning: PanelDatabase.SearchTuning) {
        self.principal = principal
        self.query = query
        self.tuning = tuning
        let matchesUsernames = if case .customer = principal { false } else { true }
        terms = SearchTerms(query.text, matchesUsernames: matchesUsernames)
    }

    /// Rows to read: `from` names the order `o`.
    struct Source {
        var from: String
        var condition: String
        var arguments: SQLArguments
    }

    func page(_ db: any SQLConnection) throws -> OrderPage {
        // Never cap below what the page itself shows, so scrolling past 10,000 keeps counting.
        let cap = max(tuning.countCap, query.offset + query.limit)
        let ranges = try terms.map { terms in
            terms.idPrefix == nil ? [] : terms.idRanges(upTo: Int64(try fetchInt("SELECT max(id) FROM orders", [], db)))
        } ?? []
        let count: Int
        let rows: [OrderSummary]
        if try isScanned(ranges, db) {
            // One read gives the page and the count (at most `scanLimit` orders).
            let source = scan(ranges)
            let counted = try self.rows(source, db, counting: true)
            count = try counted.matched ?? self.count(source, cap: cap, db)
            rows = counted.rows
        } else if let terms {
            // Few matches are sorted; more fill the page from a walk.
            let arms = matchArms(terms, ranges)
            count = try fetchInt("SELECT count(*) FROM (\(arms.sql) LIMIT ?)", arms.arguments + [cap + 1], db)
            var walked: [OrderSummary]?
            let need = query.offset + query.limit
            if try count > cap || count > tuning.sortLimit && isDenseEnough(count, need: need, db) {
                let username = try usernameSet(terms, db)
                let first = try walkedRows(ranges, username: username, budget: tuning.walkLimit, db)
                walked = first.page
                // Over the cap, sorting reads at least 10,000 orders: when the first walk found
                // some matches, a longer one at the same rate reads fewer.
                if walked == nil, count > cap, first.found > 0, tuning.walkLimit * need / first.found <= 10 * tuning.walkLimit {
                    walked = try walkedRows(ranges, username: username, budget: 2 * tuning.walkLimit * need / first.found, db).page
                }
            }
            rows = try walked ?? self.rows(sorted(arms), db).rows
        } else {
            count = try self.count(walk(ranges, username: nil), cap: cap, db)
            rows = try walkedRows(ranges, username: nil, budget: tuning.walkLimit, db).page ?? self.rows(walk(ranges, username: nil), db).rows
        }
        return OrderPage(rows: rows, total: min(count, cap), offset: query.offset, totalIsCapped: count > cap,
                         matchNote: terms?.matchNote)
    }

    /// The page when the first `budget` orders in the sort's order hold it, else nil (the
    /// matches are rare there: they may cluster elsewhere, as "xn--" names do at the end of
    /// the domain order, and walking on could read most of the table), with how many matches
    /// it saw. The walk reads the sort's index up to the key of the `budget`th order and stops
    /// at the page's last row.
    func walkedRows(_ ranges: [ClosedRange<Int64>], username: (sql: String, arguments: SQLArguments)?, budget: Int,
                    _ db: any SQLConnection) throws -> (page: [OrderSummary]?, found: Int) {
        guard query.limit > 0 else { return ([], 0) }
        let budget = max(budget, 4 * (query.offset + query.limit))
        var source = walk(ranges, username: username)
        let key = query.sortKey
        let boundary = "SELECT \(key) FROM orders o ORDER BY \(orderBy) LIMIT 1 OFFSET ?"
        try record?(db, boundary, [budget - 1])
        if let last = try SQLValue.fetchOne(db, sql: boundary, arguments: [budget - 1]) {
            source.condition = "\(key) \(query.descending ? ">=" : "<=") ? AND " + source.condition
            source.arguments = [last] + source.arguments
        }
        let rows = try self.rows(source, db).rows
        return (rows.count == query.limit ? rows : nil, rows.isEmpty ? 0 : query.offset + rows.count)
    }

    /// Whether the principal's orders are few enough to test each: a customer's always, a
    /// reseller's when it has at most `scanLimit` and, for text of three characters or more,
    /// the indexes do not name fewer candidates among everyone's orders than it has.
    func isScanned(_ ranges: [ClosedRange<Int64>], _ db: any SQLConnection) throws -> Bool {
        switch principal {
        case .customer: return true
        case .operator: return false
        case .reseller:
            let scope = Scope.customerRowCondition(principal, alias: "c")
            let orders = try fetchInt("""
                SELECT count(*) FROM (SELECT 1 FROM customers c CROSS JOIN orders o ON o.customer_id = c.id WHERE \(scope.sql) LIMIT ?)
                """, scope.arguments + [tuning.scanLimit + 1], db)
            guard orders <= tuning.scanLimit else { return false }
            // One character has no index; a pair's index query names a hundred trigrams or more
            // (3-5 ms a look, and the matched plan looks three times): testing the orders costs less.
            guard let terms, terms.unicodeLength >= 3 else { return true }
            // Counted as an operator's, from the indexes' entries alone.
            var everyone = query
            everyone.product = nil
            everyone.status = nil
            let arms = OrderSearchPlan(.operator, everyone, tuning: tuning).matchArms(terms, ranges)
            let candidates = try fetchInt("SELECT count(*) FROM (\(arms.sql) LIMIT ?)", arms.arguments + [orders / 2 + 1], db)
            return candidates > orders / 2
        }
    }

    /// The principal's customers, then each one's orders (through `orders_customer`).
    func scan(_ ranges: [ClosedRange<Int64>]) -> Source {
        var conditions = [Scope.customerRowCondition(principal, alias: "c")] + query.filterConditions
        if let terms { conditions.append(terms.rowCondition(ranges, customer: "c")) }
        let all = SearchConditions.all(conditions)
        return Source(from: "customers c CROSS JOIN orders o ON o.customer_id = c.id", condition: all.sql, arguments: all.arguments)
    }

    /// Whether `count` matches spread evenly over the orders would fill the page within the
    /// first walk; when not (a few thousand among a million), sorting them reads fewer orders
    /// than a walk that would find too few and be followed by the sort anyway.
    func isDenseEnough(_ count: Int, need: Int, _ db: any SQLConnection) throws -> Bool {
        // Two lookups at the ends of the primary key (max and min in one SELECT read every row).
        let orders = try fetchInt("SELECT coalesce((SELECT max(id) FROM orders) - (SELECT min(id) FROM orders) + 1, 0)", [], db)
        return max(tuning.walkLimit, 4 * need) * count >= need * orders
    }

    /// The matches `arms` names, to sort: the domain order reads each one's domain from the
    /// trigram index's own copy (`order_search_content`, the domains alone: a fifth of the
    /// table's pages), the others the order's row.
    func sorted(_ arms: (sql: String, arguments: SQLArguments)) -> Source {
        let orders = query.sort == .domain ? "(SELECT id, c0 AS domain FROM order_search_content)" : "orders"
        return Source(from: "(\(arms.sql)) m CROSS JOIN \(orders) o ON o.id = m.id", condition: "TRUE", arguments: arms.arguments)
    }

    /// Every order in the sort's order, each tested; `username` replaces the username test
    /// (`usernameSet`).
    func walk(_ ranges: [ClosedRange<Int64>], username: (sql: String, arguments: SQLArguments)?) -> Source {
        var conditions = [Scope.customerCondition(principal)] + query.filterConditions
        if let terms { conditions.append(terms.rowCondition(ranges, username: username)) }
        let all = SearchConditions.all(conditions)
        return Source(from: "orders o", condition: all.sql, arguments: all.arguments)
    }

    /// The username test as membership of the matching customers when the trigram index finds
    /// few (a lookup in a small set instead of reading each order's customer), none at all when
    /// it finds none (a walk of the sort's index then reads no table row for an order whose
    /// domain does not match), else nil.
    func usernameSet(_ terms: SearchTerms, _ db: any SQLConnection) throws -> (sql: String, arguments: SQLArguments)? {
        // A pair's query names a hundred trigrams, but counting them stops at the first few
        // thousand: about a millisecond.
        guard let username = terms.usernameIndexQuery else { return nil }
        let few = 5_000
        let customers = try fetchInt("SELECT count(*) FROM (SELECT 1 FROM customer_search WHERE customer_search MATCH ? LIMIT ?)",
                                     [username, few + 1], db)
        guard customers > 0 else { return ("FALSE", []) }
        guard customers <= few else { return nil }
        return ("o.customer_id IN (SELECT rowid FROM customer_search WHERE customer_search MATCH ?)", [username])
    }

    /// One SELECT of order IDs per way of matching, each leaving out what an earlier one found,
    /// so `UNION ALL` streams them without duplicates and a LIMIT stops the whole. For an
    /// operator without filters the trigram index's and `orders_customer`'s entries suffice,
    /// without reading an order.
    func matchArms(_ terms: SearchTerms, _ ranges: [ClosedRange<Int64>]) -> (sql: String, arguments: SQLArguments) {
        let common = (principal == .operator ? [] : [Scope.customerCondition(principal)]) + query.filterConditions
        var arms: [(String, SQLArguments)] = []
        var earlier: [(sql: String, arguments: SQLArguments)] = []
        func add(from: String, match: (sql: String, arguments: SQLArguments),
                 then found: (sql: String, arguments: SQLArguments), conditions: [(sql: String, arguments: SQLArguments)]) {
            let excluded = earlier.map { (sql: "NOT \($0.sql)", arguments: $0.arguments) }
            let all = SearchConditions.all([match] + excluded + conditions)
            arms.append(("SELECT o.id AS id FROM \(from) WHERE \(all.sql)", all.arguments))
            earlier.append(found)
        }
        if let id = SearchTerms.idCondition(ranges) {
            add(from: "orders o", match: id, then: id, conditions: common)
        }
        if let domain = terms.domainIndexQuery, !domain.recheck, common.isEmpty {
            // By the time a later arm runs, this one found fewer than the LIMIT: its set is small.
            let match: (sql: String, arguments: SQLArguments) = ("order_search MATCH ?", [domain.query])
            let excluded = SearchTerms.idCondition(ranges, column: "order_search.rowid").map { [(sql: "NOT \($0.sql)", arguments: $0.arguments)] } ?? []
            let all = SearchConditions.all([match] + excluded)
            arms.append(("SELECT order_search.rowid AS id FROM order_search WHERE \(all.sql)", all.arguments))
            earlier.append(("o.id IN (SELECT rowid FROM order_search WHERE order_search MATCH ?)", [domain.query]))
        } else if let domain = terms.domainIndexQuery {
            var match: (sql: String, arguments: SQLArguments) = ("order_search MATCH ?", [domain.query])
            if domain.recheck { match = SearchConditions.all([match, terms.domainCondition]) }
            add(from: "order_search CROSS JOIN orders o ON o.id = order_search.rowid", match: match, then: terms.domainCondition, conditions: common)
        } else {
            add(from: "orders o", match: terms.domainCondition, then: terms.domainCondition, conditions: common)
        }
        if let found = terms.usernameCondition() {
            if let username = terms.usernameIndexQuery {
                add(from: "customer_search CROSS JOIN orders o ON o.customer_id = customer_search.rowid",
                    match: ("customer_search MATCH ?", [username]), then: found, conditions: common)
            } else if let test = terms.usernameCondition(customer: "c") {
                add(from: "customers c CROSS JOIN orders o ON o.customer_id = c.id", match: test, then: found, conditions: common)
            }
        }
        return (arms.map(\.0).joined(separator: " UNION ALL "), arms.reduce(into: SQLArguments()) { $0 += $1.1 })
    }

    /// How many rows `source` has, stopping past `cap`.
    func count(_ source: Source, cap: Int, _ db: any SQLConnection) throws -> Int {
        try fetchInt("SELECT count(*) FROM (SELECT 1 FROM \(source.from) WHERE \(source.condition) LIMIT ?)", source.arguments + [cap + 1], db)
    }

    var orderBy: String { query.orderByClause }

    /// The page of `source` in the query's order: first the IDs, sorting only their keys, then
    /// the page's rows with their customers (sorting whole rows of thousands of matches costs
    /// three times as much). `counting` also counts every row of `source` in the same read
    /// (nil when the page is past the end).
    func rows(_ source: Source, _ db: any SQLConnection, counting: Bool = false) throws -> (rows: [OrderSummary], matched: Int?) {
        let sql = """
            SELECT o.id, o.product, o.domain, o.domain_unicode, o.status, o.expires_at, o.customer_id, c.username\(counting ? ", page.matched" : "")
            FROM (SELECT o.id\(counting ? ", count(*) OVER () AS matched" : "") FROM \(source.from) WHERE \(source.condition)
                  ORDER BY \(orderBy) LIMIT ? OFFSET ?) page
            CROSS JOIN orders o ON o.id = page.id CROSS JOIN customers c ON c.id = o.customer_id
            ORDER BY \(orderBy)
            """
        let arguments = source.arguments + [query.limit, query.offset]
        try record?(db, sql, arguments)
        let rows = try SQLRow.fetchAll(db, sql: sql, arguments: arguments)
        guard counting else { return (try rows.map(OrderSummary.init(row:)), nil) }
        let matched: Int? = rows.first.map { $0["matched"] } ?? (query.offset == 0 && query.limit > 0 ? 0 : nil)
        return (try rows.map(OrderSummary.init(row:)), matched)
    }

    func fetchInt(_ sql: String, _ arguments: SQLArguments, _ db: any SQLConnection) throws -> Int {
        try record?(db, sql, arguments)
        return try Int.fetchOne(db, sql: sql, arguments: arguments) ?? 0
    }
}
