import Foundation
import Testing
import PanelModel
import PanelStore
import TestSupport

/// `certpanel db copy`: a single-host SQLite panel moves up to PostgreSQL (and back), all or
/// nothing, with every table's count checked. A private PostgreSQL cluster serves the tests.
@Suite(.serialized) struct DatabaseCopyCommandTests {
    let cluster: PostgresCluster
    init() throws { cluster = try PostgresCluster.shared() }

    func run(_ arguments: [String]) throws -> Program.Result {
        try Program.run(CLI.binary.path, arguments)
    }

    func count(_ table: String, _ database: String) throws -> Int {
        Int(try cluster.psql("SELECT count(*) FROM \(table)", database: database).trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    }

    @Test func aDemoPanelCopiesToPostgresAndBackUnchanged() throws {
        let demo = try DemoFixture()
        // Some history first, so the audit log, order events and outbox have rows to carry.
        let move = try demo.cli.run(["--as", "customer:\(DemoWorld.alice)", "move-services", "1001", "--to-username", "bob@example.net",
                                     "--to-customer-id", "\(DemoWorld.bob)", "--yes"])
        #expect(move.status == 0, "\(move.stderr)")
        let name = try cluster.createUniqueDatabase(prefix: "copy")
        defer { try? cluster.dropDatabase(name) }
        let url = cluster.url(database: name)

        let copied = try run(["db", "copy", "--from", demo.cli.databasePath, "--to", url])
        #expect(copied.status == 0, "\(copied.stderr)")
        #expect(copied.stdout.contains("every table's count matches"), "\(copied.stdout)")
        #expect(copied.stdout.contains("  orders: 45"), "\(copied.stdout)")
        #expect(try count("orders", name) == 45)
        #expect(try count("audit_log WHERE action = 'order.move'", name) == 1)

        // The same panel on both: a search and an order's history read the same.
        for arguments in [["--as", "operator", "orders", "search", "e", "--json"],
                          ["--as", "customer:\(DemoWorld.bob)", "orders", "history", "1001", "--json"]] {
            let fromSQLite = try demo.cli.run(arguments)
            let fromPostgres = try run(["--db", url] + arguments)
            #expect(fromPostgres.status == 0, "\(fromPostgres.stderr)")
            #expect(fromPostgres.stdout == fromSQLite.stdout)
        }

        // New rows after the copy take IDs past the copied ones (the sequences moved on).
        let back = try run(["--db", url, "--as", "customer:\(DemoWorld.bob)", "move-services", "1001", "--to-username", "alice@example.com",
                            "--to-customer-id", "\(DemoWorld.alice)", "--yes"])
        #expect(back.status == 0, "\(back.stderr)")
        #expect(try count("audit_log WHERE action = 'order.move'", name) == 2)

        // And down again into a new SQLite file: every row of every table arrives.
        let file = demo.directory.appendingPathComponent("back.sqlite").path
        let down = try run(["db", "copy", "--from", url, "--to", file])
        #expect(down.status == 0, "\(down.stderr)")
        let source = try PanelDatabase(path: url, access: .oneShot)
        let copy = try PanelDatabase(path: file, access: .oneShot)
        #expect(try copy.contentDump() == source.contentDump())
    }

    @Test func aTargetWithDataIsRefusedAndLeftAlone() throws {
        let demo = try DemoFixture()
        let name = try cluster.createUniqueDatabase(prefix: "copy")
        defer { try? cluster.dropDatabase(name) }
        let url = cluster.url(database: name)
        #expect(try run(["db", "copy", "--from", demo.cli.databasePath, "--to", url]).status == 0)
        let before = try PanelDatabase(path: url, access: .oneShot).contentDump()
        let again = try run(["db", "copy", "--from", demo.cli.databasePath, "--to", url])
        #expect(again.status == 2)
        #expect(again.stderr.contains("already holds data"), "\(again.stderr)")
        #expect(try PanelDatabase(path: url, access: .oneShot).contentDump() == before)
    }

    /// A failure half-way (here a trigger that refuses the certificate authority's row, which
    /// is copied after the orders) leaves the target as empty as it was.
    @Test func aFailureHalfWayCopiesNothing() throws {
        let demo = try DemoFixture()
        let name = try cluster.createUniqueDatabase(prefix: "copy")
        defer { try? cluster.dropDatabase(name) }
        let url = cluster.url(database: name)
        #expect(try run(["db", "migrate", "--db", url]).status == 0)
        _ = try cluster.psql("""
            CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'disk full'; END $$;
            CREATE TRIGGER refuse BEFORE INSERT ON certificate_authorities FOR EACH ROW EXECUTE FUNCTION refuse();
            """, database: name)
        let failed = try run(["db", "copy", "--from", demo.cli.databasePath, "--to", url])
        #expect(failed.status != 0)
        for table in ["resellers", "customers", "orders", "certificates", "audit_log"] {
            #expect(try count(table, name) == 0, "\(table)")
        }
    }

    @Test func aMissingSourceIsAClearError() throws {
        let demo = try DemoFixture(seed: false)
        let result = try run(["db", "copy", "--from", demo.directory.appendingPathComponent("nothing.sqlite").path, "--to",
                              demo.directory.appendingPathComponent("x.sqlite").path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("there is no database at"), "\(result.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: demo.directory.path).isEmpty)
    }
}
