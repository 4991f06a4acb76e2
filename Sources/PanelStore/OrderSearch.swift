import Foundation
import GRDB
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
    /// True when more than `OrderPage.countCap` orders match an operator's text search and
    /// `total` is that cap ("1-30 of 10,000+"): counting every match of a one-word query over
    /// a million orders would cost seconds per keystroke.
    public var totalIsCapped = false

    public static let countCap = 10_000

    /// "12,408" or "10,000+".
    public var totalText: String {
        total.formatted(.number.grouping(.automatic).locale(Locale(identifier: "en_US"))) + (totalIsCapped ? "+" : "")
    }
}

extension PanelDatabase {
    /// The orders `principal` may see that match `query`.
    ///
    /// Matching: an all-digit query also matches the order ID exactly; a query of three or
    /// more characters matches any substring of the domain (ASCII or Unicode form) through
    /// the trigram index, and for resellers and operators any substring of the customer's
    /// username; shorter queries match domain prefixes. A customer's own orders are few, so
    /// they are filtered directly instead of through the index.
    public func searchOrders(as principal: Principal, _ query: OrderQuery) throws -> OrderPage {
        try searchOrders(as: principal, query, tuning: .standard)
    }

    /// When an operator's search stops counting and walks the orders instead; tests use
    /// small numbers to reach those paths with small data.
    struct SearchTuning {
        /// Counts stop here ("10,000+"); a prefix with more matches walks.
        var countCap: Int
        /// A trigram match with more candidates than this walks.
        var denseThreshold: Int
        static let standard = SearchTuning(countCap: OrderPage.countCap, denseThreshold: 100_000)
    }

    func searchOrders(as principal: Principal, _ query: OrderQuery, tuning: SearchTuning) throws -> OrderPage {
        guard query.limit >= 0, query.limit <= 10_000, query.offset >= 0 else {
            throw PanelError.invalidInput("the page must have a limit from 0 to 10,000 and a non-negative offset")
        }
        return try read { db in
            var source = Self.orderSource(principal, query)
            var total: Int
            var capped = false
            if let dense = try Self.denseSource(principal, query, tuning: tuning, db) {
                // So many orders match that the page comes from walking the orders in sort
                // order (it fills at once) and the count stops at the cap.
                source = dense
                total = tuning.countCap
                capped = true
            } else {
                total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(source.from) WHERE \(source.where)", arguments: source.arguments) ?? 0
            }
            let direction = query.descending ? "DESC" : "ASC"
            let orderBy = switch query.sort {
            case .id: "o.id \(direction)"
            case .domain: "o.domain \(direction), o.id"
            case .expiry: "o.expires_at \(direction), o.id"
            }
            let rows = try Row.fetchAll(db, sql: """
                SELECT o.id, o.product, o.domain, o.domain_unicode, o.status, o.expires_at, o.customer_id, c.username
                FROM \(source.from) JOIN customers c ON c.id = o.customer_id
                WHERE \(source.where) ORDER BY \(orderBy) LIMIT ? OFFSET ?
                """, arguments: source.arguments + [query.limit, query.offset])
            let summaries = try rows.map { row in
                OrderSummary(
                    id: OrderID(row["id"]),
                    product: try Product(rawValue: row["product"]).orThrow("orders.product"),
                    domain: DomainName(storedASCII: row["domain"]),
                    domainUnicode: row["domain_unicode"],
                    status: try OrderStatus(rawValue: row["status"]).orThrow("orders.status"),
                    expiresAt: row["expires_at"],
                    customerID: CustomerID(row["customer_id"]),
                    customerUsername: row["username"])
            }
            if capped && query.offset + summaries.count >= total { total = query.offset + summaries.count; capped = summaries.count == query.limit }
            return OrderPage(rows: summaries, total: total, offset: query.offset, totalIsCapped: capped)
        }
    }

