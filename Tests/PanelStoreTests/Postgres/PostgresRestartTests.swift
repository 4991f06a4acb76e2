import Foundation
import PanelModel
@testable import PanelStore
import TestSupport
import Testing

/// A panel session across a database restart, on a cluster of its own (restarting the shared
/// one would break the tests running beside): the next action after the restart reconnects;
/// while the server is down an action fails with the panel's "cannot be reached" message and
/// changes nothing.
@Suite struct PostgresRestartTests {
    @Test func aSessionReconnectsAfterARestartAndSaysSoWhileTheServerIsDown() throws {
        let cluster = try PostgresCluster.start()
        defer { try? cluster.stop() }
        try cluster.createDatabase("panel")
        let database = try PanelDatabase(path: cluster.url(database: "panel"))
        try database.load(DemoWorld.fixture(now: TestClock.now), source: "demo world")
        let query = OrderQuery(text: "sunrise")
        let before = try database.searchOrders(as: .operator, query)
        #expect(before.total == 3)

        try cluster.restart()
        // The session's idle connection broke with the restart; the next read reconnects.
        #expect(try database.searchOrders(as: .operator, query) == before)
        let detail = try database.orderDetail(OrderID(1001), as: .customer(CustomerID(DemoWorld.alice)))
        #expect(detail.order.domain.ascii == "sunrise-bakery.com")

        try cluster.stop()
        let request = MoveRequest(orderID: OrderID(1001), targetUsername: "bob@example.net",
                                  targetCustomerID: "\(DemoWorld.bob)", retainContacts: true)
        do {
            _ = try database.applyMove(request, as: .customer(CustomerID(DemoWorld.alice)))
            Issue.record("a move with the server down went through")
        } catch let error as PanelError {
            guard case .unavailable(let message) = error else {
                Issue.record("expected unavailable, got \(error)")
                return
            }
            #expect(message.contains("cannot be reached"), "\(message)")
            #expect(message.contains("Nothing was changed."), "\(message)")
            #expect(error.exitCode == 5)
        }

        try cluster.resume()
        // Back up: the order is still Alice's (nothing half-moved), and the move now works.
        let owner = try database.orderDetail(OrderID(1001), as: .operator).order.customerID
        #expect(owner == CustomerID(DemoWorld.alice))
        let moved = try database.applyMove(request, as: .customer(CustomerID(DemoWorld.alice)))
        #expect(moved.preview.target.id == CustomerID(DemoWorld.bob))
    }
}
