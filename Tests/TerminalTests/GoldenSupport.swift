import Foundation
import Testing
@testable import Terminal

/// Golden snapshots of widgets in Golden/ (see `GoldenFile`). A missing or different file
/// fails the test; `UPDATE_GOLDEN=1 swift test` rewrites them.
enum Golden {
    static let directory: URL = URL(fileURLWithPath: "\(#filePath)").deletingLastPathComponent().appendingPathComponent("Golden")

    static var updating: Bool { GoldenFile.updating }

    static func check(_ buffer: Buffer, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for problem in GoldenFile.check(buffer, named: name, in: directory) {
            Issue.record(Comment(rawValue: problem), sourceLocation: sourceLocation)
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
