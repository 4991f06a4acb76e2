import Foundation
@testable import PanelStore
import TestSupport
import Testing

@Suite struct PostgresNotificationTests {
    @Test func notificationsFromAnotherSessionAreDrained() throws {
        let cluster = try PostgresCluster.shared()
        let name = try cluster.createUniqueDatabase(prefix: "listen")
        let listener = try PostgresConnection(conninfo: cluster.url(database: name))
        let writer = try PostgresConnection(conninfo: cluster.url(database: name))
        try listener.listen(channel: "order changes")
        try listener.listen(channel: "other")
        #expect(try listener.drainNotifications() == 0)

        try writer.execute(sql: "NOTIFY \"order changes\"")
        try writer.execute(sql: "SELECT pg_notify(?, ?)", arguments: ["order changes", "42"])
        try writer.execute(sql: "NOTIFY unheard")   // nobody listens on this one
        // Within one transaction, one notification per distinct channel and payload.
        try writer.execute(sql: "BEGIN; NOTIFY other; NOTIFY other; COMMIT")

        var received = 0
        let deadline = Date().addingTimeInterval(5)
        while received < 3 && Date() < deadline {
            received += try listener.drainNotifications()
            if received < 3 { Thread.sleep(forTimeInterval: 0.02) }
        }
        #expect(received == 3)
        Thread.sleep(forTimeInterval: 0.2)
        #expect(try listener.drainNotifications() == 0)
        #expect(listener.socket >= 0)

        try listener.unlisten(channel: "other")
        try writer.execute(sql: "NOTIFY other")
        Thread.sleep(forTimeInterval: 0.2)
        #expect(try listener.drainNotifications() == 0)
    }
}

@Suite struct PostgresCancelTests {
    /// What the cancelling thread and the test share.
    final class Flag: @unchecked Sendable {
        private let lock = NSLock()
        private var value = false
        var isSet: Bool { lock.withLock { value } }
        func set() { lock.withLock { value = true } }
    }

    @Test func aLongStatementIsCancelledFromAnotherThread() throws {
        let db = try freshConnection()
        let finished = Flag()
        let cancellerDone = DispatchSemaphore(value: 0)
        let started = Date()
        Thread {
            // The first request may come before the statement reaches the server; ask again
            // until it ends.
            Thread.sleep(forTimeInterval: 0.3)
            while !finished.isSet && Date().timeIntervalSince(started) < 5 {
                db.cancel()
                Thread.sleep(forTimeInterval: 0.2)
            }
            cancellerDone.signal()
        }.start()
        let error = postgresError { _ = try SQLRow.fetchAll(db, sql: "SELECT pg_sleep(10)") }
        finished.set()
        let elapsed = Date().timeIntervalSince(started)
        cancellerDone.wait()
        #expect(error?.isQueryCanceled == true, "\(String(describing: error))")
        #expect(error?.sqlState == "57014")
        #expect(elapsed < 1.5, "cancelled after \(elapsed) s")
        // The connection is still good.
        #expect(db.isAlive)
        #expect(try Int.fetchOne(db, sql: "SELECT 1") == 1)
    }

    @Test func cancellingWhileIdleIsHarmless() throws {
        let db = try freshConnection()
        #expect(db.cancel())
        Thread.sleep(forTimeInterval: 0.1)
        #expect(try Int.fetchOne(db, sql: "SELECT 2") == 2)
    }
}
