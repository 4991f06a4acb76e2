import Foundation
import Testing
import PanelModel
import PanelStore
import TestSupport

/// Runs the real `certpanel` binary, as a script or a person would.
struct CLI {
    let databasePath: String

    typealias Result = Program.Result

    static var binary: URL {
        // The test bundle sits next to the products of the same build.
        let directory = Bundle.main.bundleURL.deletingLastPathComponent()
        let candidates = [directory, Bundle.main.bundleURL].map { $0.appendingPathComponent("certpanel") }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
    }

    @discardableResult
    func run(_ arguments: [String], stdin: String? = nil, environment: [String: String] = [:]) throws -> Result {
        var env = ProcessInfo.processInfo.environment
        env["CERTPANEL_DB"] = databasePath
        for (key, value) in environment { env[key] = value }
        return try Program.run(Self.binary.path, arguments, stdin: stdin, environment: env)
    }
}

/// One demo database per test, in a temporary directory.
final class DemoFixture {
    let directory: URL
    let cli: CLI

    /// The end of order 1009's money-back period in a demo world seeded today (20 days on).
    static var moneyBackEnd: String {
        Date().addingTimeInterval(20 * 86_400).formatted(Date.ISO8601FormatStyle().year().month().day())
    }

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

@Suite struct MoveCommandTests {
    static let moved = "sunrise-bakery.com"

    /// Every row of the database, read in this process.
    func digest(_ path: String) throws -> [String] {
        let database = try PanelDatabase(path: path)
        defer { try? database.close() }
        return try database.contentDump()
    }

    /// Every demo case: order, target username, target ID, the exact problems printed.
    static let refusals: [(Int, String, Int64, [String])] = [
        (1001, "nobody@example.com", DemoWorld.bob, ["Invalid Customer"]),
        (1001, "bob@example.net", DemoWorld.carol, ["The Customer username and Customer ID are not of the same Customer"]),
        (1001, "dave@example.com", DemoWorld.dave, ["New Customer's status prohibits this operation"]),
        (1003, "grace@example.org", DemoWorld.grace, ["Reseller has not signedup for this Product - Digital Certificate. So, we can't complete your request"]),
        (1001, "yolanda@example.es", DemoWorld.yolanda, ["There are one or more Services for this domain name (Email Hosting) under another Customer of the new Reseller, Reseller B Hosting. Wait for the processing to complete, or cancel the pending process, then try again."]),
        (1005, "bob@example.net", DemoWorld.bob, ["This order is suspended. It has to be unsuspended before it can be moved: ask your reseller, ALVO Business Solutions, Corp., to unsuspend order 1005."]),
        (1006, "bob@example.net", DemoWorld.bob, ["One or more Services for this domain name are currently being processed (Web Hosting order 1007: Renewal). Wait for the processing to complete, or cancel the pending process, then try again."]),
        (1010, "bob@example.net", DemoWorld.bob, ["The .UK domain name oldtown-books.co.uk is a Domain order (1011) in this Control Panel, so this Digital Certificate order cannot be moved. It cannot move while Domain order 1011 is in this Control Panel."]),
        (1012, "bob@example.net", DemoWorld.bob, ["The .NZ domain name kiwi-surf.co.nz is a Domain order (1013) in this Control Panel, so this Digital Certificate order cannot be moved. It cannot move while Domain order 1013 is in this Control Panel."]),
        (1014, "bob@example.net", DemoWorld.bob, ["The .CA domain name northern-lights.ca cannot be moved, so neither the Digital Certificate order nor the .CA Domain order (1015) can be moved. Both orders stay with this customer."]),
        (1015, "bob@example.net", DemoWorld.bob, ["The .CA domain name northern-lights.ca cannot be moved, so this Domain order cannot be moved (nor can Digital Certificate order 1014 on it). It stays with this customer; the .CA Registry does not allow the move."]),
        (1018, "bob@example.net", DemoWorld.bob, ["The .EU domain name euro-parts.eu is a Domain order (1019) present in this Control Panel. You need to first complete moving your .EU domain name Order: move Domain order 1019 (Move Services on its Order Details, or certpanel move-services 1019). Once the action of moving your .EU domain name Order is complete, you can move the Digital Certificate Order."]),
        (1022, "bob@example.net", DemoWorld.bob, ["Third level .ME domain names can be registered only by Montenegrin individuals and entities. The Default Registrant Contact of bob@example.net must be a Montenegrin individual or entity (country ME) before adriatic.co.me can be moved."]),
        (1026, "carol@example.org", DemoWorld.carol, ["Either registrant or admin contact must be a resident of Germany"]),
        (1008, "bob@example.net", DemoWorld.bob, ["There is a Pending Invoice for a Service associated with this domain name (INV-000006 for order 1008). Wait for the processing to complete, or cancel the pending process, then try again."]),
        (1009, "bob@example.net", DemoWorld.bob, ["One or more Products/Services are currently under the Money Back Period (Digital Certificate order 1009 until \(DemoFixture.moneyBackEnd)); deleting them now would entitle a refund. Wait for the processing to complete, or cancel the pending process, then try again."]),
        (1016, "bob@example.net", DemoWorld.bob, ["The .ES domain name tapas-bar.es cannot be moved. The .ES Registry neither allows modification of any Contact Details of the Registrant Contact nor allows selecting of another Contact as the Registrant Contact. So neither the Digital Certificate order nor the .ES Domain order (1017) can be moved. Both orders stay with this customer."]),
        (1017, "bob@example.net", DemoWorld.bob, ["The .ES domain name tapas-bar.es cannot be moved (nor can Digital Certificate order 1016 on it). The .ES Registry neither allows modification of any Contact Details of the Registrant Contact nor allows selecting of another Contact as the Registrant Contact. It stays with this customer."]),
        (1001, "alice@example.com", DemoWorld.alice, ["Order 1001 already belongs to alice@example.com (Customer ID 100001). Give the username and Customer ID of the customer you are moving it to."]),
        (1026, "grace@example.org", DemoWorld.grace, ["Reseller has not signedup for this Product - Digital Certificate. So, we can't complete your request",
                                                      "Either registrant or admin contact must be a resident of Germany"]),
    ]

