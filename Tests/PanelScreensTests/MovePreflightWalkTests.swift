import Foundation
import Testing
import PanelModel
import PanelStore
import Terminal
@testable import PanelScreens

/// Issue 15 on screen: the pre-flight section of Order Details, related services by
/// registrable domain, and the .EU path (the Domain order, then its certificate).
@Suite struct MovePreflightWalkTests {
    let alice = Principal.customer(CustomerID(DemoWorld.alice))

    func moveForm(_ harness: ScreenHarness, username: String, id: String) {
        harness.press(.char("m"))
        harness.type(username)
        harness.press(.tab)
        harness.type(id)
        harness.press(.tab, .tab, .enter)
    }

    @Test func orderDetailsListEveryBlockerWithItsFixBeforeTheForm() throws {
        let harness = try ScreenHarness(as: alice, size: Size(width: 100, height: 40))
        harness.openOrder(1006)
        #expect(harness.contains("Move Services: 1 to fix before moving"))
        #expect(harness.contains("  ✗ One or more Services for this domain name are currently being processed (Web Hosting order"))
        #expect(harness.contains("    → Wait for the processing to complete, or cancel the pending process, then try again."))
        #expect(harness.contains("✗ Move Services: processing"))   // the top-right summary stays
    }

    @Test func aMovableOrderSaysWhatMovesWithIt() throws {
        let harness = try ScreenHarness(as: alice, size: Size(width: 100, height: 40))
        harness.openOrder(1026)
        #expect(harness.contains("Move Services: nothing on this order stops a move · moves with 1027 Domain"))
    }

    @Test func theEUCertificateNamesItsDomainOrderAndTheDomainMovesFirst() throws {
        let harness = try ScreenHarness(as: alice, size: Size(width: 100, height: 40))
        harness.openOrder(1018)
        #expect(harness.contains("    → You need to first complete moving your .EU domain name Order: move Domain order 1019"))
        harness.press(.char("q"))
        harness.press(.escape)
        harness.openOrder(1019)
        #expect(harness.topTitle == "Order 1019")
        let flowing = harness.lines.map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        #expect(flowing.contains("Move Services: nothing on this order stops a move · 1018 Digital Certificate stays until moved next (a Domain order moves on its own)"))
        moveForm(harness, username: "bob@example.net", id: "100002")
        #expect(harness.contains("Services that will move (1):"))
        #expect(harness.contains("Staying with alice@example.com until moved on their own (1):"))
        #expect(harness.contains("  1018  Digital Certificate  euro-parts.eu"))
        harness.press(.enter)
        #expect(harness.contains("Moved 1 service to Bob Schneider"))
        #expect(try harness.database.orderDetail(OrderID(1019), as: .operator).customer.id == CustomerID(DemoWorld.bob))
        #expect(try harness.database.orderDetail(OrderID(1018), as: alice).customer.id == CustomerID(DemoWorld.alice))
    }

    @Test func relatedServicesAreThoseOfTheRegistrableDomain() throws {
        let harness = try ScreenHarness(as: alice, size: Size(width: 100, height: 40))
        try harness.database.write { db in
            try db.execute(sql: """
                INSERT INTO orders (id, product, domain, domain_unicode, registrable_domain, customer_id, status, created_at, expires_at)
                VALUES (9001, 'digital_certificate', 'www.oldtown-books.co.uk', 'www.oldtown-books.co.uk', 'oldtown-books.co.uk', ?, 'active', ?, ?)
                """, arguments: [DemoWorld.alice, ScreenHarness.now, ScreenHarness.now.adding(days: 300)])
        }
        harness.openOrder(1011)
        #expect(harness.contains("Related services on oldtown-books.co.uk"))
        #expect(harness.contains("  9001  Digital Certificate  www.oldtown-books.co.uk  ✓ Active"))
        harness.press(.char("q"))
        harness.press(.escape)
        harness.openOrder(9001)
        #expect(harness.contains("✗ The .UK domain name oldtown-books.co.uk is a Domain order (1011) in this Control Panel"))
    }
}
