import Foundation
import Testing
import PanelModel
@testable import PanelStore

/// Bulk reissue, payment and download: each certificate on its own (one refusal leaves the
/// others done), with the single action's words; files never overwritten nor outside the
/// directory; `expiringWithinDays` agrees with the model's days left.
@Suite struct BulkCertificateTests {
    static let alice = Principal.customer(CustomerID(DemoWorld.alice))
    let world: TemporaryDatabase
    var database: PanelDatabase { world.database }

    init() throws {
        world = try TemporaryDatabase()
        try DemoWorld.seed(into: world.database, now: TestClock.now, keySeed: DemoWorld.reproducibleKeySeed, clock: FixedClock(TestClock.now))
    }

    func state(_ order: Int64) throws -> CertificateState {
        try database.sslCertificateDetail(order: OrderID(order), for: .operator, now: TestClock.now).row.storedState
    }

    @Test func reissueGoesAheadForEachCertificateTheRulesAllow() throws {
        // 1001 issued, 1003 waits for a CSR, 1005's order is suspended, 1101 is Bob's.
        let orders = [1001, 1003, 1005, 1101].map { OrderID(Int64($0)) }
        // The single action's refusals (they change nothing, so the bulk run still sees the same world).
        var single: [String] = []
        for id in [1003, 1005, 1101] {
            do { _ = try database.requestReissue(order: OrderID(Int64(id)), by: Self.alice, now: TestClock.now); single.append("no refusal") }
            catch let error as PanelError { single.append(error.message) }
        }
        let results = database.reissueEach(orders: orders, by: Self.alice, now: TestClock.now)
        #expect(results.map(\.orderID) == orders)
        #expect(results.map(\.succeeded) == [true, false, false, false])
        #expect(results.dropFirst().map(\.message) == single)
        #expect(results[0].domain == "sunrise-bakery.com")
        #expect(results[3].domain == "")     // not Alice's: not even its domain is shown
        #expect(try state(1001) == .awaitingCSR)
        #expect(try state(1005) == .issued)
        #expect(results.summary == "1 of 4 done; 3 not done")
    }

    @Test func onlyAnOperatorRecordsPaymentsAndEachOrderIsPaidOnItsOwn() throws {
        let before = try database.contentDump()
        #expect(throws: InvoicePaymentPolicy.refusal(for: Self.alice)!) {
            try database.payPendingInvoicesEach(orders: [OrderID(1008)], by: Self.alice, now: TestClock.now)
        }
        #expect(try database.contentDump() == before)

        let results = try database.payPendingInvoicesEach(orders: [OrderID(1001), OrderID(1008)], by: .operator, now: TestClock.now)
        #expect(results.map(\.succeeded) == [false, true])
        #expect(results[0].message == "Order 1001 has no pending invoice; there is nothing to mark.")
        #expect(results[1].message.hasPrefix("Invoice ") && results[1].message.contains("marked paid"))
        let pending = try database.invoices(for: .operator).filter { $0.orderID == OrderID(1008) && $0.status == .pending }
        #expect(pending.isEmpty)
    }

    @Test func downloadsWriteEachCertificateAndNeverOverwrite() throws {
        let directory = world.directory.appendingPathComponent("out/certs").path
        let results = try database.writeCertificates(orders: [OrderID(1001), OrderID(1003)], for: Self.alice, into: directory)
        #expect(results.map(\.succeeded) == [true, false])
        let file = directory + "/1001-sunrise-bakery.com.pem"
        #expect(results[0].file == file)
        #expect(try String(contentsOfFile: file, encoding: .utf8) == (try database.certificatePEM(order: OrderID(1001), for: Self.alice)))
        #expect(results[1].message.hasPrefix("Order 1003 has no issued certificate yet"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["1001-sunrise-bakery.com.pem"])

        try Data("mine".utf8).write(to: URL(fileURLWithPath: file))
        let again = try database.writeCertificates(orders: [OrderID(1001)], for: Self.alice, into: directory)
        #expect(again.map(\.succeeded) == [false])
        #expect(again[0].message == "\(directory)/1001-sunrise-bakery.com.pem already exists and was left as it is. Move it away or choose another directory.")
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "mine")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["1001-sunrise-bakery.com.pem"])   // no partial file left
    }

    @Test func aHostileDomainInTheDatabaseCannotLeaveTheDirectory() throws {
        try database.write { db in try db.execute(sql: "UPDATE orders SET domain = '../../escaped' WHERE id = 1001") }
        let directory = world.directory.appendingPathComponent("inside").path
        let results = try database.writeCertificates(orders: [OrderID(1001)], for: Self.alice, into: directory)
        #expect(results.map(\.succeeded) == [true])
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["1001-____escaped.pem"])
        #expect(!FileManager.default.fileExists(atPath: world.directory.appendingPathComponent("escaped").path))
    }

    @Test func theDownloadableOrdersAreTheIssuedOnesThePrincipalMaySee() throws {
        let downloadable = try database.downloadableCertificateOrders(for: Self.alice)
        let rows = try database.sslCertificates(for: Self.alice, now: TestClock.now)
        let withCertificate = rows.filter { row in (try? database.certificatePEM(order: row.orderID, for: Self.alice)) != nil }.map(\.orderID)
        #expect(downloadable == withCertificate)
        #expect(downloadable.contains(OrderID(1001)) && !downloadable.contains(OrderID(1003)))
        #expect(try database.downloadableCertificateOrders(for: .customer(CustomerID(DemoWorld.bob)))
                .allSatisfy { !downloadable.contains($0) })
    }

    @Test(arguments: [1, 12, 13, 30, 200, 400])
    func expiringWithinAgreesWithTheDaysLeftColumn(days: Int) throws {
        for offset in [0, 150, 199] {
            let now = TestClock.now.adding(days: offset).addingTimeInterval(3_600)
            let all = try database.sslCertificates(for: .operator, now: now)
            let expected = all.filter { row in row.validTo.map { $0 > now } == true && row.daysLeft.map { $0 <= days } == true }.map(\.orderID)
            let page = try database.sslCertificatePage(SSLCertificateQuery(sort: .orderID, limit: 100_000, expiringWithinDays: days), for: .operator, now: now)
            #expect(page.rows.map(\.orderID) == expected, "within \(days) at +\(offset)")
            #expect(page.total == expected.count)
        }
    }
}
