import Foundation
import Testing
import PanelModel
@testable import PanelStore

@Suite struct SearchTests {
    let world: TemporaryDatabase
    var database: PanelDatabase { world.database }

    init() throws { world = try TemporaryDatabase.demo() }

    func ids(_ principal: Principal, _ text: String, product: Product? = nil) throws -> [Int64] {
        try database.searchOrders(as: principal, OrderQuery(text: text, product: product, limit: 100)).rows.map(\.id.rawValue)
    }

    @Test(arguments: [Principal.operator, .customer(CustomerID(DemoWorld.alice))])
    func idnMatchesInEitherForm(principal: Principal) throws {
        #expect(try ids(principal, "bäckerei") == [1026, 1027])
        #expect(try ids(principal, "BÄCKEREI-MÜLLER") == [1026, 1027])
        #expect(try ids(principal, "xn--bckerei") == [1026, 1027])
    }

    @Test func substringsAnywhereInTheName() throws {
        #expect(try ids(.operator, "akery") == [1001, 1002, 2001])
        #expect(try ids(.operator, ".co.uk") == [1010, 1011])
    }

    @Test func ordersByIDAndUsername() throws {
        #expect(try ids(.operator, "1026") == [1026])
        #expect(try ids(.reseller(ResellerID(2)), "yolanda") == [2004, 2005])   // her certificate and olive-grove.com
        // A customer's search does not match on its own username (every order would match).
        #expect(try ids(.customer(CustomerID(DemoWorld.alice)), "alice") == [])
    }

    @Test func shortQueriesMatchSubstringsToo() throws {
        // sunrise-bakery.com, and kiwi-surf.co.nz where "su" is not at the start.
        #expect(try Set(ids(.operator, "su")).isSuperset(of: [1001, 1002, 2001, 1012, 1013]))
        #expect(try database.searchOrders(as: .operator, OrderQuery(text: "su", limit: 100)).rows.allSatisfy { $0.domain.ascii.contains("su") })
        #expect(try ids(.customer(CustomerID(DemoWorld.alice)), "eu").contains(1018))
        // "ak" is inside "bakery" and "oak", not at the start of any name.
        #expect(try ids(.operator, "ak") == (try ids(.operator, "akery")))
        // Yolanda's orders match "yo" by her username (yolanda@example.es).
        #expect(try ids(.reseller(ResellerID(2)), "yo") == [2004, 2005])
    }

    @Test func anOrderIDPrefixFindsTheOrdersWhoseIDStartsWithIt() throws {
        let alice = Principal.customer(CustomerID(DemoWorld.alice))
        let hers = try ids(alice, "")
        for prefix in ["1", "10", "100", "1001", "103"] {
            #expect(try ids(alice, prefix) == hers.filter { String($0).hasPrefix(prefix) }, "\(prefix)")
        }
        #expect(try ids(alice, "1").count == 30)
        #expect(try ids(alice, "0").isEmpty)   // no ID starts with 0, and no domain of hers has one
    }

    @Test func anIDPrefixIsRangesOfThePrimaryKey() throws {
        let ten = try #require(SearchTerms("10", matchesUsernames: true))
        #expect(ten.idRanges(upTo: 1_999) == [10...10, 100...109, 1_000...1_099])
        #expect(ten.idRanges(upTo: 9) == [])
        let nine = try #require(SearchTerms("9", matchesUsernames: false))
        #expect(nine.idRanges(upTo: .max).last == 9_000_000_000_000_000_000...Int64.max)
        #expect(SearchTerms("007", matchesUsernames: true)?.idPrefix == nil)
        #expect(SearchTerms("  ", matchesUsernames: true) == nil)
    }

    @Test func theListSaysWhatItMatchedWhenItIsMoreThanADomainSubstring() throws {
        let alice = Principal.customer(CustomerID(DemoWorld.alice))
        func note(_ principal: Principal, _ text: String) throws -> String? {
            try database.searchOrders(as: principal, OrderQuery(text: text)).matchNote
        }
        #expect(try note(alice, "bakery") == nil)
        #expect(try note(alice, "") == nil)
        #expect(try note(alice, "10") == "order IDs starting with 10, or domains containing \"10\"")
        #expect(try note(.operator, "10") == "order IDs starting with 10, or domains or usernames containing \"10\"")
        #expect(try note(.reseller(ResellerID(1)), "Bak ") == "domains or usernames containing \"bak\"")
        // The JSON of a page carries it under its own name; the other names are unchanged.
        let json = try JSONEncoder().encode(try database.searchOrders(as: .operator, OrderQuery(text: "10", limit: 1)))
        let object = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
        #expect(Set(object.keys) == ["rows", "total", "offset", "totalIsCapped", "matchNote"])
    }

