import Foundation
import GRDB
import Testing
import PanelModel
@testable import PanelStore

@Suite struct SyntheticWorldTests {
    /// Every row of the generated tables, as text, in ID order.
    func dump(_ database: PanelDatabase) throws -> [String] {
        try database.read { db in
            var lines: [String] = []
            for (table, key) in [("resellers", "id"), ("customers", "id"), ("contacts", "id"), ("orders", "id"),
                                 ("certificates", "order_id"), ("invoices", "number")] {
                let rows = try SQLRow.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY \(key)")
                lines += rows.map { "\(table) \($0)" }
            }
            return lines
        }
    }

    @Test func theSameSeedWritesTheSameRows() throws {
        let first = try TemporaryDatabase()
        let second = try TemporaryDatabase()
        let world = SyntheticWorld(orders: 500, customers: 50, seed: 7)
        let summary = try world.write(into: first.database)
        _ = try world.write(into: second.database)
        let rows = try dump(first.database)
        #expect(rows.count > 600)
        #expect(rows == (try dump(second.database)))
        #expect(summary.orders == 500)
        #expect(try first.database.counts()["orders"] == 500)

        let other = try TemporaryDatabase()
        _ = try SyntheticWorld(orders: 500, customers: 50, seed: 8).write(into: other.database)
        #expect(try dump(other.database) != rows)
    }

    @Test func generatedNamesAreValidAndSearchable() throws {
        let temporary = try TemporaryDatabase()
        _ = try SyntheticWorld(orders: 2_000, customers: 100, seed: 1).write(into: temporary.database)
        let names = try temporary.database.read { db in try String.fetchAll(db, sql: "SELECT domain FROM orders") }
        #expect(Set(names).count == names.count)
        for name in names {
            #expect(try DomainName(name).ascii == name)
        }
        let sample = names[1234]
        let needle = String(sample.dropFirst(2).prefix(6))
        let page = try temporary.database.searchOrders(as: .operator, OrderQuery(text: needle, limit: 10_000))
        #expect(page.rows.contains { $0.domain.ascii == sample })
        #expect(page.rows.allSatisfy { $0.domain.ascii.contains(needle) || $0.domainUnicode.contains(needle) || $0.customerUsername.contains(needle) })
    }

    @Test func syntheticDataGoesAfterExistingRows() throws {
        let temporary = try TemporaryDatabase.demo()
        let summary = try SyntheticWorld(orders: 100, customers: 10).write(into: temporary.database)
        #expect(summary.resellers == 1)
        let firstSynthetic = try temporary.database.read { db in try Int64.fetchOne(db, sql: "SELECT MIN(id) FROM orders WHERE domain NOT IN (SELECT domain FROM orders WHERE id < 1000000)") }
        #expect(firstSynthetic == 1_000_000)
    }
}
