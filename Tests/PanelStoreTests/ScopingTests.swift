import Foundation
import Testing
import PanelModel
@testable import PanelStore

@Suite struct ScopingTests {
    let world: TemporaryDatabase
    var database: PanelDatabase { world.database }
    let alice = Principal.customer(CustomerID(DemoWorld.alice))

    init() throws { world = try TemporaryDatabase.demo() }

    func allOrders(_ principal: Principal) throws -> [OrderSummary] {
        try database.searchOrders(as: principal, OrderQuery(limit: 10_000)).rows
    }

    @Test func aCustomerSeesOnlyItsOwnOrders() throws {
        let rows = try allOrders(alice)
        #expect(!rows.isEmpty)
        #expect(rows.allSatisfy { $0.customerID == CustomerID(DemoWorld.alice) })
        // 1021 is on Alice's .eu name but belongs to Bob; 2001 is on her domain but belongs to Xavier.
        #expect(!rows.contains { $0.id == OrderID(1021) || $0.id == OrderID(2001) })
    }

    @Test func anotherCustomersOrderReadsExactlyLikeAMissingOne() throws {
        var otherError: PanelError?
        var missingError: PanelError?
        do { _ = try database.orderDetail(OrderID(1101), as: alice) } catch let error as PanelError { otherError = error }
        do { _ = try database.orderDetail(OrderID(1_999_999), as: alice) } catch let error as PanelError { missingError = error }
        #expect(otherError == .orderNotFound(OrderID(1101)))
        #expect(missingError == .orderNotFound(OrderID(1_999_999)))
        #expect(otherError?.message.replacingOccurrences(of: "1101", with: "N") == missingError?.message.replacingOccurrences(of: "1999999", with: "N"))
        // Searching by another customer's order ID finds nothing either.
        #expect(try database.searchOrders(as: alice, OrderQuery(text: "1101")).total == 0)
    }

    @Test func aResellerSeesItsCustomersAndItsSubResellersCustomers() throws {
        let rows = try allOrders(.reseller(ResellerID(1)))
        let customers = Set(rows.map(\.customerID.rawValue))
        #expect(customers.contains(DemoWorld.alice))
        #expect(customers.contains(DemoWorld.kim))        // under sub-reseller 5
        #expect(!customers.contains(DemoWorld.xavier))    // Reseller B's
        #expect(!customers.contains(DemoWorld.grace))
        // The sub-reseller does not see its parent's customers.
        let sub = Set(try allOrders(.reseller(ResellerID(5))).map(\.customerID.rawValue))
        #expect(sub == [DemoWorld.kim])
        #expect(throws: PanelError.orderNotFound(OrderID(2001))) { try database.orderDetail(OrderID(2001), as: .reseller(ResellerID(1))) }
    }

    @Test func anOperatorSeesEverything() throws {
        let total = try database.counts()["orders"]
        #expect(try database.searchOrders(as: .operator, OrderQuery()).total == total)
        #expect(try database.orderDetail(OrderID(2001), as: .operator).customer.id == CustomerID(DemoWorld.xavier))
    }

    @Test func customersAreScopedToo() throws {
        #expect(try database.customer(CustomerID(DemoWorld.alice), as: alice).name == "Alice Martin")
        #expect(throws: PanelError.customerNotFound(CustomerID(DemoWorld.bob))) {
            try database.customer(CustomerID(DemoWorld.bob), as: alice)
        }
        #expect(try database.customer(CustomerID(DemoWorld.kim), as: .reseller(ResellerID(1))).id == CustomerID(DemoWorld.kim))
        #expect(throws: PanelError.self) { try database.customer(CustomerID(DemoWorld.kim), as: .reseller(ResellerID(2))) }
    }
}
