import Foundation
import PanelModel
@_spi(Benchmark) import PanelStore

/// One keystroke of the order list: how long the panel's search took and the SQL it ran.
struct Keystroke: Codable {
    var what: String
    var milliseconds: Double
    var statements: [String]
}

enum Keystrokes {
    static let words = ["bakery", "kavi-studio", "bücher", "xn--caf", "user4711@", "1000500", "shop", "co.uk", "motors", "com"]

    /// The child process of one principal's session: opens the list (the first frame), then
    /// types each word one character at a time in each sort, as the order list runs it (the
    /// count plus the first page of 30 rows), printing one JSON line per keystroke. Each search
    /// runs once traced (for its statements) and once timed.
    static func type(as principal: Principal, path: String) throws {
        let database = try PanelDatabase(path: path)
        let clock = ContinuousClock()
        let encoder = JSONEncoder()
        func keystroke(_ query: OrderQuery, _ what: String) throws {
            let statements = try database.tracedSearchOrders(as: principal, query).statements
            let elapsed = try clock.measure { _ = try database.searchOrders(as: principal, query) }
            let line = try encoder.encode(Keystroke(what: what, milliseconds: milliseconds(elapsed), statements: statements))
            print(String(decoding: line, as: UTF8.self))
        }
        try keystroke(OrderQuery(limit: 30), "first frame")
        for sort in OrderQuery.Sort.allCases {
            for word in words {
                var typed = ""
                for character in word {
                    typed.append(character)
                    try keystroke(OrderQuery(text: typed, sort: sort, limit: 30), "\"\(typed)\" by \(sort)")
                }
            }
        }
    }

    /// Runs one principal's session in a child process (so its peak memory is its own) and
    /// replays each keystroke's statements through SQLite alone.
    static func measure(_ name: String, _ principal: Principal, options: Options) throws -> (session: ChildRun, keystrokes: [(Keystroke, floor: Double)]) {
        let session = try runChild(options.executable, ["--keystrokes", principal.description, options.path])
        guard session.status == 0 else { throw BenchError("the \(name) session exited with \(session.status)") }
        let decoder = JSONDecoder()
        let typed = try session.output.split(separator: "\n").map { try decoder.decode(Keystroke.self, from: Data($0.utf8)) }
        if PanelDatabase.isPostgresURL(options.path) {
            let floors = try PostgresFloor.run(typed.map(\.statements), url: options.path)
            return (session, Array(zip(typed, floors)).map { ($0.0, floor: $0.1) })
        }
        let floor = try SQLiteFloor(path: options.path)
        return (session, try typed.map { ($0, floor: try floor.run($0.statements)) })
    }
}
