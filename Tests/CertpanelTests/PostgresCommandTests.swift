import Foundation
import Testing
import PanelStore
import TestSupport

/// Commands against a PostgreSQL database: `db migrate`, and `authorized-keys` naming it in
/// every forced command.
@Suite struct PostgresCommandTests {
    @Test func migrateCreatesTheSchemaOnceEvenWhenFourRunAtOnce() throws {
        let cluster = try PostgresCluster.shared()
        let name = try cluster.createUniqueDatabase(prefix: "migrate")
        defer { try? cluster.dropDatabase(name) }
        let url = cluster.url(database: name)
        // Four front ends starting together: the advisory lock lets one create the schema.
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("certpanel-migrate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let processes = try (0..<4).map { index in
            try ChildProcess([CLI.binary.path, "db", "migrate", "--db", url], outputBase: scratch.appendingPathComponent("m\(index)"))
        }
        for process in processes {
            #expect(try process.wait() == 0, "\(process.stderr)")
            #expect(process.stdout.hasPrefix("Database \(url) is up to date (PostgreSQL).\n"), "\(process.stdout)")
            // The test cluster is initdb --locale=C: the note says what that costs.
            #expect(process.stdout.contains("LC_CTYPE is C, so the trigram index cannot serve searches for letters such as ü"), "\(process.stdout)")
        }
        #expect(try cluster.psql("SELECT name FROM schema_migrations", database: name) == "\(PostgresSchemaName.first)\n")
        #expect(try cluster.psql("SELECT count(*) FROM pg_indexes WHERE indexname LIKE '%trigram'", database: name) == "3\n")
        // A database whose character type knows "ü" gets no note, and its index sees the letter.
        let unicode = "\(name)_utf8"
        _ = try cluster.psql("CREATE DATABASE \(unicode) TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C.UTF-8'")
        defer { try? cluster.dropDatabase(unicode) }
        let clean = try Program.run(CLI.binary.path, ["db", "migrate", "--db", cluster.url(database: unicode)])
        #expect(clean.stdout == "Database \(cluster.url(database: unicode)) is up to date (PostgreSQL).\n", "\(clean.stdout) \(clean.stderr)")
        // Under C, "büc" reads as the words "b" and "c"; here it has trigrams of its own.
        #expect(try cluster.psql("SELECT show_trgm('büc') = show_trgm('b c')", database: unicode) == "f\n")
        #expect(try cluster.psql("SELECT show_trgm('büc') = show_trgm('b c')", database: name) == "t\n")
        let json = try Program.run(CLI.binary.path, ["db", "migrate", "--db", url, "--json"])
        #expect(json.stdout.contains("\"store\" : \"postgresql\""), "\(json.stdout)")
    }

    @Test func authorizedKeysNamesThePostgresURLAndRefusesOneWithAPassword() throws {
        let demo = try PostgresDemo(prefix: "keys")
        let key = SSHCommandLineTests.aliceKey
        let fields = key.split(separator: " ").map(String.init)
        #expect(try demo.run(["--as", "customer:\(DemoWorld.alice)", "keys", "add", key]).status == 0)
        let known = try demo.run(["authorized-keys", "panel", fields[0], fields[1]])
        #expect(known.status == 0, "\(known.stderr)")
        #expect(known.stdout == "restrict,pty,command=\"\(CLI.binary.resolvingSymlinksInPath().path) --db \(demo.url) session --key \(SSHCommandLineTests.aliceFingerprint)\" \(fields[0]) \(fields[1])\n")

        let withPassword = demo.url.replacingOccurrences(of: "certpanel@", with: "certpanel:s3cret@")
        let refused = try Program.run(CLI.binary.path, ["authorized-keys", "panel", fields[0], fields[1], "--db", withPassword])
        #expect(refused.status == 2)
        #expect(refused.stdout.isEmpty)
        #expect(refused.stderr.contains("~/.pgpass"), "\(refused.stderr)")
        #expect(!refused.stderr.contains("s3cret"), "\(refused.stderr)")
    }
}

/// The first PostgreSQL migration's name, as `schema_migrations` records it.
enum PostgresSchemaName {
    static let first = "pg1-schema-as-of-sqlite-v13"
}
