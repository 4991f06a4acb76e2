import Foundation

/// PostgreSQL alone, without the panel: `psql` running the statements the panel ran, each
/// keystroke's in turn on one connection, timed by psql's own `\timing` (the round trip of
/// each statement: parse, plan, execute and every row received).
enum PostgresFloor {
    /// Milliseconds per keystroke, in order.
    static func run(_ keystrokes: [[String]], url: String) throws -> [Double] {
        var script = "\\set ON_ERROR_STOP on\n\\timing on\n\\o /dev/null\n"
        for statements in keystrokes {
            for sql in statements { script += sql.replacingOccurrences(of: "\n", with: " ") + ";\n" }
            script += "\\echo @@keystroke\n"
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("certpanel-floor-\(UUID().uuidString).sql")
        try script.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try runChild("/usr/bin/psql", ["-X", "-q", "-d", url, "-f", file.path])
        guard result.status == 0 else { throw BenchError("psql exited with \(result.status)") }
        var figures: [Double] = []
        var current = 0.0
        for line in result.output.split(separator: "\n") {
            if line == "@@keystroke" {
                figures.append(current)
                current = 0
            } else if line.hasPrefix("Time: "), let value = Double(line.dropFirst(6).split(separator: " ").first ?? "") {
                current += value
            }
        }
        guard figures.count == keystrokes.count else {
            throw BenchError("psql timed \(figures.count) keystrokes of \(keystrokes.count)")
        }
        return figures
    }
}
