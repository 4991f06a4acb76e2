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
        #expect(try ids(.reseller(ResellerID(2)), "yolanda") == [2004])
        // A customer's search does not match on its own username (every order would match).
        #expect(try ids(.customer(CustomerID(DemoWorld.alice)), "alice") == [])
    }

    @Test func shortQueriesMatchDomainPrefixes() throws {
        #expect(try ids(.operator, "su") == [1001, 1002, 2001])
        #expect(try ids(.customer(CustomerID(DemoWorld.alice)), "eu").contains(1018))
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
