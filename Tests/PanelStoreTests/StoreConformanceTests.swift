import Foundation
import Testing
@testable import PanelStore

/// The store tests are one conformance suite run on both engines (scripts/test): this makes
/// sure a run asked for PostgreSQL really ran on it, not silently on SQLite.
@Suite struct StoreConformanceTests {
    @Test func theEngineUnderTestIsTheOneAskedFor() throws {
        let asked = try TestStore.dialect()
        let temporary = try TemporaryDatabase()
        #expect(temporary.database.dialect == asked)
        try temporary.database.read { db in #expect(db.dialect == asked) }
        let journal = try temporary.database.journalMode()
        #expect(journal == (asked == .postgresql ? "postgresql" : "wal"))
    }

    @Test func theServerAnswersAsTheEngineItClaims() throws {
        let temporary = try TemporaryDatabase()
        let version = try temporary.database.read { db in
            try String.fetchOne(db, sql: db.isPostgres ? "SELECT version()" : "SELECT 'SQLite ' || sqlite_version()")
        }
        #expect(version?.hasPrefix(try TestStore.dialect() == .postgresql ? "PostgreSQL" : "SQLite") == true, "\(version ?? "nil")")
    }
}
