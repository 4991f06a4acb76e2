import Foundation
import Testing
import PanelModel
import PanelStore

/// Runs the real `certpanel` binary, as a script or a person would.
struct CLI {
    let databasePath: String

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static var binary: URL {
        // The test bundle sits next to the products of the same build.
        let directory = Bundle.main.bundleURL.deletingLastPathComponent()
        let candidates = [directory, Bundle.main.bundleURL].map { $0.appendingPathComponent("certpanel") }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
    }

    @discardableResult
    func run(_ arguments: [String], stdin: String? = nil, environment: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["CERTPANEL_DB"] = databasePath
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let stdoutData = out.fileHandleForReading.readDataToEndOfFile()
        let stderrData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: stdoutData, as: UTF8.self),
                      stderr: String(decoding: stderrData, as: UTF8.self))
    }
}

/// One demo database per test, in a temporary directory.
final class DemoFixture {
    let directory: URL
    let cli: CLI

    init(seed: Bool = true) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("certpanel-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        cli = CLI(databasePath: directory.appendingPathComponent("demo.sqlite").path)
        #expect(FileManager.default.isExecutableFile(atPath: CLI.binary.path), "certpanel binary missing at \(CLI.binary.path)")
        if seed {
            let result = try cli.run(["db", "seed", "--demo"])
            #expect(result.status == 0, "\(result.stderr)")
        }
    }

    deinit { try? FileManager.default.removeItem(at: directory) }
}

