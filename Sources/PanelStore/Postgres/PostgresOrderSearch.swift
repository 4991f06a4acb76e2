import PanelModel

/// An order search on PostgreSQL: the same matches as `OrderSearchPlan` (`SearchTerms`: a
/// domain substring in either form, for resellers and operators a username substring, order
/// IDs starting with the digits), written as one condition that pg_trgm's GIN indexes answer
/// (`orders_domain_trigram`, `customers_username_trigram`), and left to PostgreSQL's planner,
/// which picks between those indexes and a walk of the sort's index. The count stops past
/// the cap, as SQLite's does.
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
        let condition = try self.condition(db)
        let countSQL = "SELECT count(*) FROM (SELECT 1 FROM orders o WHERE \(condition.sql) LIMIT ?) matched"
        record?(countSQL, condition.arguments + [cap + 1])
        let count = try Int.fetchOne(db, sql: countSQL, arguments: condition.arguments + [cap + 1]) ?? 0
        let pageSQL = """
            SELECT o.id, o.product, o.domain, o.domain_unicode, o.status, o.expires_at, o.customer_id, c.username
            FROM orders o JOIN customers c ON c.id = o.customer_id
            WHERE \(condition.sql)
            ORDER BY \(orderBy) LIMIT ? OFFSET ?
            """
        record?(pageSQL, condition.arguments + [query.limit, query.offset])
        let rows = try SQLRow.fetchAll(db, sql: pageSQL, arguments: condition.arguments + [query.limit, query.offset])
        return OrderPage(rows: try rows.map(OrderSummary.init(row:)), total: min(count, cap), offset: query.offset,
                         totalIsCapped: count > cap, matchNote: terms?.matchNote)
    }

    /// Scope, filters and the text's match, on `orders o`.
    func condition(_ db: any SQLConnection) throws -> (sql: String, arguments: SQLArguments) {
        var conditions = [Scope.customerCondition(principal)]
        if let product = query.product { conditions.append(("o.product = ?", [product.rawValue])) }
        if let status = query.status { conditions.append(("o.status = ?", [status.rawValue])) }
        if let terms {
            let pattern = "%" + Self.escapedForLike(terms.text) + "%"
            var matches: [(sql: String, arguments: SQLArguments)] = []
            if terms.idPrefix != nil {
                record?("SELECT max(id) FROM orders", [])
                let maxID = try Int64.fetchOne(db, sql: "SELECT max(id) FROM orders") ?? 0
                if let ids = SearchTerms.idCondition(terms.idRanges(upTo: maxID)) { matches.append(ids) }
            }
            matches.append(("o.domain LIKE ?", [pattern]))
            matches.append(("(o.domain_unicode <> o.domain AND o.domain_unicode LIKE ?)", [pattern]))
            if terms.matchesUsernames {
                // The index finds the username; without "@" the match must be in the part before it.
                let local = terms.text.contains("@") ? "" : " AND split_part(u.username, '@', 1) LIKE ?"
                matches.append(("o.customer_id IN (SELECT u.id FROM customers u WHERE u.username LIKE ?\(local))",
                                terms.text.contains("@") ? [pattern] : [pattern, pattern]))
            }
            conditions.append(("(" + matches.map(\.sql).joined(separator: " OR ") + ")",
                               matches.reduce(into: SQLArguments()) { $0 += $1.arguments }))
        }
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
