import Foundation
import GRDB
import Testing
import PanelModel
@testable import PanelStore

@Suite struct MoveServicesTests {
    let world: TemporaryDatabase
    var database: PanelDatabase { world.database }
    let alice = Principal.customer(CustomerID(DemoWorld.alice))
    let clock = FixedClock(TestClock.now)

    init() throws { world = try TemporaryDatabase.demo() }

    func request(_ order: Int64, _ username: String, _ id: Int64, retain: Bool = false) -> MoveRequest {
        MoveRequest(orderID: OrderID(order), targetUsername: username, targetCustomerID: String(id), retainContacts: retain)
    }

    /// The problems a move meets, as messages (empty when it may go ahead).
    func problems(_ request: MoveRequest, as principal: Principal? = nil) throws -> [String] {
        do {
            _ = try database.previewMove(request, as: principal ?? alice, clock: clock)
            return []
        } catch let refusal as MoveRefusal {
            return refusal.messages
        }
    }

    @Test func targetIdentityMessagesAreTheSeedsWords() throws {
        #expect(try problems(request(1001, "nobody@example.com", DemoWorld.bob)) == ["Invalid Customer"])
        #expect(try problems(request(1001, "bob@example.net", 999_999)) == ["Invalid Customer"])
        #expect(try problems(MoveRequest(orderID: OrderID(1001), targetUsername: "bob@example.net", targetCustomerID: "bob",
                                         retainContacts: false)) == ["Invalid Customer"])
        #expect(try problems(request(1001, "bob@example.net", DemoWorld.carol))
                == ["The Customer username and Customer ID are not of the same Customer"])
        #expect(try problems(request(1001, "dave@example.com", DemoWorld.dave)) == ["New Customer's status prohibits this operation"])
        #expect(try problems(request(1003, "grace@example.org", DemoWorld.grace))
                == ["Reseller has not signedup for this Product - Digital Certificate. So, we can't complete your request"])
        let same = try problems(request(1001, "ALICE@example.com", DemoWorld.alice))
        #expect(same.count == 1 && same[0].hasPrefix("Order 1001 already belongs to alice@example.com"))
    }

    @Test func orderSideRulesEachEndWithWhatToDo() throws {
        let suspended = try problems(request(1005, "bob@example.net", DemoWorld.bob))
        #expect(suspended == ["This order is suspended. It has to be unsuspended before it can be moved: ask your reseller, ALVO Business Solutions, Corp., to unsuspend order 1005."])
        let asReseller = try problems(request(1005, "bob@example.net", DemoWorld.bob), as: .reseller(ResellerID(1)))
        #expect(asReseller.first == "This order is suspended. Unsuspend it first (U on its Order Details, or certpanel orders unsuspend 1005 --reason …), then move it.")
        for (order, phrase) in [(1006, "currently being processed (Web Hosting order 1007: Renewal)"),
                                (1008, "Pending Invoice"), (1009, "Money Back Period")] {
            let found = try problems(request(Int64(order), "bob@example.net", DemoWorld.bob))
            #expect(found.count == 1, "\(order)")
            #expect(found.first?.contains(phrase) == true, "\(order): \(found)")
            #expect(found.first?.hasSuffix("Wait for the processing to complete, or cancel the pending process, then try again.") == true)
        }
    }

    @Test func servicesUnderAnotherCustomerOfTheNewReseller() throws {
        let found = try problems(request(1001, "yolanda@example.es", DemoWorld.yolanda))
        #expect(found.count == 1)
        #expect(found.first?.hasPrefix("There are one or more Services for this domain name (Email Hosting) under another Customer of the new Reseller, Reseller B Hosting.") == true)
        #expect(try problems(request(1001, "bob@example.net", DemoWorld.bob)).isEmpty)
    }

    @Test func tldRules() throws {
        #expect(try problems(request(1010, "bob@example.net", DemoWorld.bob)).first?.contains(".UK") == true)
        #expect(try problems(request(1012, "bob@example.net", DemoWorld.bob)).first?.contains(".NZ") == true)
        #expect(try problems(request(1014, "bob@example.net", DemoWorld.bob)).first?.contains("neither the Digital Certificate order nor the .CA Domain order") == true)
        #expect(try problems(request(1016, "bob@example.net", DemoWorld.bob)).first?.contains("The .ES Registry neither allows modification") == true)
        // It names the order of the moves, in the seed's words, and the Domain order to move first.
        let euProblem = try problems(request(1018, "bob@example.net", DemoWorld.bob)).first ?? ""
        #expect(euProblem.contains("You need to first complete moving your .EU domain name Order: move Domain order 1019"))
        #expect(euProblem.contains("Once the action of moving your .EU domain name Order is complete, you can move the Digital Certificate Order."))
        #expect(!euProblem.contains("ask your reseller's support"))
        #expect(try problems(request(1020, "bob@example.net", DemoWorld.bob)).isEmpty)   // .EU domain already with Bob
        // Third-level .ME: Milan's default registrant is in Montenegro, Bob's is not.
        #expect(try problems(request(1022, "milan@example.me", DemoWorld.milan)).isEmpty)
        #expect(try problems(request(1022, "bob@example.net", DemoWorld.bob)).first?.hasPrefix("Third level .ME domain names can be registered only by Montenegrin individuals and entities.") == true)
        // .DE: Bob has a German contact, Carol has not.
        #expect(try problems(request(1026, "bob@example.net", DemoWorld.bob)).isEmpty)
        #expect(try problems(request(1026, "carol@example.org", DemoWorld.carol)) == ["Either registrant or admin contact must be a resident of Germany"])
    }

    @Test func everyProblemIsReportedNotJustTheFirst() throws {
        #expect(try problems(request(1026, "grace@example.org", DemoWorld.grace)) == [
            "Reseller has not signedup for this Product - Digital Certificate. So, we can't complete your request",
            "Either registrant or admin contact must be a resident of Germany",
        ])
    }

    @Test func contactNotesForASIAAndTEL() throws {
        let asiaRetained = try database.previewMove(request(1028, "bob@example.net", DemoWorld.bob, retain: true), as: alice, clock: clock)
        #expect(asiaRetained.notes.contains(".ASIA: the current CED Contact continues to be used for lantern-trading.asia."))
        let asiaChanged = try database.previewMove(request(1028, "bob@example.net", DemoWorld.bob), as: alice, clock: clock)
        #expect(asiaChanged.notes.contains(".ASIA: the Registrar's default CED Contact will be used for lantern-trading.asia."))
        let tel = try database.previewMove(request(1024, "bob@example.net", DemoWorld.bob), as: alice, clock: clock)
        #expect(tel.notes.contains { $0.hasPrefix("Warning (.TEL): the Registrant Contact changes") })
        let telRetained = try database.previewMove(request(1024, "bob@example.net", DemoWorld.bob, retain: true), as: alice, clock: clock)
        #expect(!telRetained.notes.contains { $0.hasPrefix("Warning (.TEL)") })
    }

    @Test func applyingMovesEveryServiceAndChangesContacts() throws {
        let result = try database.applyMove(request(1001, "Bob@Example.net", DemoWorld.bob), as: alice, clock: clock)
        #expect(result.preview.services.map(\.id) == [OrderID(1001), OrderID(1002)])
        for id in [1001, 1002] {
            let order = try database.orderDetail(OrderID(Int64(id)), as: .operator).order
            #expect(order.customerID == CustomerID(DemoWorld.bob))
            #expect(order.contacts == ContactSet(registrant: ContactID(3), admin: ContactID(3), tech: ContactID(3), billing: ContactID(3)))
        }
        // Xavier's Email Hosting on the same domain is someone else's and stays.
        #expect(try database.orderDetail(OrderID(2001), as: .operator).customer.id == CustomerID(DemoWorld.xavier))
        let entry = try #require(try database.auditEntries(subject: "order:1001").first)
        #expect(entry.transactionID == result.transactionID)
        #expect(entry.action == "order.move")
        #expect(entry.summary.contains("to customer \(DemoWorld.bob)"))
        #expect(throws: PanelError.orderNotFound(OrderID(1001))) { try database.orderDetail(OrderID(1001), as: alice) }
    }

    @Test func retainingKeepsTheContacts() throws {
        _ = try database.applyMove(request(1028, "bob@example.net", DemoWorld.bob, retain: true), as: alice, clock: clock)
        let moved = try database.orderDetail(OrderID(1029), as: .operator).order
        #expect(moved.customerID == CustomerID(DemoWorld.bob))
        #expect(moved.contacts.registrant == ContactID(2))   // the CED contact stays
    }

    @Test func theWriteReChecksEveryRuleAndMovesNothingWhenStateChanged() throws {
        let move = request(1003, "bob@example.net", DemoWorld.bob)
        _ = try database.previewMove(move, as: alice, clock: clock)   // fine at form time
        try database.write { db in
            try db.execute(sql: "INSERT INTO invoices (number, order_id, customer_id, amount_minor, currency, status, issued_at, due_at) VALUES ('INV-LATE', 1003, ?, 100, 'USD', 'pending', ?, ?)",
                           arguments: [DemoWorld.alice, TestClock.now, TestClock.now])
        }
        let before = try world.fileDigest()
        #expect(throws: MoveRefusal.self) { try database.applyMove(move, as: alice, clock: clock) }
        #expect(try world.fileDigest() == before)
        #expect(try database.orderDetail(OrderID(1003), as: alice).customer.id == CustomerID(DemoWorld.alice))
    }

    @Test func aCustomerCannotMoveSomeoneElsesOrder() throws {
        #expect(throws: PanelError.orderNotFound(OrderID(1101))) {
            try database.previewMove(request(1101, "carol@example.org", DemoWorld.carol), as: alice, clock: clock)
        }
    }
}
