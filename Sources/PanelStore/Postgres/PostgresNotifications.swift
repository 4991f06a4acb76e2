import CLibPQ
import Foundation

/// LISTEN/NOTIFY, for change notifications between processes sharing one database: a writer
/// runs `NOTIFY channel` (or `pg_notify`) in its transaction, every listener learns of it
/// after the commit.
extension PostgresConnection {
    /// Subscribes this session to `channel` (any name; it is quoted as an identifier).
    public func listen(channel: String) throws {
        try execute(sql: "LISTEN " + (try quotedIdentifier(channel)))
    }

    public func unlisten(channel: String) throws {
        try execute(sql: "UNLISTEN " + (try quotedIdentifier(channel)))
    }

    /// How many notifications have arrived since the last call, read from what the socket
    /// already holds: no round trip, never blocks. Notifications that came in with the
    /// results of other statements count too.
    public func drainNotifications() throws -> Int {
        guard PQconsumeInput(handle) == 1 else {
            throw PostgresError(message: Self.errorMessage(handle), connectionBroken: PQstatus(handle) == CONNECTION_BAD)
        }
        var count = 0
        while let notification = PQnotifies(handle) {
            count += 1
            PQfreemem(notification)
        }
        return count
    }

    /// The connection's socket, to wait for notifications with poll(2) before draining them;
    /// -1 when there is no connection.
    public var socket: Int32 { PQsocket(handle) }

    /// `name` as a double-quoted identifier, by libpq (which knows the client encoding).
    func quotedIdentifier(_ name: String) throws -> String {
        guard let quoted = PQescapeIdentifier(handle, name, name.utf8.count) else {
            throw PostgresError(message: "cannot quote \(name) as an identifier: \(Self.errorMessage(handle))")
        }
        defer { PQfreemem(quoted) }
        return String(cString: quoted)
    }
}
