import Foundation
import PanelModel

extension PanelDatabase {
    /// One page of internal transfers (QueryTransferList / QueryForeignTransferList), newest
    /// first, with the total the filters match. A reseller sees the requests it made
    /// (`requested`) or those for domains it holds (`foreign`); an operator sees every request.
    public func internalTransferList(_ query: TransferListQuery, as principal: Principal) throws -> TransferListPage {
        var conditions: [String] = []
        var arguments: SQLArguments = []
        switch principal {
        case .reseller(let id):
            conditions.append(query.direction == .requested ? "to_reseller_id = ?" : "from_reseller_id = ?")
            arguments.append(contentsOf: [id.rawValue])
        case .operator:
            break
        case .customer:
            throw PanelError.invalidInput("internal transfers belong to reseller accounts: act as reseller:ID")
        }
        if let pattern = query.domainPattern {
            if pattern.contains("*") {
                // The pattern holds only letters, digits, '-', '.' and '*' (TransferListQuery.pattern).
                conditions.append("domain LIKE lower(?)")   // stored lower-case; LIKE is case-sensitive on PostgreSQL
                arguments.append(contentsOf: [pattern.replacingOccurrences(of: "*", with: "%")])
            } else {
                conditions.append("domain = ?")
                arguments.append(contentsOf: [pattern])
            }
        }
        if let state = query.state {
            conditions.append("state = ?")
            arguments.append(contentsOf: [state.rawValue])
        }
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        return try read { db in
            let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM transfer_requests \(filter)", arguments: arguments) ?? 0
            var paged = arguments
            paged.append(contentsOf: [query.limit, query.first])
            let requests = try SQLRow.fetchAll(db, sql: "SELECT * FROM transfer_requests \(filter) ORDER BY id DESC LIMIT ? OFFSET ?",
                                            arguments: paged).map(RowMapping.transferRequest)
            return TransferListPage(requests: requests, first: query.first, limit: query.limit, total: total)
        }
    }
}