    @Test func filtersSortAndPages() throws {
        let alice = Principal.customer(CustomerID(DemoWorld.alice))
        let certificates = try ids(alice, "", product: .digitalCertificate)
        #expect(certificates.count == 18)
        let suspended = try database.searchOrders(as: alice, OrderQuery(status: .suspended))
        #expect(suspended.rows.map(\.id.rawValue) == [1005])
        let byExpiry = try database.searchOrders(as: alice, OrderQuery(sort: .expiry, limit: 2))
        #expect(byExpiry.rows.map(\.id.rawValue) == [1030, 1008])
        #expect(byExpiry.total == 30)
        let page2 = try database.searchOrders(as: alice, OrderQuery(sort: .domain, descending: true, limit: 5, offset: 5))
        #expect(page2.rows.count == 5)
        #expect(page2.offset == 5)
        let domains = page2.rows.map(\.domain.ascii)
        #expect(domains == domains.sorted(by: >))
    }

    @Test func quotesInQueriesAreText() throws {
        #expect(try ids(.operator, "\"bakery") == [])
        #expect(try ids(.operator, "a\"b OR c") == [])
    }

    @Test func badPagesAreRefused() {
        #expect(throws: PanelError.self) { try database.searchOrders(as: .operator, OrderQuery(limit: -1)) }
        #expect(throws: PanelError.self) { try database.searchOrders(as: .operator, OrderQuery(offset: -3)) }
    }
}

@Suite struct BroadSearchTests {
    /// Small thresholds so 4,000 synthetic orders reach the walking paths.
    static let tuning = PanelDatabase.SearchTuning(countCap: 100, scanLimit: 200, sortLimit: 50, walkLimit: 1_000)
    static let world: TemporaryDatabase = {
        let temporary = try! TemporaryDatabase()
        _ = try! SyntheticWorld(orders: 4_000, customers: 400, seed: 3).write(into: temporary.database)
        return temporary
    }()

    func search(_ text: String, sort: OrderQuery.Sort = .id, limit: Int = 30) throws -> OrderPage {
        try Self.world.database.searchOrders(as: .operator, OrderQuery(text: text, sort: sort, limit: limit), tuning: Self.tuning)
    }

    @Test(arguments: OrderQuery.Sort.allCases)
    func aVeryBroadSearchIsCappedButItsPageIsRightAndSorted(sort: OrderQuery.Sort) throws {
        let database = Self.world.database
        // "user" is in every synthetic username: all 4,000 orders match.
        let page = try search("user", sort: sort)
        #expect(page.totalIsCapped)
        #expect(page.total == 100)
        #expect(page.totalText == "100+")
        #expect(page.rows.count == 30)
        let all = try database.searchOrders(as: .operator, OrderQuery(sort: sort, limit: 30))
        #expect(page.rows.map(\.id) == all.rows.map(\.id))   // every order matches, so the same first page
    }

    @Test func aOneLetterQueryOverTheCapWalksInOrderAndMatchesSubstrings() throws {
        let database = Self.world.database
        let page = try search("k", sort: .expiry, limit: 50)
        let exact = try database.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM orders WHERE domain LIKE '%k%'")
        }
        #expect((exact ?? 0) > 100)
        #expect(page.totalIsCapped)
        #expect(page.rows.allSatisfy { $0.domain.ascii.contains("k") })
        #expect(page.rows.contains { !$0.domain.ascii.hasPrefix("k") })
        let expiries = page.rows.map(\.expiresAt)
        #expect(expiries == expiries.sorted())
    }

    @Test func aNarrowSearchIsCountedExactly() throws {
        let page = try search("kavi", limit: 10_000)
        #expect(!page.totalIsCapped)
        #expect(page.total > 0 && page.total < 100)
        #expect(page.total == page.rows.count)
        #expect(page.rows.allSatisfy { $0.domain.ascii.contains("kavi") })
    }
}
