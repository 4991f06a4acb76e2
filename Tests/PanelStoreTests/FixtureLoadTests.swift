import Foundation
import Testing
import PanelModel
@testable import PanelStore

@Suite struct FixtureLoadTests {
    static let good = """
    {
      "resellers": [{"id": 1, "name": "R1", "products": ["digital_certificate", "Domain"], "registrarHandle": "H100"}],
      "customers": [{"id": 10, "username": "Ann@Example.com", "name": "Ann", "reseller": 1,
                     "defaultContacts": {"registrant": 5, "admin": 5, "tech": 5, "billing": 5}}],
      "contacts": [{"id": 5, "handle": "C5", "owner": 10, "name": "Ann", "email": "ann@example.com",
                    "country": "DE", "phone": "+49.301234567"}],
      "orders": [
        {"id": 100, "product": "digital_certificate", "domain": "Bücher.de", "customer": 10,
         "created": "2026-01-01", "expires": "2027-01-01"},
        {"id": 101, "product": "domain", "domain": "example.co.me", "customer": 10,
         "created": "2026-01-01", "expires": "2027-01-01", "contacts": {"registrant": 5}}
      ],
      "certificates": [{"order": 100, "type": "dv", "state": "issued", "validFrom": "2026-01-02", "validTo": "2027-01-02"}],
      "invoices": [{"number": "INV-1", "order": 100, "amount": 4999, "currency": "usd", "status": "pending",
                    "issued": "2026-01-01", "due": "2026-01-11"}]
    }
    """

    func load(_ json: String, into database: PanelDatabase) throws {
        try database.load(try FixtureFile.decode(Data(json.utf8)), source: "test")
    }

    @Test func loadsEveryKindOfRecord() throws {
        let temporary = try TemporaryDatabase()
        try load(Self.good, into: temporary.database)
        let counts = try temporary.database.counts()
        #expect(counts["orders"] == 2)
        #expect(counts["certificates"] == 1)
        #expect(counts["invoices"] == 1)
        let detail = try temporary.database.orderDetail(OrderID(100), as: .operator)
        #expect(detail.order.domain.ascii == "xn--bcher-kva.de")
        #expect(detail.customer.username.value == "ann@example.com")
        #expect(detail.invoices.first?.amount.description == "49.99 USD")
        #expect(detail.certificate?.state == .issued)
    }

    /// Replaces one occurrence of `from` in the good fixture.
    func broken(_ from: String, _ to: String) -> String {
        precondition(Self.good.contains(from))
        return Self.good.replacingOccurrences(of: from, with: to)
    }

    @Test(arguments: [
        ("\"Bücher.de\"", "\"exa mple.com\"", "orders[0].domain: \"exa mple.com\" is not a valid domain name"),
        ("\"example.co.me\", \"customer\": 10", "\"example.co.me\", \"customer\": 99",
         "orders[1].customer: customer 99 does not exist in this file or the database"),
        ("\"country\": \"DE\"", "\"country\": \"Germany\"", "contacts[0].country: \"Germany\" is not an ISO 3166-1 country code"),
        ("\"status\": \"pending\"", "\"status\": \"overdue\"", "invoices[0].status: \"overdue\" is not one of pending, paid, credited, cancelled"),
        ("\"id\": 101", "\"id\": 100", "orders[1].id: order 100 already exists"),
        ("\"id\": 101", "\"id\": \"101\"", "orders[1].id: expected a whole number"),
        ("\"registrarHandle\": \"H100\"", "\"registrarHandle\": \"100\"", "resellers[0].registrarHandle: \"100\" is not a registrar handle"),
        ("\"expires\": \"2027-01-01\"}", "\"expires\": \"soon\"}", "orders[0].expires: \"soon\" is not a date"),
        ("\"order\": 100, \"type\"", "\"order\": 101, \"type\"", "certificates[0].order: order 101 is a Domain order"),
        ("\"username\": \"Ann@Example.com\"", "\"username\": \"ann\"", "customers[0].username: \"ann\" is not a valid email address"),
        ("{\"id\": 5, \"handle\": \"C5\", \"owner\": 10,", "{\"id\": 5, \"handle\": \"C5\",", "contacts[0].owner: this field is required"),
        // Unknown keys at every level, with the line and the likely meant key.
        ("\"reseller\": 1,", "\"reseller\": 1, \"stauts\": \"suspended\",", "customers[0].stauts (line 3): unknown field; did you mean status?"),
        ("\"Bücher.de\", \"customer\": 10,", "\"Bücher.de\", \"customer\": 10, \"transferlock\": true,", "orders[0].transferlock (line 8): unknown field; did you mean transferLock?"),
        ("\"expires\": \"2027-01-01\"}", "\"expires\": \"2027-01-01\", \"moneyBackUntill\": \"2026-02-01\"}", "orders[0].moneyBackUntill (line 9): unknown field; did you mean moneyBackUntil?"),
        ("\"invoices\":", "\"invoice\":", "invoice (line 14): unknown field; did you mean invoices?"),
        ("{\"registrant\": 5, \"admin\": 5,", "{\"registrant\": 5, \"admn\": 5,", "customers[0].defaultContacts.admn (line 4): unknown field; did you mean admin?"),
        // Dates that do not exist are not rolled over.
        ("\"expires\": \"2027-01-01\"}", "\"expires\": \"2027-02-30\"}", "orders[0].expires: \"2027-02-30\" is not a date"),
        ("\"expires\": \"2027-01-01\"}", "\"expires\": \"2027-01-01T24:00:00Z\"}", "orders[0].expires: \"2027-01-01T24:00:00Z\" is not a date"),
        // Certificates and CSRs must be what they say.
        ("\"state\": \"issued\",", "\"state\": \"issued\", \"certificate\": \"+1.\",", "certificates[0].certificate: "),
        ("\"state\": \"issued\",", "\"state\": \"issued\", \"csr\": \"+1.\",", "certificates[0].csr: not a readable CSR in PEM form"),
        // Types in the file's words, not Swift's.
        ("\"defaultContacts\": {\"registrant\": 5, \"admin\": 5, \"tech\": 5, \"billing\": 5}", "\"defaultContacts\": [5]",
         "customers[0].defaultContacts: expected an object, found a list"),
        ("\"name\": \"Ann\", \"reseller\"", "\"name\": \"\(String(repeating: "n", count: 2_000))\", \"reseller\"",
         "customers[0].name: 2000 characters is too long (at most 1000)"),
    ])
    func aBadRecordIsNamedWithItsField(from: String, to: String, expected: String) throws {
        let temporary = try TemporaryDatabase()
        do {
            try load(broken(from, to), into: temporary.database)
            Issue.record("the load should have failed with \(expected)")
        } catch let error as PanelError {
            #expect(error.message.hasPrefix(expected), "\(error.message)")
            #expect(error.exitCode == 2)
        }
        #expect(try temporary.database.isEmpty())
    }

