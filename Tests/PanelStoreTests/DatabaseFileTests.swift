import Foundation
import Testing
import PanelModel
@testable import PanelStore

/// The database holds password hashes and every order: owner-only from the first byte.
@Suite struct DatabaseFileTests {
    static func mode(_ path: String) -> mode_t? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return info.st_mode & 0o777
    }

    @Test func aNewDatabaseAndItsWALFilesAre0600WhateverTheUmask() throws {
        let previous = umask(0o022)
        defer { umask(previous) }
        // SQLite's files: a PostgreSQL server keeps its own, so this runs on SQLite in both passes.
        let temporary = try TemporaryDatabase(engine: .sqlite)
        try temporary.database.load(DemoWorld.fixture(now: TestClock.now), source: "test")
        for suffix in ["", "-wal", "-shm"] {
            #expect(Self.mode(temporary.path + suffix) == 0o600, "\(suffix.isEmpty ? "database" : suffix) is \(String(Self.mode(temporary.path + suffix) ?? 0, radix: 8))")
        }
    }

    @Test func anExistingFileKeepsItsMode() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("certpanel-mode-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("shared.sqlite").path
        #expect(FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o660]))
        let database = try PanelDatabase(path: path)
        try database.close()
        #expect(Self.mode(path) == 0o660)   // docs/ssh.md's shared-group setup
    }
}
