import Foundation

/// How a store runs its transactions. The use cases (the `PanelDatabase` extensions) are
/// written once against `SQLConnection`; an engine gives them a connection inside the right
/// kind of transaction: SQLite through GRDB (`SQLiteEngine`), PostgreSQL through libpq
/// (`PostgresEngine`).
protocol StoreEngine: Sendable {
    var dialect: SQLDialect { get }
    /// A consistent snapshot for the whole of `body`.
    func read<T>(_ body: (any SQLConnection) throws -> T) throws -> T
    /// One transaction that cannot interleave with another write's reads and writes: all of
    /// `body` commits, or none of it.
    func write<T>(_ body: (any SQLConnection) throws -> T) throws -> T
    /// `write` with room for a large transaction (seeding, loading).
    func bulkWrite<T>(_ body: (any SQLConnection) throws -> T) throws -> T
    /// `write`, rolled back at the end.
    func rehearse<T>(_ body: (any SQLConnection) throws -> T) throws -> T
    /// `read` that stops with `CancellationError` soon after the calling Task is cancelled.
    func cancellableRead<T>(_ body: (any SQLConnection) throws -> T) throws -> T
    /// Something cheap to ask, on every idle tick, whether anyone committed a change.
    func changeWatcher() throws -> DataChangeWatcher
    /// Every table's name, for dumps and copies.
    func tableNames() throws -> [String]
    func close() throws
}
