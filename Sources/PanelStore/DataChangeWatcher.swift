import Foundation

/// Tells whether the database changed since it was last asked. Each store has its own cheap
/// way to know (SQLite's `PRAGMA data_version`, PostgreSQL's notifications), so the terminal
/// front asks on every idle tick and reloads its screen only when something was written.
public final class DataChangeWatcher: @unchecked Sendable {
    /// A number that differs after any commit (nil when unknown).
    private let version: () throws -> Int64?
    private let lock = NSLock()
    private var lastVersion: Int64?   // guarded by lock

    init(version: @escaping () throws -> Int64?) throws {
        self.version = version
        _ = try hasChanged()
    }

    /// True when a commit happened since the previous call (the first call answers false).
    /// A failure reads as "changed", so the screen reloads and shows the error itself.
    public func hasChanged() throws -> Bool {
        let current = try lock.withLock { try version() }
        return lock.withLock {
            defer { lastVersion = current }
            return lastVersion != current
        }
    }
}

extension PanelDatabase {
    /// A watcher for changes to this database made by anyone, this process included.
    public func changeWatcher() throws -> DataChangeWatcher {
        try engine.changeWatcher()
    }
}
