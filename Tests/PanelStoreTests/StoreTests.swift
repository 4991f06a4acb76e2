import Foundation
import GRDB
import Testing
import PanelModel
@testable import PanelStore

@Suite struct StoreTests {
    @Test func databaseIsWALWithForeignKeysAndABusyTimeout() throws {
        let temporary = try TemporaryDatabase()
        guard !temporary.isPostgres else {
            // PostgreSQL's equivalents: no journal mode to set, and foreign keys always on.
            #expect(try temporary.database.journalMode() == "postgresql")
            #expect(throws: (any Error).self) {
                try temporary.database.write { db in
                    try db.execute(sql: "INSERT INTO customers (id, username, name, status, reseller_id) VALUES (1, 'a@example.com', 'A', 'active', 99)")
                }
            }
            #expect(try temporary.database.isEmpty())
            return
        }
        #expect(try temporary.database.journalMode() == "wal")
        let (foreignKeys, busyTimeout) = try temporary.database.write { db in
            (try Int.fetchOne(db, sql: "PRAGMA foreign_keys"), try Int.fetchOne(db, sql: "PRAGMA busy_timeout"))
        }
        #expect(foreignKeys == 1)
        #expect(busyTimeout == 5000)
        #expect(FileManager.default.fileExists(atPath: temporary.path + "-wal"))
    }

    @Test func aWriteThatThrowsLeavesNothingBehind() throws {
        let temporary = try TemporaryDatabase()
        struct Boom: Error {}
        #expect(throws: Boom.self) {
            try temporary.database.write { db in
                try RecordWriter.insert(Reseller(id: ResellerID(1), name: "R", products: [.domain], registrarHandle: "H1"), db)
                throw Boom()
            }
        }
        #expect(try temporary.database.isEmpty())
        #expect(try temporary.database.counts()["resellers"] == 0)
    }

    @Test func writesUseImmediateTransactions() throws {
        let temporary = try TemporaryDatabase()
        guard !temporary.isPostgres else {
            // PostgreSQL's equivalent: writes are SERIALIZABLE (a conflicting write is retried),
            // reads a read-only REPEATABLE READ snapshot.
            let writing = try temporary.database.write { db in
                try String.fetchOne(db, sql: "SELECT current_setting('transaction_isolation')")
            }
            let reading = try temporary.database.read { db in
                try String.fetchOne(db, sql: "SELECT current_setting('transaction_isolation') || ' ' || current_setting('transaction_read_only')")
            }
            #expect(writing == "serializable")
            #expect(reading == "repeatable read on")
            return
        }
        // A second connection cannot start writing while a write transaction is open,
        // even before the first statement of that transaction has written anything.
        var config = Configuration()
        config.busyMode = .immediateError
        let other = try DatabaseQueue(path: temporary.path, configuration: config)
        _ = try temporary.database.write { _ in
            #expect(throws: DatabaseError.self) { try other.write { db in try db.execute(sql: "DELETE FROM outbox") } }
        }
        try other.close()
    }

    @Test func passwordsAreSaltedAndVerified() throws {
        let first = try PasswordHasher.hash("correct horse")
        let second = try PasswordHasher.hash("correct horse")
        #expect(first != second)
        #expect(first.hasPrefix("pbkdf2-sha256$210000$"))
        #expect(!first.contains("correct horse"))
        #expect(PasswordHasher.verify("correct horse", against: first))
        #expect(!PasswordHasher.verify("wrong horse", against: first))
        #expect(!PasswordHasher.verify("correct horse", against: "garbage"))
    }

    @Test func demoWorldLoadsAndHashesPasswords() throws {
        let temporary = try TemporaryDatabase.demo()
        let counts = try temporary.database.counts()
        #expect(counts["customers"] == DemoWorld.customers.count)
        #expect(counts["transfer_requests"] == 3)
        let hash = try temporary.database.read { db in
            try String.fetchOne(db, sql: "SELECT password_hash FROM customers WHERE id = ?", arguments: [DemoWorld.alice])
        }
        #expect(PasswordHasher.verify(DemoWorld.password, against: try #require(hash)))
        #expect(try temporary.database.auditEntries().first?.action == "db.load")
    }
}