    @Test func aFailedLoadLeavesTheFileByteForByteUnchangedWithinTheProcess() throws {
        let temporary = try TemporaryDatabase.demo()
        let before = try temporary.fileDigest()
        // Valid records first, then one bad record at the very end: nothing may be written.
        let bad = broken("\"number\": \"INV-1\"", "\"number\": \"INV 1\"")
        #expect(throws: PanelError.self) { try load(bad, into: temporary.database) }
        #expect(try temporary.fileDigest() == before)
        #expect(try temporary.database.counts()["orders"] == DemoWorld.fixture(now: TestClock.now).orders.count)
    }

    @Test func referencesMayPointIntoTheDatabase() throws {
        let temporary = try TemporaryDatabase()
        try load(Self.good, into: temporary.database)
        try load("""
            {"orders": [{"id": 102, "product": "email_hosting", "domain": "bücher.de", "customer": 10,
                         "created": "2026-02-01", "expires": "2027-02-01", "contacts": {"admin": 5}}]}
            """, into: temporary.database)
        let detail = try temporary.database.orderDetail(OrderID(100), as: .operator)
        #expect(detail.relatedServices.map(\.id) == [OrderID(102)])
    }

    @Test(arguments: [("{\"orders\": [", "the file is not valid JSON: line 1, column 13: the file ends in the middle of a value"),
                      ("{\n  \"orders\": [\n    {\"id\": x}\n  ]\n}", "the file is not valid JSON: line 3, column 12: "),
                      ("[1, 2]", "(top level): expected an object with lists such as \"orders\", found a list")])
    func invalidJSONSaysWhere(json: String, expected: String) {
        do {
            _ = try FixtureFile.decode(Data(json.utf8))
            Issue.record("accepted \(json)")
        } catch let error as PanelError {
            #expect(error.message.hasPrefix(expected), "\(error.message)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func invalidJSONSaysSo() {
        #expect(throws: PanelError.self) { try FixtureFile.decode(Data("{\"orders\": [".utf8)) }
        do {
            _ = try FixtureFile.decode(Data("{\"orders\": [".utf8))
        } catch let error as PanelError {
            #expect(error.message.hasPrefix("the file is not valid JSON"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func resellerParentCyclesAreRefused() throws {
        let temporary = try TemporaryDatabase()
        let json = """
            {"resellers": [
              {"id": 1, "name": "A", "parent": 2, "products": [], "registrarHandle": "H1"},
              {"id": 2, "name": "B", "parent": 1, "products": [], "registrarHandle": "H2"}]}
            """
        #expect(throws: PanelError.invalidInput("resellers[0].parent: the parent chain of reseller 1 loops back to itself")) {
            try load(json, into: temporary.database)
        }
    }

    @Test func defaultContactsMustBelongToTheCustomer() throws {
        let temporary = try TemporaryDatabase()
        try load(Self.good, into: temporary.database)
        let json = """
            {"customers": [{"id": 11, "username": "bo@example.com", "name": "Bo", "reseller": 1,
                            "defaultContacts": {"registrant": 5}}]}
            """
        #expect(throws: PanelError.invalidInput("customers[0].defaultContacts.registrant: contact 5 belongs to customer 10, not to customer 11")) {
            try load(json, into: temporary.database)
        }
    }
}

@Suite struct FixtureDocumentationTests {
    @Test func theExampleInTheDocumentationLoads() throws {
        let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/fixtures.md")
        let text = try String(contentsOf: docs, encoding: .utf8)
        let start = try #require(text.range(of: "```json\n"))
        let end = try #require(text.range(of: "\n```", range: start.upperBound..<text.endIndex))
        let temporary = try TemporaryDatabase()
        let summary = try temporary.database.load(try FixtureFile.decode(Data(text[start.upperBound..<end.lowerBound].utf8)), source: "docs")
        #expect(summary.orders == 2)
        #expect(try temporary.database.orderDetail(OrderID(1001), as: .customer(CustomerID(100001))).relatedServices.count == 1)
    }
}
