import Foundation
import PanelModel

/// Placeholder until the libpq connection lands.
final class PostgresEngine: StoreEngine {
    let displayURL: String
    var dialect: SQLDialect { .postgresql }
    init(url: String, access: PanelDatabase.Access) throws {
        displayURL = PostgresURL.redacted(url)
        throw PanelError.invalidInput("PostgreSQL is not wired yet")
    }
    func read<T>(_ body: (any SQLConnection) throws -> T) throws -> T { fatalError() }
    func write<T>(_ body: (any SQLConnection) throws -> T) throws -> T { fatalError() }
    func bulkWrite<T>(_ body: (any SQLConnection) throws -> T) throws -> T { fatalError() }
    func rehearse<T>(_ body: (any SQLConnection) throws -> T) throws -> T { fatalError() }
    func cancellableRead<T>(_ body: (any SQLConnection) throws -> T) throws -> T { fatalError() }
    func changeWatcher() throws -> DataChangeWatcher { fatalError() }
    func tableNames() throws -> [String] { fatalError() }
    func close() throws {}
}
