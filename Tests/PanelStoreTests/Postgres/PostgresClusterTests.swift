import Foundation
@testable import PanelStore
import TestSupport
import Testing

@Suite struct PostgresClusterTests {
    @Test(arguments: [
        "postgresql://certpanel:s3cretPassw0rd@127.0.0.1:PORT/nothing",
        "host=127.0.0.1 port=PORT user=certpanel password=s3cretPassw0rd dbname=nothing",
    ])
    func aClosedPortSaysWhatToCheckWithoutThePassword(template: String) throws {
        let port = try PostgresCluster.freePort()
        let conninfo = template.replacingOccurrences(of: "PORT", with: String(port))
        let error = try #require(postgresError { _ = try PostgresConnection(conninfo: conninfo) })
        #expect(error.description.contains("cannot connect to PostgreSQL at postgresql://certpanel@127.0.0.1:\(port)/nothing"))
        #expect(error.description.contains("PGPASSWORD"))
        #expect(!error.description.contains("s3cretPassw0rd"))
        #expect(error.isConnectionLost)
    }

    @Test func aMissingDatabaseIsNamed() throws {
        let cluster = try PostgresCluster.shared()
        let error = try #require(postgresError { _ = try PostgresConnection(conninfo: cluster.url(database: "no_such_db")) })
        #expect(error.description.contains("cannot connect"))
        #expect(error.description.contains("no_such_db"))
    }

    @Test func databasesAreCreatedAndDropped() throws {
        let cluster = try PostgresCluster.shared()
        let name = try cluster.createUniqueDatabase(prefix: "drop")
        #expect(try cluster.psql("SELECT count(*) FROM pg_database WHERE datname = '\(name)'") == "1\n")
        try cluster.dropDatabase(name)
        #expect(try cluster.psql("SELECT count(*) FROM pg_database WHERE datname = '\(name)'") == "0\n")
        #expect(try cluster.psql("SELECT count(*) FROM pg_available_extensions WHERE name = 'pg_trgm'") == "1\n")
    }

    /// A cluster of its own: restarting the shared one would break the tests running beside.
    @Test func aConnectionResetsAfterTheServerRestarts() throws {
        let cluster = try PostgresCluster.start()
        defer { try? cluster.stop() }
        let db = try PostgresConnection(conninfo: cluster.url(database: "postgres"))
        try db.execute(sql: "CREATE TABLE kept (x BIGINT); INSERT INTO kept VALUES (5)")
        #expect(try Int.fetchOne(db, sql: "SELECT x FROM kept WHERE x = ?", arguments: [5], cached: true) == 5)

        try cluster.restart()
        let lost = try #require(postgresError { _ = try SQLRow.fetchAll(db, sql: "SELECT 1") })
        #expect(lost.isConnectionLost, "\(lost)")
        #expect(!db.isAlive)

        try db.reset()
        #expect(db.isAlive)
        // Prepared statements went with the old session and are prepared again.
        #expect(try Int.fetchOne(db, sql: "SELECT x FROM kept WHERE x = ?", arguments: [5], cached: true) == 5)

        try cluster.stop()
        let refused = try #require(postgresError { try db.reset() })
        #expect(refused.description.contains("cannot reconnect"))
        #expect(!db.isAlive)
    }
}
