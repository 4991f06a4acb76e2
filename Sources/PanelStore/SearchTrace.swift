import GRDB
import GRDBSQLite
import PanelModel

extension PanelDatabase {
    /// Searches like `searchOrders` and returns each SQL statement it ran, its arguments
    /// inlined: the benchmark replays them through SQLite alone to measure the floor.
    @_spi(Benchmark)
    public func tracedSearchOrders(as principal: Principal, _ query: OrderQuery) throws -> (page: OrderPage, statements: [String]) {
        if dialect == .postgresql {
            var search = PostgresOrderSearch(principal, query)
            let trace = StatementTrace()
            search.record = { sql, arguments in trace.statements.append(SQLInliner.inline(sql, arguments, dialect: .postgresql)) }
            let page = try read { db in try search.page(db) }
            return (page, trace.statements)
        }
        var plan = OrderSearchPlan(principal, query, tuning: .standard)
        let trace = StatementTrace()
        plan.record = { connection, sql, arguments in
            guard let db = (connection as? GRDBConnection)?.db else { return }
            let statement = try db.makeStatement(sql: sql)
            try statement.setArguments(GRDBConnection.arguments(arguments))
            guard let expanded = sqlite3_expanded_sql(statement.sqliteStatement) else { return }
            defer { sqlite3_free(expanded) }
            trace.statements.append(String(cString: expanded))
        }
        let page = try read { db in try plan.page(db) }
        return (page, trace.statements)
    }
}

private final class StatementTrace {
    var statements: [String] = []
}