    @Test(arguments: 0..<refusals.count)
    func everyRuleRefusesWithItsMessageAndChangesNothing(index: Int) throws {
        let (order, username, id, messages) = Self.refusals[index]
        let demo = try DemoFixture()
        let before = try digest(demo.cli.databasePath)
        let result = try demo.cli.run(["--as", "customer:\(DemoWorld.alice)", "move-services", "\(order)",
                                       "--to-username", username, "--to-customer-id", "\(id)", "--yes"])
        #expect(result.status == 1)
        #expect(result.stderr == messages.map { "Attention: \($0)\n" }.joined())
        #expect(result.stdout.isEmpty)
        #expect(try digest(demo.cli.databasePath) == before)
    }

    @Test func dryRunShowsThePlanAndYesApplies() throws {
        let demo = try DemoFixture()
        let asAlice = ["--as", "customer:\(DemoWorld.alice)"]
        let move = ["move-services", "1001", "--to-username", "bob@example.net", "--to-customer-id", "\(DemoWorld.bob)"]
        let before = try digest(demo.cli.databasePath)
        let plan = try demo.cli.run(asAlice + move + ["--dry-run"])
        #expect(plan.status == 0)
        #expect(plan.stdout.contains("Plan (nothing has changed):"))
        #expect(plan.stdout.contains("1002  Email Hosting  sunrise-bakery.com"))
        #expect(try digest(demo.cli.databasePath) == before)
        // No --yes and no terminal: refused, nothing changes.
        let unconfirmed = try demo.cli.run(asAlice + move)
        #expect(unconfirmed.status == 2)
        #expect(unconfirmed.stderr.contains("add --yes to confirm, or --dry-run to see the plan"))
        #expect(try digest(demo.cli.databasePath) == before)
        let applied = try demo.cli.run(asAlice + move + ["--yes", "--json"])
        #expect(applied.status == 0, "\(applied.stderr)")
        #expect(applied.stdout.contains("\"applied\" : true"))
        #expect(try demo.cli.run(asAlice + ["orders", "show", "1001"]).status == 3)
        let bob = try demo.cli.run(["--as", "customer:\(DemoWorld.bob)", "orders", "search", Self.moved])
        #expect(bob.stdout.contains("1001") && bob.stdout.contains("1002"))
    }

