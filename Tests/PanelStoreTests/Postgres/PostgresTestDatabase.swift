import Foundation
@testable import PanelStore
import TestSupport

/// A connection to a new empty database of the process's shared cluster, so tests running
/// in parallel never see each other's tables.
func freshConnection() throws -> PostgresConnection {
    let cluster = try PostgresCluster.shared()
    let name = try cluster.createUniqueDatabase(prefix: "pgconn")
    return try PostgresConnection(conninfo: cluster.url(database: name))
}

/// The PostgresError `body` throws; nil (and the test then fails on it) when it throws none
/// or another kind.
func postgresError(_ body: () throws -> Void) -> PostgresError? {
    do {
        try body()
        return nil
    } catch let error as PostgresError {
        return error
    } catch {
        return nil
    }
}
