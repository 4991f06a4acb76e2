/// A failure reported by PostgreSQL or by libpq: the server's primary message, its detail and
/// SQLSTATE when it sent them, and whether the connection itself is gone.
public struct PostgresError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public var detail: String?
    /// The five-character SQLSTATE ("23505"), nil for a failure libpq reports on its own.
    public var sqlState: String?
    /// libpq found the connection broken (PQstatus CONNECTION_BAD) when the statement failed.
    public var connectionBroken: Bool

    public init(message: String, detail: String? = nil, sqlState: String? = nil, connectionBroken: Bool = false) {
        self.message = message
        self.detail = detail
        self.sqlState = sqlState
        self.connectionBroken = connectionBroken
    }

    public var description: String {
        var text = message
        if let detail, !detail.isEmpty { text += " (\(detail))" }
        if let sqlState { text += " [SQLSTATE \(sqlState)]" }
        return text
    }

    /// Two transactions wrote what the other read: run the transaction again.
    public var isSerializationFailure: Bool { sqlState == "40001" }
    public var isDeadlock: Bool { sqlState == "40P01" }
    public var isUniqueViolation: Bool { sqlState == "23505" }
    /// Cancelled by `PostgresConnection.cancel()` (or a statement timeout).
    public var isQueryCanceled: Bool { sqlState == "57014" }

    /// The server went away: class 08 (connection exception), the shutdown and startup codes
    /// 57P01...57P03 a restart produces, or libpq's own broken-connection state. `reset()`
    /// reconnects.
    public var isConnectionLost: Bool {
        if connectionBroken { return true }
        guard let sqlState else { return false }
        return sqlState.hasPrefix("08") || ["57P01", "57P02", "57P03"].contains(sqlState)
    }
}
