import Foundation
import GRDB
import PanelModel
import PanelStore

/// Move Services from many writers in one process: each writer moves its own certificate
/// order to another customer of the same reseller and back, through `applyMove` (the whole
/// use case: checks, then one BEGIN IMMEDIATE transaction).
enum Moves {
    struct Result {
        var milliseconds: [Double]
        var busy: Int
        var otherErrors: [String]
    }

    static func measure(path: String, writers: Int, movesPerWriter: Int) throws -> Result {
        let database = try PanelDatabase(path: path)
        let pairs = try movablePairs(database, count: writers)
        guard pairs.count == writers else { throw BenchError("found only \(pairs.count) movable orders for \(writers) writers") }
        let results = Locked(Result(milliseconds: [], busy: 0, otherErrors: []))
        DispatchQueue.concurrentPerform(iterations: writers) { writer in
            let (order, home, away) = pairs[writer]
            let clock = ContinuousClock()
            for move in 0..<movesPerWriter {
                let target = move % 2 == 0 ? away : home
                let request = MoveRequest(orderID: order, targetUsername: target.username.value, targetCustomerID: target.id.description,
                                          retainContacts: true)
                let start = clock.now
                do {
                    _ = try database.applyMove(request, as: .operator)
                    let elapsed = milliseconds(clock.now - start)
                    results.withLock { $0.milliseconds.append(elapsed) }
                } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY {
                    results.withLock { $0.busy += 1 }
                } catch {
                    results.withLock { $0.otherErrors.append("\(error)") }
                }
            }
        }
        return results.withLock { $0 }
    }

    /// Active certificate orders with no pending invoice, each with a customer of the same
    /// reseller to move to, whose move the rules accept.
    static func movablePairs(_ database: PanelDatabase, count: Int) throws -> [(OrderID, Customer, Customer)] {
        let candidates = try database.read { db in
            try SQLRow.fetchAll(db, sql: """
                SELECT o.id, o.customer_id, (SELECT t.id FROM customers t WHERE t.reseller_id = c.reseller_id AND t.id > c.id
                                             AND t.status = 'active' ORDER BY t.id LIMIT 1) AS target
                FROM orders o JOIN customers c ON c.id = o.customer_id
                WHERE o.product = 'digital_certificate' AND o.status = 'active' AND o.domain LIKE '%.com'
                  AND NOT EXISTS (SELECT 1 FROM invoices i WHERE i.order_id = o.id AND i.status = 'pending')
                ORDER BY o.id LIMIT ?
                """, arguments: [count * 20]).map { (OrderID($0["id"]), CustomerID($0["customer_id"]), ($0["target"] as Int64?).map(CustomerID.init)) }
        }
        var pairs: [(OrderID, Customer, Customer)] = []
        for (order, owner, target) in candidates where pairs.count < count {
            guard let target else { continue }
            let home = try database.customer(owner, as: .operator), away = try database.customer(target, as: .operator)
            let request = MoveRequest(orderID: order, targetUsername: away.username.value, targetCustomerID: away.id.description, retainContacts: true)
            if (try? database.previewMove(request, as: .operator)) != nil { pairs.append((order, home, away)) }
        }
        return pairs
    }
}

/// A value shared by the writer threads.
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value
    init(_ value: Value) { self.value = value }
    func withLock<T>(_ body: (inout Value) -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body(&value)
    }
}
