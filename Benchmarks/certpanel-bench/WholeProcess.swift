import Foundation
import PanelModel
@_spi(Benchmark) import PanelStore

/// `certpanel --as operator orders search QUERY --limit 30` as a whole process, beside the
/// sqlite3 command-line shell running the SQL that search ran, on the same file.
enum WholeProcess {
    static let queries = ["bak", "akery", "a.co", "lumc", "tel"]
    static let runs = 5

    struct Figure {
        var query: String
        var panel: ChildRun
        var floor: ChildRun
    }

    static func measure(_ database: PanelDatabase, options: Options) throws -> [Figure] {
        let sqlite3 = try executableOnPath("sqlite3")
        guard FileManager.default.isExecutableFile(atPath: options.certpanel) else {
            throw BenchError("\(options.certpanel) is missing: build both with `swift build -c release --static-swift-stdlib`")
        }
        return try queries.map { query in
            let statements = try database.tracedSearchOrders(as: .operator, OrderQuery(text: query, limit: 30)).statements
            let script = FileManager.default.temporaryDirectory.appendingPathComponent("certpanel-bench-\(UUID().uuidString).sql").path
            defer { try? FileManager.default.removeItem(atPath: script) }
            try statements.map { $0 + ";\n" }.joined().write(toFile: script, atomically: true, encoding: .utf8)
            let panel = try median((0..<runs).map { _ in
                try runChild(options.certpanel, ["--db", options.path, "--as", "operator", "orders", "search", query, "--limit", "30"])
            })
            let floor = try median((0..<runs).map { _ in try runChild(sqlite3, ["-readonly", options.path], input: script) })
            return Figure(query: query, panel: panel, floor: floor)
        }
    }

    /// The run of median wall time, with the largest peak memory of all runs.
    static func median(_ runs: [ChildRun]) throws -> ChildRun {
        guard let failed = runs.first(where: { $0.status != 0 }) else {
            var middle = runs.sorted { $0.milliseconds < $1.milliseconds }[runs.count / 2]
            middle.maxResidentMiB = runs.map(\.maxResidentMiB).max() ?? 0
            return middle
        }
        throw BenchError("a run exited with \(failed.status): \(failed.output)")
    }

    static func executableOnPath(_ name: String) throws -> String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") where FileManager.default.isExecutableFile(atPath: "\(directory)/\(name)") {
            return "\(directory)/\(name)"
        }
        throw BenchError("\(name) is not on PATH (Debian: apt-get install \(name))")
    }
}
