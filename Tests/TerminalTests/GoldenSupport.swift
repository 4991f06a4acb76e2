import Foundation
import Testing
@testable import Terminal

/// Golden text snapshots in the ratatui style: a rendered Buffer is compared with
/// Golden/NAME.txt (one quoted line per row) and Golden/NAME.styles.txt (style runs).
/// A missing or different file fails the test; `UPDATE_GOLDEN=1 swift test` rewrites them.
enum Golden {
    static let directory: URL = URL(fileURLWithPath: "\(#filePath)").deletingLastPathComponent().appendingPathComponent("Golden")

    static var updating: Bool { ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" }

    static func text(of buffer: Buffer) -> String {
        buffer.lines.map { "\"\($0)\"" }.joined(separator: "\n") + "\n"
    }

    static func styles(of buffer: Buffer) -> String {
        buffer.styleRuns.joined(separator: "\n") + "\n"
    }

    static func check(_ buffer: Buffer, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        compare(text(of: buffer), file: "\(name).txt", sourceLocation: sourceLocation)
        compare(styles(of: buffer), file: "\(name).styles.txt", sourceLocation: sourceLocation)
    }

    private static func compare(_ actual: String, file: String, sourceLocation: SourceLocation) {
        let url = directory.appendingPathComponent(file)
        if updating {
            try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            do { try actual.write(to: url, atomically: true, encoding: .utf8) } catch {
                Issue.record("cannot write golden \(file): \(error)", sourceLocation: sourceLocation)
            }
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("missing golden file Golden/\(file); run with UPDATE_GOLDEN=1 to create it.\nActual:\n\(actual)",
                         sourceLocation: sourceLocation)
            return
        }
        if expected != actual {
            Issue.record("golden Golden/\(file) differs (UPDATE_GOLDEN=1 rewrites).\nExpected:\n\(expected)\nActual:\n\(actual)",
                         sourceLocation: sourceLocation)
        }
    }
}

@Suite("Golden support")
struct GoldenSupportTests {
    @Test func missingOrDifferentGoldenFails() {
        guard !Golden.updating else { return }  // would write the file instead
        var buffer = Buffer(width: 3, height: 1)
        buffer.write("abc", x: 0, y: 0, style: .plain)
        withKnownIssue("no such golden file") {
            Golden.check(buffer, named: "no-such-golden")
        }
        // An existing golden compared with different content fails too.
        var other = Buffer(width: 24, height: 6)
        other.write("changed", x: 0, y: 0, style: .plain)
        withKnownIssue("content differs") {
            Golden.check(other, named: "toast-24x6")
        }
    }
}
