import Foundation
import GRDB
import Testing
import PanelModel
@testable import PanelStore

/// A read made stale by a new keystroke stops: the Task is cancelled, the statement is
/// interrupted, Swift's CancellationError comes out, and the database keeps working.
@Suite struct CancellationTests {
    /// A statement that would run for about a minute.
    static let endless = """
        WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM (SELECT i FROM n LIMIT 1000000000) first
        """

    @Test func cancellingTheTaskInterruptsTheRunningStatement() async throws {
        let temporary = try TemporaryDatabase()
        let database = temporary.database
        let task = Task {
            try database.cancellableRead { db in
                // The cancellation arrives while the statement runs.
                withUnsafeCurrentTask { $0?.cancel() }
                return try Int.fetchOne(db, sql: Self.endless)
            }
        }
        await #expect(throws: CancellationError.self) { try await task.value }
        // Every connection still reads, and no handler is left behind to interrupt them.
        for _ in 0..<4 {
            let value = try await Task { try database.cancellableRead { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM orders") } }.value
            #expect(value == 0)
        }
    }

    @Test func aStaleSearchStopsWithCancellationErrorAndTheNextOneWorks() async throws {
        let database = SearchPlanTests.world.database
        // Searches as fast as keystrokes come, until the next keystroke cancels them.
        let typing = Task {
            var searches = 0
            while true {
                _ = try database.searchOrders(as: .operator, OrderQuery(text: "q", sort: .expiry, descending: true))
                searches += 1
            }
            return searches
        }
        try await Task.sleep(for: .milliseconds(100))
        typing.cancel()
        await #expect(throws: CancellationError.self) { try await typing.value }
        let page = try database.searchOrders(as: .operator, OrderQuery(text: "q", sort: .expiry, descending: true))
        #expect(page.rows.count == 30)
    }

    @Test func outsideATaskAReadIsPlainAndSynchronous() throws {
        let temporary = try TemporaryDatabase.demo()
        #expect(try temporary.database.cancellableRead { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM orders") } ?? 0 > 0)
        #expect(try temporary.database.searchOrders(as: .operator, OrderQuery(text: "1001")).rows.first?.id == OrderID(1001))
    }
}
