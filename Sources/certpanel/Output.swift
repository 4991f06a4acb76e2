import Foundation
import PanelModel
import Terminal

/// Writing results: text for people (every value from the database sanitised, columns
/// aligned by display width) or JSON for scripts.
enum Output {
    static func error(_ message: String) {
        FileHandle.standardError.write(Data(("error: " + Sanitizer.clean(message) + "\n").utf8))
    }

    /// A refusal in the web panel's words: "Attention: …" on standard error.
    static func attention(_ message: String) {
        FileHandle.standardError.write(Data(("Attention: " + Sanitizer.clean(message) + "\n").utf8))
    }

    static func line(_ text: String = "") {
        print(Sanitizer.clean(text))
    }

    static func json<T: Encodable>(_ value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        print(String(decoding: try encoder.encode(value), as: UTF8.self))
    }

    /// A table with a header row; cells are sanitised and padded to the widest cell.
    static func table(_ header: [String], _ rows: [[String]]) {
        let clean = ([header] + rows).map { $0.map(Sanitizer.clean) }
        var widths = [Int](repeating: 0, count: header.count)
        for row in clean {
            for (column, cell) in row.enumerated() { widths[column] = max(widths[column], displayWidth(cell)) }
        }
        for row in clean {
            let padded = row.enumerated().map { column, cell in
                column == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[column] - displayWidth(cell))
            }
            print(padded.joined(separator: "  "))
        }
    }

    static func date(_ date: Date?) -> String {
        guard let date else { return "-" }
        return DayText.utc(date)
    }

    static func count(_ number: Int) -> String {
        GroupedNumber.text(number)
    }
}
