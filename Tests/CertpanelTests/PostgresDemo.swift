import Foundation
import Testing
import PanelStore
import TestSupport

/// The demo world seeded into a database of its own on the test process's private
/// PostgreSQL cluster, driven through the real `certpanel` binary with `--db URL`.
/// A missing PostgreSQL is an error here (the cluster throws), never a skipped test.
final class PostgresDemo {
    let cluster: PostgresCluster
    let database: String
    let url: String
    /// Scratch space for the output files of child processes.
    let directory: URL

    init(prefix: String) throws {
        cluster = try PostgresCluster.shared()
        database = try cluster.createUniqueDatabase(prefix: prefix)
        url = cluster.url(database: database)
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("certpanel-pg-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        #expect(FileManager.default.isExecutableFile(atPath: CLI.binary.path), "certpanel binary missing at \(CLI.binary.path)")
        let seeded = try run(["db", "seed", "--demo"])
        guard seeded.status == 0 else {
            throw Program.Failure("certpanel db seed --demo --db \(url) exited \(seeded.status): \(seeded.stderr)")
        }
    }

    deinit {
        try? cluster.dropDatabase(database)
        try? FileManager.default.removeItem(at: directory)
    }

    /// `certpanel ARGS --db URL`, to its end.
    @discardableResult
    func run(_ arguments: [String], stdin: String? = nil) throws -> Program.Result {
        try Program.run(CLI.binary.path, arguments + ["--db", url], stdin: stdin)
    }

    /// SQL against the demo database, as psql prints it unaligned (`a|b` rows).
    func sql(_ query: String) throws -> String {
        try cluster.psql(query, database: database).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The rows of a query whose columns are all integers.
    func integers(_ query: String) throws -> [[Int64]] {
        try sql(query).split(separator: "\n").map { row in row.split(separator: "|").compactMap { Int64($0) } }
    }

    func owner(of order: Int64) throws -> Int64? {
        try integers("SELECT customer_id FROM orders WHERE id = \(order)").first?.first
    }

    /// Client connections to the demo database other than the asking psql's own.
    func otherConnections(state: String? = nil) throws -> Int {
        let condition = state.map { " AND state = '\($0)'" } ?? ""
        return Int(try integers("""
            SELECT count(*) FROM pg_stat_activity WHERE datname = '\(database)' AND pid <> pg_backend_pid()
            AND backend_type = 'client backend'\(condition)
            """).first?.first ?? -1)
    }
}
