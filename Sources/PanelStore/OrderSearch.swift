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
        guard query.limit >= 0, query.limit <= 10_000, query.offset >= 0 else {
            throw PanelError.invalidInput("the page must have a limit from 0 to 10,000 and a non-negative offset")
        }
        return try read { db in
            let (whereSQL, arguments) = Self.orderFilter(principal, query)
            let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM orders o WHERE \(whereSQL)", arguments: arguments) ?? 0
            let direction = query.descending ? "DESC" : "ASC"
            let orderBy = switch query.sort {
            case .id: "o.id \(direction)"
            case .domain: "o.domain \(direction), o.id"
            case .expiry: "o.expires_at \(direction), o.id"
            }
            let rows = try Row.fetchAll(db, sql: """
                SELECT o.id, o.product, o.domain, o.domain_unicode, o.status, o.expires_at, o.customer_id, c.username
                FROM orders o JOIN customers c ON c.id = o.customer_id
                WHERE \(whereSQL) ORDER BY \(orderBy) LIMIT ? OFFSET ?
                """, arguments: arguments + [query.limit, query.offset])
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
            return OrderPage(rows: summaries, total: total, offset: query.offset)
        }
    }

    static func orderFilter(_ principal: Principal, _ query: OrderQuery) -> (String, StatementArguments) {
        let scope = Scope.customerCondition(principal)
        var clauses = [scope.sql]
        var arguments = scope.arguments
        if let product = query.product {
            clauses.append("o.product = ?")
            arguments += [product.rawValue]
        }
        if let status = query.status {
            clauses.append("o.status = ?")
            arguments += [status.rawValue]
        }
        let text = query.text.trimmingCharacters(in: .whitespaces).lowercased()
        if !text.isEmpty {
            var matches: [String] = []
            if text.allSatisfy(\.isASCIIDigit), let id = Int64(text) {
                matches.append("o.id = ?")
                arguments += [id]
            }
            if case .customer = principal {
                // Few rows: a direct substring test is cheaper than the index.
                matches.append("instr(o.domain, ?) > 0 OR instr(o.domain_unicode, ?) > 0")
                arguments += [text, text]
            } else if text.count >= 3 {
                let phrase = "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
                matches.append("o.id IN (SELECT rowid FROM order_search WHERE order_search MATCH ?)")
                matches.append("o.customer_id IN (SELECT rowid FROM customer_search WHERE customer_search MATCH ?)")
                arguments += [phrase, phrase]
            } else {
                // The trigram index needs three characters; shorter text matches domain prefixes.
                matches.append("(o.domain >= ? AND o.domain < ?)")
                arguments += [text, text + "\u{10FFFF}"]
            }
            clauses.append("(" + matches.joined(separator: " OR ") + ")")
        }
        return (clauses.joined(separator: " AND "), arguments)
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
