import Foundation
import Testing
import PanelModel
import PanelStore
import TestSupport

/// Issue 15 from the command line: `orders show` lists what stops a move (text and JSON),
/// and `move-services` moves a Domain order on its own, .EU first, then its certificate.
@Suite struct DomainMoveCommandTests {
    let asAlice = ["--as", "customer:\(DemoWorld.alice)"]

    func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func ordersShowListsEveryBlockerWithItsFix() throws {
        let demo = try DemoFixture()
        let shown = try demo.cli.run(asAlice + ["orders", "show", "1006"])
        #expect(shown.status == 0, "\(shown.stderr)")
        #expect(shown.stdout.contains("""
            Move Services: 1 to fix before moving
              ✗ One or more Services for this domain name are currently being processed (Web Hosting order 1007: Renewal).
                Fix: Wait for the processing to complete, or cancel the pending process, then try again.
            """))
        let free = try demo.cli.run(asAlice + ["orders", "show", "1001"])
        #expect(free.stdout.contains("Move Services: nothing on this order stops a move\n  Moves together: 1001 Digital Certificate, 1002 Email Hosting"))
        #expect(free.stdout.contains("The form checks: The new Customer's reseller must have signed up for Digital Certificate, Email Hosting."))
    }

    @Test func ordersShowJSONCarriesThePreflight() throws {
        let demo = try DemoFixture()
        let certificate = try json(try demo.cli.run(asAlice + ["orders", "show", "1018", "--json"]).stdout)
        let preflight = try #require(certificate["movePreflight"] as? [String: Any])
        #expect(preflight["movable"] as? Bool == false)
        let problems = try #require(preflight["problems"] as? [[String: Any]])
        #expect(problems.count == 1)
        #expect(problems[0]["kind"] as? String == "tld")
        #expect((problems[0]["fix"] as? String)?.contains("move Domain order 1019") == true)
        #expect(problems[0]["problem"] as? String == "The .EU domain name euro-parts.eu is a Domain order (1019) present in this Control Panel.")

        let domain = try json(try demo.cli.run(asAlice + ["orders", "show", "1019", "--json"]).stdout)
        let domainPreflight = try #require(domain["movePreflight"] as? [String: Any])
        #expect(domainPreflight["movable"] as? Bool == true)
        #expect(domainPreflight["moves"] as? [Int] == [1019])
        #expect(domainPreflight["stays"] as? [Int] == [1018])
        #expect(domain["registrableDomain"] as? String == "euro-parts.eu")
    }

    @Test func theEUPathDomainFirstThenTheCertificate() throws {
        let demo = try DemoFixture()
        let to = ["--to-username", "bob@example.net", "--to-customer-id", "\(DemoWorld.bob)"]
        let early = try demo.cli.run(asAlice + ["move-services", "1018"] + to + ["--yes"])
        #expect(early.status == 1)
        #expect(early.stderr.contains("move Domain order 1019 (Move Services on its Order Details, or certpanel move-services 1019)"))

        let plan = try demo.cli.run(asAlice + ["move-services", "1019"] + to + ["--dry-run"])
        #expect(plan.status == 0, "\(plan.stderr)")
        #expect(plan.stdout.contains("  1019  Domain  euro-parts.eu"))
        #expect(plan.stdout.contains("  stays: 1018  Digital Certificate  euro-parts.eu (a Domain order moves on its own; move this next)"))

        let domain = try demo.cli.run(asAlice + ["move-services", "1019"] + to + ["--yes", "--json"])
        #expect(domain.status == 0, "\(domain.stderr)")
        let moved = try json(domain.stdout)
        #expect(moved["services"] as? [Int] == [1019])
        #expect(moved["staying"] as? [Int] == [1018])

        let certificate = try demo.cli.run(asAlice + ["move-services", "1018"] + to + ["--yes"])
        #expect(certificate.status == 0, "\(certificate.stderr)")
        #expect(certificate.stdout.contains("1018  Digital Certificate  euro-parts.eu"))
        let bob = try demo.cli.run(["--as", "customer:\(DemoWorld.bob)", "orders", "show", "1018"])
        #expect(bob.stdout.contains("Related services on euro-parts.eu\n  1019  Domain  Active"))
    }

    @Test func caAndESDomainOrdersAreRefused() throws {
        let demo = try DemoFixture()
        for order in ["1015", "1017"] {
            let result = try demo.cli.run(asAlice + ["move-services", order, "--to-username", "bob@example.net",
                                                     "--to-customer-id", "\(DemoWorld.bob)", "--yes"])
            #expect(result.status == 1)
            #expect(result.stderr.hasPrefix("Attention: The .\(order == "1015" ? "CA" : "ES") domain name"))
        }
    }
}