    @Test func theEUCertificateMovesOnceItsDomainOrderHasMoved() throws {
        let demo = try DemoFixture()
        let result = try demo.cli.run(["--as", "customer:\(DemoWorld.alice)", "move-services", "1020", "--to-username", "bob@example.net",
                                       "--to-customer-id", "\(DemoWorld.bob)", "--yes"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("1020  Digital Certificate  euro-tools.eu"))
    }

    @Test func retainAndNotRetainContactOutcomes() throws {
        let demo = try DemoFixture()
        let retained = try demo.cli.run(["--as", "customer:\(DemoWorld.alice)", "move-services", "1028", "--to-username", "bob@example.net",
                                         "--to-customer-id", "\(DemoWorld.bob)", "--retain-contacts", "--yes", "--json"])
        #expect(retained.stdout.contains(".ASIA: the current CED Contact continues to be used for lantern-trading.asia."))
        let shown = try demo.cli.run(["--as", "operator", "orders", "show", "1029", "--json"])
        #expect(shown.stdout.contains("CP-1002"))   // the CED contact kept as registrant
        let changed = try demo.cli.run(["--as", "customer:\(DemoWorld.alice)", "move-services", "1024", "--to-username", "bob@example.net",
                                        "--to-customer-id", "\(DemoWorld.bob)", "--yes"])
        #expect(changed.stdout.contains("Warning (.TEL): the Registrant Contact changes"))
        let tel = try demo.cli.run(["--as", "operator", "orders", "show", "1025"])
        #expect(tel.stdout.contains("registrant CP-1003 Bob Schneider, DE"))
    }

    @Test func twoProcessesMovingTheSameOrderAtOnceExactlyOneWins() throws {
        let demo = try DemoFixture()
        func start(_ username: String, _ id: Int64) throws -> (Process, Pipe) {
            let process = Process()
            process.executableURL = CLI.binary
            process.arguments = ["--db", demo.cli.databasePath, "--as", "customer:\(DemoWorld.alice)", "move-services", "1003",
                                 "--to-username", username, "--to-customer-id", "\(id)", "--yes"]
            let errors = Pipe()
            process.standardError = errors
            process.standardOutput = Pipe()
            try process.run()
            return (process, errors)
        }
        let first = try start("bob@example.net", DemoWorld.bob)
        let second = try start("carol@example.org", DemoWorld.carol)
        first.0.waitUntilExit()
        second.0.waitUntilExit()
        let statuses = [first.0.terminationStatus, second.0.terminationStatus]
        #expect(statuses.sorted() == [0, 3])
        let loser = statuses[0] == 0 ? second.1 : first.1
        let message = String(decoding: loser.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(message.contains("Order 1003 not found"))
        let owner = try demo.cli.run(["--as", "operator", "orders", "show", "1003", "--json"])
        let winner = statuses[0] == 0 ? DemoWorld.bob : DemoWorld.carol
        #expect(owner.stdout.contains("\"id\" : \(winner)"))
    }

    @Test func onlyResellersUnsuspend() throws {
        let demo = try DemoFixture()
        let customer = try demo.cli.run(["--as", "customer:\(DemoWorld.alice)", "orders", "unsuspend", "1005", "--reason", "please"])
        #expect(customer.status == 1)
        #expect(customer.stderr.contains("Only your reseller can unsuspend this order."))
        let reseller = try demo.cli.run(["--as", "reseller:1", "orders", "unsuspend", "1005", "--reason", "paid"])
        #expect(reseller.status == 0)
        #expect(reseller.stdout.hasPrefix("Order 1005 unsuspended (transaction "))
        #expect(try demo.cli.run(["--as", "reseller:2", "orders", "suspend", "1005", "--reason", "x"]).status == 3)
    }
}

@Suite struct SeedAPICommandTests {
    @Test func transferRequestStatusApproveInTheSeedsFormat() throws {
        let demo = try DemoFixture()
        let status = try demo.cli.run(["--as", "reseller:2", "api"], stdin: "command = StatusDomainTransfer\ndomain = harbor-lights.com\n")
        #expect(status.status == 0)
        #expect(status.stdout.hasPrefix("[RESPONSE]\ncode = 200\ndescription = Command completed successfully\nproperty[DOMAIN][0] = harbor-lights.com\nproperty[TRANSFERID][0] = 2\nproperty[STATUS][0] = PENDING\nproperty[AUTHCODE][0] = 0\n"))
        #expect(status.stdout.hasSuffix("EOF\n"))
        let approve = try demo.cli.run(["--as", "reseller:2", "api", "command=TransferDomain", "domain=harbor-lights.com", "action=approve"])
        #expect(approve.status == 0)
        #expect(approve.stdout.contains("property[STATUS][0] = COMPLETED"))
        #expect(approve.stdout.contains("property[RENEWED][0] = 1"))
        #expect(try demo.cli.run(["--as", "customer:\(DemoWorld.bob)", "orders", "show", "2002"]).status == 0)
    }

    @Test func refusalsAndBadInputInTheSameFormat() throws {
        let demo = try DemoFixture()
        let pending = try demo.cli.run(["--as", "reseller:1", "api", "command=TransferDomain", "domain=blue-lagoon.net",
                                        "action=usertransfer", "customer=\(DemoWorld.bob)"])
        #expect(pending.status == 1)
        #expect(pending.stdout == "[RESPONSE]\ncode = 549\ndescription = An internal transfer of blue-lagoon.net is already pending (request 3).\nEOF\n")
        let missing = try demo.cli.run(["--as", "reseller:1", "api", "command=TransferDomain", "action=usertransfer"])
        #expect(missing.status == 2)
        #expect(missing.stdout.contains("code = 505\ndescription = the parameter domain is required for command TransferDomain"))
        let modify = try demo.cli.run(["--as", "reseller:1", "api", "command=ModifyRegistrar", "INTERNAL-TRANSFER-RENEW=SOMETIMES"])
        #expect(modify.status == 2)
        #expect(modify.stdout.contains("INTERNAL-TRANSFER-RENEW must be REGISTRY, NORENEW or empty"))
        let set = try demo.cli.run(["--as", "reseller:1", "api", "command=ModifyRegistrar", "INTERNAL-TRANSFER-RENEW=NORENEW", "--json"])
        #expect(set.status == 0)
        struct Answer: Decodable { var code: Int; var properties: [String: [String]] }
        let answer = try JSONDecoder().decode(Answer.self, from: Data(set.stdout.utf8))
        #expect(answer.code == 200)
        #expect(answer.properties["INTERNAL-TRANSFER-RENEW"] == ["NORENEW"])
    }

    @Test func windowsAndOldMacLineEndingsOnStandardInputAreLineEndings() throws {
        let demo = try DemoFixture()
        for ending in ["\r\n", "\r"] {
            let status = try demo.cli.run(["--as", "reseller:2", "api"],
                                          stdin: ["command = StatusDomainTransfer", "domain = harbor-lights.com", ""].joined(separator: ending))
            #expect(status.status == 0, "\(status.stdout)")
            #expect(status.stdout.contains("property[DOMAIN][0] = harbor-lights.com\n"))
            #expect(!status.stdout.contains("\r"))
        }
    }

    /// A value that tries to end the response and start another one is refused, and the
    /// refusal itself stays inside one well-formed response.
    @Test(arguments: [["command=Foo\nEOF\n[RESPONSE]\ncode = 200"], ["command=StatusDomainTransfer", "domain=harbor-lights.com\r"],
                      ["command=Bar\u{1B}]0;pwned\u{7}"], ["command=" + String(repeating: "A", count: 100_000)]])
    func aResponseIsAlwaysOneWellFormedBlock(arguments: [String]) throws {
        let demo = try DemoFixture()
        let result = try demo.cli.run(["--as", "reseller:2", "api"] + arguments)
        #expect(result.status == 2)
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(Array(lines.prefix(2)) == ["[RESPONSE]", "code = 505"], "\(result.stdout.prefix(300))")
        #expect(lines.count == 5 && lines[3] == "EOF" && lines[4] == "")
        #expect(!result.stdout.unicodeScalars.contains { EchoedText.isForbidden($0) && $0 != "\n" })
        #expect(result.stdout.count < 600)
    }

    @Test func jobsRunTwiceDoesNothingTwice() throws {
        let demo = try DemoFixture()
        let later = Date().addingTimeInterval(10 * 86_400).formatted(Date.ISO8601FormatStyle())
        let first = try demo.cli.run(["jobs", "run", "--now", later])
        #expect(first.status == 0)
        #expect(first.stdout.contains("Transfer 1 of alpine-gear.com: timed_out."))     // locked, with auth code
        #expect(first.stdout.contains("Transfer 2 of harbor-lights.com: timed_out."))   // no auth code, never approved
        #expect(first.stdout.contains("Transfer 3 of blue-lagoon.net: completed."))     // auth code, unlocked, NORENEW=1
        let second = try demo.cli.run(["jobs", "run", "--now", later])
        #expect(second.stdout == "Nothing was due.\n")
        #expect(try demo.cli.run(["--as", "customer:\(DemoWorld.kim)", "orders", "show", "2003"]).status == 0)
    }
}

@Suite struct PushCommandTests {
    @Test func pushDomainAnswersInSeed003sFormat() throws {
        let demo = try DemoFixture()
        let refused = try demo.cli.run(["--as", "reseller:1", "api", "command=push_domain", "domain=alpine-gear.com", "handle=H12345"])
        #expect(refused.status == 1)
        let line = refused.stdout.trimmingCharacters(in: .newlines)
        #expect(line.hasPrefix("Transaction-ID: "))
        #expect(line.hasSuffix(" Status: 1 Message: Gaining handle 'H12345' is refusing transfers."))
        #expect(line.split(separator: " ")[1].count == 32)
        let pushed = try demo.cli.run(["--as", "reseller:1", "api"], stdin: "command = push_domain\ndomain = alpine-gear.com\nhandle = H20002\ntest = 0\n")
        #expect(pushed.status == 0)
        #expect(pushed.stdout == "Status: 0 Message: domain has been transferred.\n")
        #expect(try demo.cli.run(["--as", "reseller:1", "orders", "show", "1031"]).status == 3)
    }
}

@Suite struct DatabasePathTests {
    /// `--db postgresql://…` once became the directories `postgresql:/user@host:5432/` and a
    /// SQLite file in the working directory. Other servers' URLs are refused.
    @Test(arguments: ["sqlite:///tmp/x.sqlite", "mysql+tcp://h/db"])
    func aURLIsRefusedAndNothingIsCreated(url: String) throws {
        let demo = try DemoFixture(seed: false)
        for arguments in [["--db", url, "db", "migrate"], ["--as", "operator", "orders", "search", "--db", url], ["demo", "--db", url]] {
            let result = try Program.run(CLI.binary.path, arguments, directory: demo.directory)
            #expect(result.status == 2, "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains("--db takes the path of a SQLite file or a postgresql:// URL"), "\(result.stderr)")
        }
        let fromEnvironment = try Program.run(CLI.binary.path, ["db", "migrate"], directory: demo.directory,
                                              environment: ProcessInfo.processInfo.environment.merging(["CERTPANEL_DB": url]) { $1 })
        #expect(fromEnvironment.status == 2)
        #expect(try FileManager.default.contentsOfDirectory(atPath: demo.directory.path).isEmpty)
    }

    /// A PostgreSQL URL is a server to connect to, never a path: one that answers nobody says
    /// so, without the password, and nothing appears in the working directory.
    @Test(arguments: ["postgresql://panel:s3cret@127.0.0.1:1/db", "postgres://127.0.0.1:1/certpanel"])
    func aPostgresURLThatAnswersNobodyIsAClearErrorAndNoFile(url: String) throws {
        let demo = try DemoFixture(seed: false)
        let result = try Program.run(CLI.binary.path, ["--db", url, "db", "migrate"], directory: demo.directory)
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains("cannot connect to PostgreSQL at"), "\(result.stderr)")
        #expect(result.stderr.contains("PGPASSWORD or ~/.pgpass"), "\(result.stderr)")
        #expect(!result.stderr.contains("s3cret"), "\(result.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: demo.directory.path).isEmpty)
    }

    @Test func aPathWithAColonIsStillAPath() throws {
        let demo = try DemoFixture(seed: false)
        let result = try Program.run(CLI.binary.path, ["--db", "a:b.sqlite", "db", "migrate"], directory: demo.directory)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(FileManager.default.fileExists(atPath: demo.directory.appendingPathComponent("a:b.sqlite").path))
    }
}
