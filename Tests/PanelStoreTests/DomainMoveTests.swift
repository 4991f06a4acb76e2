import Foundation
import GRDB
import Testing
import PanelModel
@testable import PanelStore

/// Issue 15: Domain orders move (on their own), services group by registrable domain, and
/// the order-side pre-flight list.
@Suite struct DomainMoveTests {
    let world: TemporaryDatabase
    var database: PanelDatabase { world.database }
    let alice = Principal.customer(CustomerID(DemoWorld.alice))
    let clock = FixedClock(TestClock.now)

    init() throws { world = try TemporaryDatabase.demo() }

    func request(_ order: Int64, _ username: String, _ id: Int64) -> MoveRequest {
        MoveRequest(orderID: OrderID(order), targetUsername: username, targetCustomerID: String(id), retainContacts: false)
    }

    func problems(_ request: MoveRequest) throws -> [MoveServicesPolicy.Problem] {
        do {
            _ = try database.previewMove(request, as: alice, clock: clock)
            return []
        } catch let refusal as MoveRefusal {
            return refusal.problems
        }
    }

    /// Adds an order the demo world does not have, through the same writer as every world.
    func add(_ id: Int64, _ product: Product, _ name: String, customer: Int64 = DemoWorld.alice) throws {
        try database.write { db in
            try RecordWriter.insert(Order(id: OrderID(id), product: product, domain: try DomainName(name), customerID: CustomerID(customer),
                                          createdAt: TestClock.now.adding(days: -400), expiresAt: TestClock.now.adding(days: 300)), db)
        }
    }

    // MARK: - 1. The .EU path: the Domain order first, then the certificate

    @Test func euDomainOrderMovesAloneThenTheCertificateFollows() throws {
        let refused = try problems(request(1018, "bob@example.net", DemoWorld.bob))
        #expect(refused.map(\.kind) == [.tld])
        #expect(refused[0].fix.hasPrefix("You need to first complete moving your .EU domain name Order: move Domain order 1019"))

        let domainMove = try database.applyMove(request(1019, "bob@example.net", DemoWorld.bob), as: alice, clock: clock)
        #expect(domainMove.preview.services.map(\.id) == [OrderID(1019)])
        #expect(domainMove.preview.staying.map(\.id) == [OrderID(1018)])
        #expect(try database.orderDetail(OrderID(1019), as: .operator).customer.id == CustomerID(DemoWorld.bob))
        #expect(try database.orderDetail(OrderID(1018), as: alice).customer.id == CustomerID(DemoWorld.alice))
        let entry = try #require(try database.auditEntries(subject: "order:1019").first)
        #expect(entry.summary.hasPrefix("moved Domain 1019 of euro-parts.eu"))
        #expect(entry.summary.hasSuffix("; Digital Certificate 1018 stays until moved on its own"))

        #expect(try database.orderDetail(OrderID(1018), as: alice).movePreflight(actingAs: alice, now: clock.now).isEmpty)
        let certificateMove = try database.applyMove(request(1018, "bob@example.net", DemoWorld.bob), as: alice, clock: clock)
        #expect(certificateMove.preview.services.map(\.id) == [OrderID(1018)])
        #expect(try database.orderDetail(OrderID(1018), as: .operator).customer.id == CustomerID(DemoWorld.bob))
    }

    @Test func caAndESDomainOrdersCannotMove() throws {
        let ca = try problems(request(1015, "bob@example.net", DemoWorld.bob))
        #expect(ca.map(\.kind) == [.tld])
        #expect(ca[0].message.hasPrefix("The .CA domain name northern-lights.ca cannot be moved, so this Domain order cannot be moved (nor can Digital Certificate order 1014 on it)."))
        let es = try problems(request(1017, "bob@example.net", DemoWorld.bob))
        #expect(es.map(\.kind) == [.tld])
        #expect(es[0].message.contains("The .ES Registry neither allows modification"))
    }

    @Test func ukDomainOrderMovesOnItsOwnAndTheCertificateStays() throws {
        let result = try database.applyMove(request(1011, "bob@example.net", DemoWorld.bob), as: alice, clock: clock)
        #expect(result.preview.services.map(\.id) == [OrderID(1011)])
        #expect(try database.orderDetail(OrderID(1010), as: alice).customer.id == CustomerID(DemoWorld.alice))
    }

    @Test func domainOrdersMeetTheMEAndDEConditionsOnTheTarget() throws {
        #expect(try problems(request(1023, "bob@example.net", DemoWorld.bob)).map(\.kind) == [.montenegrinRegistrant])
        #expect(try problems(request(1023, "milan@example.me", DemoWorld.milan)).isEmpty)
        #expect(try problems(request(1027, "carol@example.org", DemoWorld.carol)).map(\.message) == [MoveServicesPolicy.germanContactRequired])
        #expect(try problems(request(1027, "bob@example.net", DemoWorld.bob)).isEmpty)
    }

    @Test func aDomainOrderNeedsTheNewResellerToOfferDomains() throws {
        // GoPedro offers domains (a Domain order may go there) but not certificates.
        #expect(try problems(request(1031, "grace@example.org", DemoWorld.grace)).isEmpty)
        #expect(try problems(request(1029, "grace@example.org", DemoWorld.grace)).isEmpty)
        #expect(try problems(request(1028, "grace@example.org", DemoWorld.grace)).map(\.message) == [MoveServicesPolicy.resellerNotSignedUp])
    }

    // MARK: - 2. Services belong to their registrable domain