@Suite struct CommandLineTests {
    @Test func searchPrintsOnlyTheActingCustomersOrders() throws {
        let demo = try DemoFixture()
        let result = try demo.cli.run(["--as", "customer:\(DemoWorld.alice)", "orders", "search", "sunrise", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let page = try JSONDecoder.iso.decode(OrderPage.self, from: Data(result.stdout.utf8))
        #expect(page.rows.map(\.id.rawValue) == [1001, 1002])   // not Xavier's 2001 on the same domain
        #expect(page.rows.allSatisfy { $0.customerID == CustomerID(DemoWorld.alice) })

        let text = try demo.cli.run(["orders", "search", "sunrise", "--as", "customer:\(DemoWorld.alice)"])
        #expect(text.stdout.contains("sunrise-bakery.com"))
        #expect(!text.stdout.contains("xavier"))
        #expect(text.stdout.hasSuffix("1-2 of 2\n"))
    }

    @Test func anotherCustomersOrderIsNotFoundThroughEveryCommand() throws {
        let demo = try DemoFixture()
        let bobsOrder = "1101"
        let asAlice = ["--as", "customer:\(DemoWorld.alice)"]
        let show = try demo.cli.run(asAlice + ["orders", "show", bobsOrder])
        let showMissing = try demo.cli.run(asAlice + ["orders", "show", "1999999"])
        #expect(show.status == 3)
        #expect(showMissing.status == 3)
        #expect(show.stdout.isEmpty)
        #expect(show.stderr == showMissing.stderr.replacingOccurrences(of: "1999999", with: bobsOrder))
        let showJSON = try demo.cli.run(asAlice + ["orders", "show", bobsOrder, "--json"])
        #expect(showJSON.status == 3)
        let search = try demo.cli.run(asAlice + ["orders", "search", bobsOrder, "--json"])
        #expect(search.status == 0)
        #expect(try JSONDecoder.iso.decode(OrderPage.self, from: Data(search.stdout.utf8)).total == 0)
        let searchByName = try demo.cli.run(asAlice + ["orders", "search", "bobs-bikes"])
        #expect(searchByName.stdout == "No orders match.\n")
        // The owner does see it.
        let own = try demo.cli.run(["--as", "customer:\(DemoWorld.bob)", "orders", "show", bobsOrder])
        #expect(own.status == 0)
        #expect(own.stdout.contains("bobs-bikes.de"))
    }

    @Test func exitCodes() throws {
        let demo = try DemoFixture()
        #expect(try demo.cli.run(["orders", "search", "x"]).status == 2)                              // no --as
        #expect(try demo.cli.run(["--as", "nobody", "orders", "search", "x"]).status == 2)            // bad --as
        #expect(try demo.cli.run(["--as", "operator", "orders", "show", "abc"]).status == 2)          // bad ID
        #expect(try demo.cli.run(["--as", "operator", "orders", "frobnicate"]).status == 2)           // unknown command
        #expect(try demo.cli.run(["--as", "operator", "orders", "search", "--sort", "size"]).status == 2)
        #expect(try demo.cli.run(["--as", "operator", "orders", "show", "424242"]).status == 3)
        let noAs = try demo.cli.run(["orders", "search", "x"])
        #expect(noAs.stderr.contains("--as customer:ID, reseller:ID or operator"))
        let help = try demo.cli.run(["orders", "search", "--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("--as"))
        // Seeding the demo twice into the same file is refused, not merged.
        let again = try demo.cli.run(["db", "seed", "--demo"])
        #expect(again.status == 2)
        #expect(again.stderr.contains("already holds data"))
    }

    @Test func loadNamesTheBadRecordAndChangesNothing() throws {
        let demo = try DemoFixture()
        let file = demo.directory.appendingPathComponent("bad.json")
        try Data("""
            {"orders": [
              {"id": 9001, "product": "domain", "domain": "fine.com", "customer": \(DemoWorld.alice), "created": "2026-01-01", "expires": "2027-01-01"},
              {"id": 9002, "product": "domain", "domain": "exa mple.com", "customer": \(DemoWorld.alice), "created": "2026-01-01", "expires": "2027-01-01"}
            ]}
            """.utf8).write(to: file)
        let result = try demo.cli.run(["db", "load", file.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("orders[1].domain: \"exa mple.com\" is not a valid domain name"))
        let search = try demo.cli.run(["--as", "operator", "orders", "search", "fine.com"])
        #expect(search.stdout == "No orders match.\n")

        let good = try demo.cli.run(["db", "load", "-", "--json"], stdin: """
            {"orders": [{"id": 9001, "product": "domain", "domain": "fine.com", "customer": \(DemoWorld.alice), "created": "2026-01-01", "expires": "2027-01-01"}]}
            """)
        #expect(good.status == 0, "\(good.stderr)")
        #expect(good.stdout.contains("\"orders\" : 1"))
        #expect(try demo.cli.run(["--as", "operator", "orders", "show", "9001"]).status == 0)
    }

    @Test func controlCharactersFromTheDatabaseNeverReachTheTerminal() throws {
        let demo = try DemoFixture()
        let result = try demo.cli.run(["db", "load", "-"], stdin: """
            {"customers": [{"id": 777, "username": "evil@example.com", "name": "Eve\\u001b[2J\\u001b]52;c;aGk=\\u0007\\u009b31m", "reseller": 1}],
             "contacts": [{"id": 777, "handle": "EVIL-1", "owner": 777, "name": "Eve\\r\\nInjected", "email": "evil@example.com", "country": "GB", "phone": "+44.2071234567"}],
             "orders": [{"id": 7777, "product": "domain", "domain": "evil-example.com", "customer": 777, "created": "2026-01-01", "expires": "2027-01-01",
                         "processing": "Renewal\\u001b[1;1H", "contacts": {"registrant": 777}}]}
            """)
        #expect(result.status == 0, "\(result.stderr)")
        let show = try demo.cli.run(["--as", "operator", "orders", "show", "7777"])
        #expect(show.status == 0)
        #expect(!show.stdout.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x9B || $0.value == 0x0D })
        #expect(show.stdout.contains("Eve"))
    }

    @Test func demoSeedsItsOwnFileAndSaysHowToOpenIt() throws {
        let demo = try DemoFixture(seed: false)
        let path = demo.directory.appendingPathComponent("walkthrough.sqlite").path
        let result = try demo.cli.run(["demo", "--db", path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Seeded the demo world"))
        #expect(result.stdout.contains("alice@example.com"))
        let search = try demo.cli.run(["--db", path, "--as", "customer:\(DemoWorld.alice)", "orders", "search", "bakery", "--json"])
        #expect(try JSONDecoder.iso.decode(OrderPage.self, from: Data(search.stdout.utf8)).total == 2)
        // Running it again starts from a fresh world rather than failing on existing data.
        #expect(try demo.cli.run(["demo", "--db", path]).status == 0)
    }
}

extension JSONDecoder {
    static var iso: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}
