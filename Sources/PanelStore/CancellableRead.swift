import GRDB
import GRDBSQLite

extension PanelDatabase {
    /// Reads like `read`, but a statement still running when the calling Task is cancelled
    /// (a keystroke made the search stale) stops within about a thousand SQLite VM steps and
    /// this throws Swift's `CancellationError`. The connection stays usable. Outside a Task
    /// it is a plain read, so the command line calls it synchronously.
    public func cancellableRead<T>(_ body: (Database) throws -> T) throws -> T {
        try withUnsafeCurrentTask { task in
            guard let task else { return try read(body) }
            if task.isCancelled { throw CancellationError() }
            // The task outlives this closure, so the probe may look at it until it returns.
            let probe = CancellationProbe { task.isCancelled }
            return try withExtendedLifetime(probe) {
                try read { db in
                    let connection = db.sqliteConnection
                    sqlite3_progress_handler(connection, CancellationProbe.steps, { context in
                        guard let context else { return 0 }
                        return Unmanaged<CancellationProbe>.fromOpaque(context).takeUnretainedValue().isCancelled() ? 1 : 0
                    }, Unmanaged.passUnretained(probe).toOpaque())
                    defer { sqlite3_progress_handler(connection, 0, nil, nil) }
                    do {
                        return try body(db)
                    } catch let error as DatabaseError where error.resultCode == .SQLITE_INTERRUPT {
                        throw CancellationError()
                    }
                }
            }
        }
    }
}

/// What the progress handler's C callback reaches through its context pointer (it cannot
/// capture anything itself).
private final class CancellationProbe {
    /// SQLite VM steps between two looks: a few microseconds of work.
    static let steps: Int32 = 1000
    let isCancelled: () -> Bool
    init(_ isCancelled: @escaping () -> Bool) { self.isCancelled = isCancelled }
}