    @Test func aSubdomainCertificateMeetsTheUKRuleOfItsDomainOrder() throws {
        try add(9001, .digitalCertificate, "www.oldtown-books.co.uk")
        let found = try problems(request(9001, "bob@example.net", DemoWorld.bob))
        #expect(found.map(\.kind) == [.tld])
        #expect(found[0].message.hasPrefix("The .UK domain name oldtown-books.co.uk is a Domain order (1011) in this Control Panel"))
        let domain = try database.orderDetail(OrderID(1011), as: alice)
        #expect(domain.registrableDomain == "oldtown-books.co.uk")
        #expect(domain.relatedServices.map(\.id) == [OrderID(1010), OrderID(9001)])
    }

    @Test func relatedServicesUnderTheRegistrableDomainMoveTogether() throws {
        try add(9002, .digitalCertificate, "shop.sunrise-bakery.com")
        try add(9003, .webHosting, "sunrise-bakery.co.uk")     // another registrable domain: stays
        let result = try database.applyMove(request(1001, "bob@example.net", DemoWorld.bob), as: alice, clock: clock)
        #expect(result.preview.services.map(\.id) == [OrderID(1001), OrderID(1002), OrderID(9002)])
        #expect(try database.orderDetail(OrderID(9002), as: .operator).customer.id == CustomerID(DemoWorld.bob))
        #expect(try database.orderDetail(OrderID(9003), as: alice).customer.id == CustomerID(DemoWorld.alice))
    }

    @Test func servicesUnderAnotherCustomerCountBySubdomainToo() throws {
        #expect(try problems(request(1003, "yolanda@example.es", DemoWorld.yolanda)).isEmpty)
        try add(9004, .emailHosting, "mail.bluebird-studio.com", customer: DemoWorld.xavier)
        let found = try problems(request(1003, "yolanda@example.es", DemoWorld.yolanda))
        #expect(found.map(\.kind) == [.otherCustomerServices])
        #expect(found[0].message.contains("(Email Hosting)"))
    }

    @Test func everyWriterStoresTheRegistrableDomain() throws {
        try add(9005, .digitalCertificate, "a.b.example.co.uk")
        _ = try SyntheticWorld(orders: 300, customers: 20, seed: 3).write(into: database)
        let rows = try database.read { db in try SQLRow.fetchAll(db, sql: "SELECT domain, registrable_domain FROM orders") }
        #expect(rows.count > 300)
        for row in rows {
            let domain: String = row["domain"], registrable: String = row["registrable_domain"]
            #expect(registrable == DomainName(storedASCII: domain).registrableDomain, "\(domain)")
        }
        #expect(rows.contains { ($0["domain"] as String) == "a.b.example.co.uk" && ($0["registrable_domain"] as String) == "example.co.uk" })
    }

    @Test func theMigrationFillsExistingRows() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("certpanel-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("old.sqlite").path
        do {
            let queue = try DatabaseQueue(path: path)
            try Schema.migrator.migrate(queue, upTo: "v7-customer-orders-covering")
            try queue.write { db in
                try db.execute(sql: """
                    INSERT INTO resellers (id, name, products, registrar_handle) VALUES (1, 'R', 'domain', 'H1');
                    INSERT INTO customers (id, username, name, status, reseller_id) VALUES (1, 'a@example.com', 'A', 'active', 1);
                    INSERT INTO orders (id, product, domain, domain_unicode, customer_id, status, created_at, expires_at)
                    VALUES (1, 'domain', 'example.co.uk', 'example.co.uk', 1, 'active', '2026-01-01', '2027-01-01'),
                           (2, 'digital_certificate', 'www.example.co.uk', 'www.example.co.uk', 1, 'active', '2026-01-01', '2027-01-01'),
                           (3, 'digital_certificate', 'shop.xn--bcher-kva.de', 'shop.bücher.de', 1, 'active', '2026-01-01', '2027-01-01');
                    """)
            }
        }
        let migrated = try PanelDatabase(path: path)
        defer { try? migrated.close() }
        let registrable = try migrated.read { db in try String.fetchAll(db, sql: "SELECT registrable_domain FROM orders ORDER BY id") }
        #expect(registrable == ["example.co.uk", "example.co.uk", "xn--bcher-kva.de"])
        #expect(try migrated.orderDetail(OrderID(1), as: .operator).relatedServices.map(\.id) == [OrderID(2)])
        let plan = try migrated.read { db in
            try SQLRow.fetchAll(db, sql: "EXPLAIN QUERY PLAN SELECT * FROM orders WHERE registrable_domain = ? AND customer_id = ?", arguments: ["x", 1])
                .map { $0["detail"] as String }.joined()
        }
        #expect(plan.contains("orders_registrable_domain"))
    }

    // MARK: - 3. The pre-flight list

    @Test func preflightListsEveryOrderSideBlockerWithItsFix() throws {
        try database.write { db in
            try db.execute(sql: "INSERT INTO invoices (number, order_id, customer_id, amount_minor, currency, status, issued_at, due_at) VALUES ('INV-P', 1006, ?, 100, 'USD', 'pending', ?, ?)",
                           arguments: [DemoWorld.alice, TestClock.now, TestClock.now])
        }
        let preflight = try database.orderDetail(OrderID(1006), as: alice).movePreflight(actingAs: alice, now: clock.now)
        #expect(preflight.map(\.kind) == [.processing, .pendingInvoice])
        for problem in preflight {
            #expect(problem.fix == "Wait for the processing to complete, or cancel the pending process, then try again.")
            #expect(problem.statement.hasSuffix(")."))
        }
        // What the form would say, found before the form opens.
        #expect(preflight.map(\.message) == (try problems(request(1006, "bob@example.net", DemoWorld.bob))).map(\.message))
        #expect(try database.orderDetail(OrderID(1001), as: alice).movePreflight(actingAs: alice, now: clock.now).isEmpty)
    }
}
