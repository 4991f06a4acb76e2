import Foundation
import Testing
import PanelModel
import PanelStore
@testable import PanelScreens

/// What a screen shows for a failed model call.
@Suite struct PanelSessionAttemptTests {
    struct StoreFailure: Error, CustomStringConvertible {
        var description: String { "SQLite error 19: UNIQUE constraint failed - while executing `INSERT INTO orders …`" }
    }

    @Test func aPanelErrorIsShownAsItIs() throws {
        let temporary = try TemporaryDirectoryDatabase()
        let session = PanelSession(database: temporary.database)
        let result: Result<Int, PanelError> = session.attempt { throw PanelError.refused("Attention: no") }
        #expect(result == .failure(.refused("Attention: no")))
    }

    @Test func anyOtherErrorIsAnIncidentWithoutItsText() throws {
        let temporary = try TemporaryDirectoryDatabase()
        let session = PanelSession(database: temporary.database)
        let result: Result<Int, PanelError> = session.attempt { throw StoreFailure() }
        guard case .failure(let error) = result, case .internalFailure(let incident) = error else {
            Issue.record("expected an internal failure, got \(result)")
            return
        }
        #expect(incident.count == 12)
        #expect(error.message.contains("incident \(incident)"))
        #expect(!error.message.contains("SQL") && !error.message.contains("INSERT"))
        #expect(error.exitCode == 4)
    }
}

/// An empty database in its own directory, removed afterwards.
final class TemporaryDirectoryDatabase {
    let directory: URL
    let database: PanelDatabase

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("certpanel-session-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        database = try PanelDatabase(path: directory.appendingPathComponent("test.sqlite").path)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }
}
