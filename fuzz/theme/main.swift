// Fuzzes the theme loader: TOML text (TOMLKit) into a `Theme`, and the error it reports
// (syntax position, the key's line found by `KeyLocator`). Checked: nothing traps, and a
// reported line is a line of the text.
import FuzzDriver
import Foundation
@testable import Terminal

enum Harness {
    static func run(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        let lineCount = text.split(separator: "\n", omittingEmptySubsequences: false).count
        do {
            let theme = try ThemeLoader.parse(text, source: "fuzz.toml")
            for depth in ColorDepth.allCases { _ = theme.adapted(to: depth) }
        } catch {
            _ = error.description
            if case .invalidValue(_, let key, let line?, _) = error, !(1...lineCount).contains(line) {
                fatalError("the key \(key.debugDescription) was located on line \(line) of \(lineCount)")
            }
        }
    }
}

FuzzDriver.run(Harness.run)
