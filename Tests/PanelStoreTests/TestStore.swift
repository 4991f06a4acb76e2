import Foundation
import PanelStore
import TestSupport

/// The engine the store tests run on, from `CERTPANEL_TEST_STORE` (`sqlite`, the default, or
/// `postgresql`): scripts/test runs the PanelStoreTests once on each, as one conformance suite.
enum TestStore {
    struct UnknownEngine: Error, CustomStringConvertible {
        let name: String
        var description: String { "CERTPANEL_TEST_STORE=\(name): expected sqlite or postgresql" }
    }

    static func dialect() throws -> SQLDialect {
        let name = ProcessInfo.processInfo.environment["CERTPANEL_TEST_STORE"] ?? ""
        if name.isEmpty { return .sqlite }
        guard let dialect = SQLDialect(rawValue: name.lowercased()) else { throw UnknownEngine(name: name) }
        return dialect
    }

    static var isPostgres: Bool { (try? dialect()) == .postgresql }
}

/// Fresh PostgreSQL databases for the tests, copied from one migrated template so each test
/// skips the migration (CREATE DATABASE … TEMPLATE is a file copy).
enum PostgresTestDatabases {
    static let template = "certpanel_template"

    private final class State: @unchecked Sendable {
        let lock = NSLock()
        var ready = false
    }
    private static let state = State()

    /// A new migrated database in the process's private cluster; the caller drops it.
    static func create() throws -> (cluster: PostgresCluster, name: String) {
        let cluster = try PostgresCluster.shared()
        try prepareTemplate(cluster)
        let name = "test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
        try cluster.psql("CREATE DATABASE \"\(name)\" TEMPLATE \(template)")
        return (cluster, name)
    }

    /// Creates and migrates the template once per process (the cluster is the process's own).
    private static func prepareTemplate(_ cluster: PostgresCluster) throws {
        state.lock.lock()
        defer { state.lock.unlock() }
        guard !state.ready else { return }
        try cluster.createDatabase(template)
        let database = try PanelDatabase(path: cluster.url(database: template))
        try database.close()
        state.ready = true
    }
}
