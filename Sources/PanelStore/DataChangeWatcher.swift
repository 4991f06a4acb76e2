import Foundation
import GRDB

/// Tells whether the database changed since it was last asked, through a connection of its
/// own and SQLite's `PRAGMA data_version`, which changes when any other connection (another
/// process, or this process's writer) commits. One cheap pragma per call, so the terminal
/// front asks on every idle tick and reloads its screen only when something was written.
public final class DataChangeWatcher: @unchecked Sendable {
    private let queue: DatabaseQueue
    private let lock = NSLock()
    private var lastVersion: Int?   // guarded by lock

    init(path: String) throws {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.label = "certpanel.watcher"
        queue = try DatabaseQueue(path: path, configuration: configuration)
        _ = try hasChanged()
    }

    /// True when a commit happened since the previous call (the first call answers false).
    /// A failure reads as "changed", so the screen reloads and shows the error itself.
    public func hasChanged() throws -> Bool {
        let version = try queue.inDatabase { db in try Int.fetchOne(db, sql: "PRAGMA data_version") }
        return lock.withLock {
            defer { lastVersion = version }
            return lastVersion != version
        }
    }
}

extension PanelDatabase {
    /// A watcher for changes to this database made by anyone, this process included.
    public func changeWatcher() throws -> DataChangeWatcher {
        try DataChangeWatcher(path: path)
    }
}
