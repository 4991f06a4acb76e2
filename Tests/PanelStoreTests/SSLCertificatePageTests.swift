import Foundation
import Testing
import PanelModel
@testable import PanelStore

/// The SSL Certificates page filters and sorts in SQL; here it must agree with the model's
/// `SSLCertificateRow.displayState` and with sorting the full list in Swift, at moments that
/// put demo certificates on every side of the renewal window and of their expiry.
@Suite struct SSLCertificatePageTests {
    let world: TemporaryDatabase
    var database: PanelDatabase { world.database }

    init() throws { world = try TemporaryDatabase.demo() }

    static let offsets = [0, 1, 150, 169, 170, 171, 199, 200, 201, 400]

    @Test(arguments: offsets)
    func everyStateFilterAgreesWithTheModel(days: Int) throws {
        let now = TestClock.now.adding(days: days)
        for principal in [Principal.operator, .customer(CustomerID(DemoWorld.alice)), .reseller(ResellerID(2))] {
            let all = try database.sslCertificates(for: principal, now: now)
            for state in [nil] + CertificateState.allCases.map(Optional.some) {
                let expected = all.filter { state == nil || $0.state == state }
                let byDays = try database.sslCertificatePage(SSLCertificateQuery(state: state, sort: .daysLeft, limit: 1000), for: principal, now: now)
                #expect(byDays.total == expected.count, "\(principal) \(state?.rawValue ?? "all") at +\(days) days")
                #expect(byDays.rows.map(\.orderID) == expected.sorted { ($0.daysLeft ?? .max, $0.orderID) < ($1.daysLeft ?? .max, $1.orderID) }.map(\.orderID))
                let byOrder = try database.sslCertificatePage(SSLCertificateQuery(state: state, sort: .orderID, limit: 1000), for: principal, now: now)
                #expect(byOrder.rows == expected.sorted { $0.orderID < $1.orderID })
            }
        }
    }

    @Test func theLimitCutsThePageNotTheCount() throws {
        let page = try database.sslCertificatePage(SSLCertificateQuery(limit: 3), for: .operator, now: TestClock.now)
        #expect(page.rows.count == 3)
        #expect(page.total == (try database.sslCertificates(for: .operator, now: TestClock.now)).count)
        #expect(page.total > 3)
    }

    /// On the edges: a certificate valid until exactly midnight, seen one second either side of
    /// where the window opens and where it expires.
    @Test func theEdgesOfTheWindowAndOfExpiry() throws {
        let midnight = TestClock.now.startOfUTCDay.adding(days: 100)
        try database.write { db in
            try db.execute(sql: "UPDATE certificates SET valid_to = ?, state = 'issued' WHERE order_id = 1001", arguments: [midnight])
        }
        let windowOpens = midnight.adding(days: -CertificateState.expiringWindowDays)
        for now in [windowOpens.addingTimeInterval(-1), windowOpens, midnight.addingTimeInterval(-1), midnight, midnight.addingTimeInterval(1)] {
            let model = try #require(try database.sslCertificates(for: .operator, now: now).first { $0.orderID == OrderID(1001) })
            let page = try database.sslCertificatePage(SSLCertificateQuery(state: model.state, limit: 1000), for: .operator, now: now)
            #expect(page.rows.contains { $0.orderID == OrderID(1001) }, "at \(now) the model says \(model.state.rawValue)")
        }
        #expect(try database.sslCertificates(for: .operator, now: windowOpens.addingTimeInterval(-1)).first { $0.orderID == OrderID(1001) }?.state == .issued)
        #expect(try database.sslCertificates(for: .operator, now: windowOpens).first { $0.orderID == OrderID(1001) }?.state == .expiring)
        #expect(try database.sslCertificates(for: .operator, now: midnight).first { $0.orderID == OrderID(1001) }?.state == .expired)
    }
}
