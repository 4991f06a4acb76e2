import Foundation
import Testing
import PanelModel
import PanelStore
import TestSupport

/// Errors that no input explains get exit 4, a plain message with an incident ID, and their
/// detail (SQL included) only in the log, never in the message.
@Suite struct InternalErrorTests {
    /// A demo database whose audit log refuses every write, as a damaged file or a full disk would.
    static func brokenDemo() throws -> DemoFixture {
        let demo = try DemoFixture()
        _ = try TmuxEndToEndTests.sqlite(demo.cli.databasePath,
                                         "CREATE TRIGGER boom BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'disk on fire'); END;")
        return demo
    }

    static func incident(in text: String) -> String? {
        guard let range = text.range(of: #"incident [0-9A-F]{12}"#, options: .regularExpression) else { return nil }
        return String(text[range].dropFirst("incident ".count))
    }

    @Test func anInternalErrorExits4WithAnIncidentIDAndTheDetailOnlyInTheLog() throws {
        let demo = try Self.brokenDemo()
        let result = try demo.cli.run(["--as", "reseller:1", "orders", "suspend", "1001", "--reason", "test"])
        #expect(result.status == 4, "\(result.stderr)")
        let lines = result.stderr.split(separator: "\n").map(String.init)
        let message = try #require(lines.first { $0.hasPrefix("error: ") })
        let id = try #require(Self.incident(in: message), "\(result.stderr)")
        #expect(message == "error: Something went wrong inside CertPanel (incident \(id)); it is not caused by what you entered. Try again, and if it happens again, give the incident ID to your provider.")
        // The log line (standard error, for the command line) has the same ID and GRDB's detail.
        let log = try #require(lines.first { $0.contains("incident \(id) during") }, "\(result.stderr)")
        #expect(log.contains("disk on fire"))
        #expect(!message.contains("disk on fire") && !message.contains("INSERT"))
        #expect(try demo.cli.run(["--as", "reseller:1", "orders", "show", "1001", "--json"]).stdout.contains("\"active\""))
    }

    @Test func theAPIAnswersAnInternalErrorInItsOwnFormat() throws {
        let demo = try Self.brokenDemo()
        let result = try demo.cli.run(["--as", "reseller:1", "api", "command=ModifyRegistrar", "INTERNAL-TRANSFER-RENEW=NORENEW"])
        #expect(result.status == 4)
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(Array(lines.prefix(2)) == ["[RESPONSE]", "code = 421"], "\(result.stdout)")
        #expect(lines.count == 5 && lines[3] == "EOF")
        #expect(Self.incident(in: result.stdout) != nil)
        #expect(!result.stdout.contains("disk on fire"))
    }

    @Test func syntheticSeedOnANonEmptyDatabaseIsAPlainRefusal() throws {
        let demo = try DemoFixture()
        let result = try demo.cli.run(["db", "seed", "--synthetic", "--orders", "10", "--customers", "2"])
        #expect(result.status == 2)
        #expect(result.stderr == "error: \(demo.cli.databasePath) already holds data; write synthetic data into a new file with --db PATH\n")
    }

    @Test func aFileThatIsNotADatabaseIsBadInputNotAnIncident() throws {
        let demo = try DemoFixture(seed: false)
        let path = demo.directory.appendingPathComponent("notes.txt").path
        try Data(String(repeating: "not a database\n", count: 100).utf8).write(to: URL(fileURLWithPath: path))
        let result = try demo.cli.run(["--db", path, "db", "migrate"])
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains("is not a CertPanel database"), "\(result.stderr)")
    }
}
