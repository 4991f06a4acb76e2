import PanelModel

/// SQL restrictions that keep every query inside what a principal may see:
/// a customer its own orders, a reseller its customers' and its sub-resellers' customers',
/// an operator everything.
enum Scope {
    /// A condition on `alias.customer_id`.
    static func customerCondition(_ principal: Principal, alias: String = "o") -> (sql: String, arguments: SQLArguments) {
        switch principal {
        case .customer(let id):
            return ("\(alias).customer_id = ?", [id.rawValue])
        case .reseller(let id):
            return ("""
                \(alias).customer_id IN (SELECT sc.id FROM customers sc WHERE sc.reseller_id IN (
                    WITH RECURSIVE tree(id) AS (SELECT ? UNION SELECT r.id FROM resellers r JOIN tree ON r.parent_id = tree.id)
                    SELECT id FROM tree))
                """, [id.rawValue])
        case .operator:
            return ("TRUE", [])
        }
    }

    /// The same restriction as a condition on a row of `customers` named `alias`.
    static func customerRowCondition(_ principal: Principal, alias: String) -> (sql: String, arguments: SQLArguments) {
        switch principal {
        case .customer(let id):
            return ("\(alias).id = ?", [id.rawValue])
        case .reseller(let id):
            return ("""
                \(alias).reseller_id IN (
                    WITH RECURSIVE tree(id) AS (SELECT ? UNION SELECT r.id FROM resellers r JOIN tree ON r.parent_id = tree.id)
                    SELECT id FROM tree)
                """, [id.rawValue])
        case .operator:
            return ("TRUE", [])
        }
    }

    /// Whether `principal` may see the customer `customerID`.
    static func canSee(customer customerID: CustomerID, as principal: Principal, _ db: any SQLConnection) throws -> Bool {
        switch principal {
        case .operator:
            return true
        case .customer(let id):
            return id == customerID
        case .reseller:
            let condition = customerCondition(principal, alias: "x")
            return try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM (SELECT ? AS customer_id) x WHERE \(condition.sql))",
                                     arguments: [customerID.rawValue] + condition.arguments) ?? false
        }
    }
}