    /// For an operator's text search with more than `countCap` candidates in either index,
    /// the same matches expressed as filters on a walk of the orders table; nil otherwise.
    static func denseSource(_ principal: Principal, _ query: OrderQuery, tuning: SearchTuning, _ db: Database) throws -> (from: String, where: String, arguments: StatementArguments)? {
        guard case .operator = principal, let terms = searchTerms(query.text) else { return nil }
        // Walking the sort index pays off when matches are everywhere (a tenth of a million
        // orders); below that, sorting the matched set is cheaper, even when it is clustered.
        let cap = tuning.denseThreshold + 1
        var dense = false
        if let phrase = terms.phrase, let usernamePattern = terms.usernamePattern {
            dense = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM (SELECT 1 FROM order_search WHERE order_search MATCH ? LIMIT ?)",
                                     arguments: [phrase, cap]) ?? 0 >= cap
            if !dense {
                dense = try Int.fetchOne(db, sql: """
                    SELECT COUNT(*) FROM (SELECT 1 FROM orders WHERE customer_id IN (SELECT rowid FROM customer_search WHERE customer_search MATCH ?) LIMIT ?)
                    """, arguments: [usernamePattern, cap]) ?? 0 >= cap
            }
        } else {
            // Prefix matches are contiguous in domain order and spread in every other order.
            let prefixCap = tuning.countCap + 1
            dense = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM (SELECT 1 FROM orders WHERE domain >= ? AND domain < ? LIMIT ?)",
                                     arguments: [terms.text, terms.text + "\u{10FFFF}", prefixCap]) ?? 0 >= prefixCap
        }
        guard dense else { return nil }
        var clauses = filterClauses(query)
        let match = textMatch(terms)
        clauses.sql.append(match.sql)
        return ("orders o", clauses.sql.joined(separator: " AND "), clauses.arguments + match.arguments)
    }

    /// The text as a condition on `o`, with the indexed columns written `+o.id` and
    /// `+o.customer_id` so SQLite walks the index of the sort order and checks each row
    /// against the (materialised once) match sets instead of sorting every match.
    static func textMatch(_ terms: (text: String, id: Int64?, phrase: String?, usernamePattern: String?)) -> (sql: String, arguments: StatementArguments) {
        var matches: [String] = []
        var arguments: StatementArguments = []
        if let phrase = terms.phrase, let usernamePattern = terms.usernamePattern {
            matches.append("+o.id IN (SELECT rowid FROM order_search WHERE order_search MATCH ?)")
            matches.append("+o.customer_id IN (SELECT rowid FROM customer_search WHERE customer_search MATCH ?)")
            arguments += [phrase, usernamePattern]
        } else {
            matches.append("(+o.domain >= ? AND +o.domain < ?)")
            arguments += [terms.text, terms.text + "\u{10FFFF}"]
        }
        if let id = terms.id {
            matches.append("+o.id = ?")
            arguments += [id]
        }
        return ("(" + matches.joined(separator: " OR ") + ")", arguments)
    }

    /// The text as search terms: an order ID when it is all digits, the FTS5 phrase when it is
    /// long enough for the trigram index, and the username pattern (the part before "@" unless
    /// the text has one, so "com" does not match every customer at example.com).
    static func searchTerms(_ raw: String) -> (text: String, id: Int64?, phrase: String?, usernamePattern: String?)? {
        let text = raw.trimmingCharacters(in: .whitespaces).lowercased()
        guard !text.isEmpty else { return nil }
        let id = text.allSatisfy(\.isASCIIDigit) ? Int64(text) : nil
        guard text.count >= 3 else { return (text, id, nil, nil) }
        let phrase = "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        return (text, id, phrase, "{\(text.contains("@") ? "username" : "local_part")} : \(phrase)")
    }

    /// Product and status filters.
    static func filterClauses(_ query: OrderQuery) -> (sql: [String], arguments: StatementArguments) {
        var clauses: [String] = []
        var arguments: StatementArguments = []
        if let product = query.product {
            clauses.append("o.product = ?")
            arguments += [product.rawValue]
        }
        if let status = query.status {
            clauses.append("o.status = ?")
            arguments += [status.rawValue]
        }
        return (clauses, arguments)
    }

    /// The rows to search (`from`, always exposing the orders as `o`) and the conditions on them.
    ///
    /// A customer's own orders are few, so its text is tested on each of them directly. For
    /// resellers and operators the text first picks candidate IDs from the indexes (trigram
    /// index on domains and usernames, the domain B-tree for prefixes, the order ID itself),
    /// joined by primary key, so a search never walks the whole orders table.
    static func orderSource(_ principal: Principal, _ query: OrderQuery) -> (from: String, where: String, arguments: StatementArguments) {
        let scope = Scope.customerCondition(principal)
        let filters = filterClauses(query)
        var clauses = [scope.sql] + filters.sql
        var whereArguments = scope.arguments + filters.arguments
        guard let terms = searchTerms(query.text) else {
            return ("orders o", clauses.joined(separator: " AND "), whereArguments)
        }
        switch principal {
        case .customer:
            // A customer's own orders are few: test each of them directly.
            clauses.append("(instr(o.domain, ?) > 0 OR instr(o.domain_unicode, ?) > 0 OR o.id = ?)")
            whereArguments += [terms.text, terms.text, terms.id ?? -1]
            return ("orders o", clauses.joined(separator: " AND "), whereArguments)
        case .reseller:
            // Start from the reseller's own orders (its customers' index) and test each.
            let match = textMatch(terms)
            clauses.append(match.sql)
            return ("orders o", clauses.joined(separator: " AND "), whereArguments + match.arguments)
        case .operator:
            break
        }
        var candidates: [String] = []
        var fromArguments: StatementArguments = []
        if let id = terms.id {
            candidates.append("SELECT id FROM orders WHERE id = ?")
            fromArguments += [id]
        }
        if let phrase = terms.phrase, let usernamePattern = terms.usernamePattern {
            candidates.append("SELECT rowid AS id FROM order_search WHERE order_search MATCH ?")
            candidates.append("SELECT id FROM orders WHERE customer_id IN (SELECT rowid FROM customer_search WHERE customer_search MATCH ?)")
            fromArguments += [phrase, usernamePattern]
        } else {
            // The trigram index needs three characters; shorter text matches domain prefixes.
            candidates.append("SELECT id FROM orders WHERE domain >= ? AND domain < ?")
            fromArguments += [terms.text, terms.text + "\u{10FFFF}"]
        }
        let from = "(\(candidates.joined(separator: " UNION "))) AS matched JOIN orders o ON o.id = matched.id"
        return (from, clauses.joined(separator: " AND "), fromArguments + whereArguments)
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
