import Foundation
import GRDBSQLite

/// SQLite alone, without the panel: the floor. Runs the statements the panel ran, on its own
/// read-only connection with SQLite's default cache, reading every column of every row.
final class SQLiteFloor {
    private var connection: OpaquePointer?

    init(path: String) throws {
        guard sqlite3_open_v2(path, &connection, SQLITE_OPEN_READONLY, nil) == SQLITE_OK else {
            throw BenchError("sqlite3 cannot open \(path)")
        }
    }

    deinit { sqlite3_close(connection) }

    /// Milliseconds to run `statements` one after the other.
    func run(_ statements: [String]) throws -> Double {
        let clock = ContinuousClock()
        let start = clock.now
        for sql in statements {
            var statement: OpaquePointer?
            guard sqlite3_prepare_v2(connection, sql, -1, &statement, nil) == SQLITE_OK else {
                throw BenchError("sqlite3: \(String(cString: sqlite3_errmsg(connection))) in \(sql)")
            }
            defer { sqlite3_finalize(statement) }
            guard statement != nil else { continue }   // only a comment (GRDB traces its data_version check so)
            let columns = sqlite3_column_count(statement)
            var result = sqlite3_step(statement)
            while result == SQLITE_ROW {
                for column in 0..<columns { _ = sqlite3_column_text(statement, column) }
                result = sqlite3_step(statement)
            }
            guard result == SQLITE_DONE else { throw BenchError("sqlite3: \(String(cString: sqlite3_errmsg(connection))) in \(sql)") }
        }
        return milliseconds(clock.now - start)
    }
}
