import Foundation

/// Records what a tmux pane shows as an asciicast v2 file (`asciinema play FILE`).
///
/// Each frame is the pane as `capture-pane -p -e -N` gives it (the text with its SGR colours
/// and attributes) plus the cursor, taken while the walk runs: `TmuxSession` hands every screen
/// it polls in a wait, and the screen after each key, to `record`. The first frame clears the
/// screen and draws every row; later frames redraw only the rows that changed, each row on its
/// own (cursor to the row, attributes reset, row erased, then the row's text with the
/// attributes it starts with), so the file stays small and any row can be replayed alone.
/// The times are the real times of the walk, from when the recorder was made.
final class CastRecorder {
    /// How fast the walk goes while recording: zero in tests, a person's pace for the demo.
    struct Pace {
        /// Seconds between typed characters (each one is sent and recorded on its own when > 0).
        var typing: Double
        /// Seconds after each key.
        var key: Double
        /// Seconds a screen is held for the viewer to read (`TmuxSession.beat`).
        var beat: Double

        static let none = Pace(typing: 0, key: 0, beat: 0)
        static let person = Pace(typing: 0.07, key: 0.45, beat: 1.8)
    }

    let width: Int
    let height: Int
    let pace: Pace
    let title: String?
    private let clock = ContinuousClock()
    private let start: ContinuousClock.Instant
    private(set) var events: [(time: Double, text: String)] = []
    private var shownRows: [String]?
    private var shownCursor = ""

    init(width: Int, height: Int, pace: Pace = .none, title: String? = nil) {
        self.width = width
        self.height = height
        self.pace = pace
        self.title = title
        start = clock.now
    }

    /// One capture of the pane: its rows as `capture-pane -p -e -N` prints them, and the cursor.
    struct Frame {
        var rows: [String]
        var cursorX: Int
        var cursorY: Int
        var cursorVisible: Bool
    }

    /// Adds `frame` as an "o" event if anything on the screen changed since the last one.
    func record(_ frame: Frame) {
        var rows = Self.selfContained(frame.rows)
        rows += Array(repeating: "", count: max(0, height - rows.count))
        rows = Array(rows.prefix(height))
        var text = ""
        if shownRows == nil { text = "\u{1B}[0m\u{1B}[H\u{1B}[2J" }
        for (index, row) in rows.enumerated() where shownRows.map({ $0[index] != row }) ?? !row.isEmpty {
            text += "\u{1B}[\(index + 1);1H\u{1B}[0m\u{1B}[2K" + row
        }
        let cursor = "\u{1B}[\(frame.cursorY + 1);\(frame.cursorX + 1)H" + (frame.cursorVisible ? "\u{1B}[?25h" : "\u{1B}[?25l")
        shownRows = rows
        guard !text.isEmpty || cursor != shownCursor else { return }
        shownCursor = cursor
        let elapsed = clock.now - start
        var time = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        // Strictly increasing, whatever the clock's resolution.
        if let last = events.last, time <= last.time { time = last.time + 0.000_001 }
        events.append((time, text + "\u{1B}[0m" + cursor))
    }

    /// The rows of a `capture-pane -e` capture, each made to stand alone: tmux writes an
    /// attribute change only where it happens, so a row starts with whatever the rows before it
    /// left set. Each row gets the SGR sequences in effect at its start (those since the last
    /// one that resets, `ESC[0…m` or `ESC[m`) in front of it.
    static func selfContained(_ rows: [String]) -> [String] {
        var carried = ""
        return rows.map { row in
            let result = carried + row
            for sequence in sgrSequences(in: row) {
                let parameters = sequence.dropFirst(2).dropLast()
                if parameters.isEmpty || parameters == "0" {
                    carried = ""
                } else if parameters.split(separator: ";", omittingEmptySubsequences: false).first == "0" {
                    carried = sequence
                } else {
                    carried += sequence
                }
            }
            return result
        }
    }

    /// Every `ESC [ parameters m` in `text`, in order.
    static func sgrSequences(in text: String) -> [String] {
        var found: [String] = []
        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index < scalars.count {
            guard scalars[index] == "\u{1B}", index + 1 < scalars.count, scalars[index + 1] == "[" else { index += 1; continue }
            var end = index + 2
            while end < scalars.count, !(0x40...0x7E).contains(scalars[end].value) { end += 1 }
            guard end < scalars.count else { break }
            if scalars[end] == "m" {
                var sequence = String.UnicodeScalarView()
                sequence.append(contentsOf: scalars[index...end])
                found.append(String(sequence))
            }
            index = end + 1
        }
        return found
    }

    /// The asciicast v2 text: a header line, then one `[time, "o", text]` line per event.
    func cast(timestamp: Date = Date()) -> String {
        var header = "{\"version\": 2, \"width\": \(width), \"height\": \(height), \"timestamp\": \(Int(timestamp.timeIntervalSince1970)), "
        header += "\"idle_time_limit\": 3"
        if let title { header += ", \"title\": \(Self.json(title))" }
        header += ", \"env\": {\"TERM\": \"xterm-256color\", \"SHELL\": \"/bin/sh\"}}"
        return ([header] + events.map { "[\(String(format: "%.6f", $0.time)), \"o\", \(Self.json($0.text))]" })
            .joined(separator: "\n") + "\n"
    }

    func write(to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(cast().utf8).write(to: url, options: .atomic)
    }

    /// A JSON string literal: quotes, backslashes and control characters escaped, the rest as is.
    static func json(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                result += String(format: "\\u%04x", scalar.value)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}

/// An asciicast v2 file read back and checked: what `asciinema play` needs of it.
struct Cast {
    var width: Int
    var height: Int
    var events: [(time: Double, code: String, data: String)]

    struct Invalid: Error, CustomStringConvertible {
        var description: String
    }

    /// Parses `text`, throwing on the first thing that is not asciicast v2: a header object with
    /// `version` 2 and a positive `width` and `height` (and, when present, a numeric `timestamp`
    /// and a string `env.TERM`), then lines that are each a JSON array of a non-negative time
    /// (never less than the one before), an event code and a string.
    init(parsing text: String) throws {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        guard let first = lines.first,
              let header = try? JSONSerialization.jsonObject(with: Data(first.utf8)) as? [String: Any] else {
            throw Invalid(description: "the first line is not a JSON object")
        }
        guard (header["version"] as? NSNumber)?.intValue == 2 else { throw Invalid(description: "version is not 2: \(first)") }
        guard let width = (header["width"] as? NSNumber)?.intValue, let height = (header["height"] as? NSNumber)?.intValue,
              width > 0, height > 0 else { throw Invalid(description: "no positive width and height: \(first)") }
        if let timestamp = header["timestamp"], !(timestamp is NSNumber) { throw Invalid(description: "timestamp is not a number") }
        if let env = header["env"] {
            guard let env = env as? [String: Any], env["TERM"].map({ $0 is String }) ?? true else {
                throw Invalid(description: "env is not an object of strings: \(first)")
            }
        }
        self.width = width
        self.height = height
        events = []
        var previous = 0.0
        for (number, line) in lines.enumerated().dropFirst() {
            guard let array = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [Any], array.count == 3,
                  let time = (array[0] as? NSNumber)?.doubleValue, let code = array[1] as? String, let data = array[2] as? String else {
                throw Invalid(description: "line \(number + 1) is not [time, code, data]: \(line.prefix(200))")
            }
            guard time >= previous else { throw Invalid(description: "line \(number + 1): time \(time) comes before \(previous)") }
            guard ["o", "i", "m", "r"].contains(code) else { throw Invalid(description: "line \(number + 1): unknown event code \(code)") }
            previous = time
            events.append((time, code, data))
        }
        guard !events.isEmpty else { throw Invalid(description: "no events") }
    }

    /// Everything the "o" events write, in order: what a player sends to the terminal.
    var output: String { events.filter { $0.code == "o" }.map(\.data).joined() }

    /// The text the "o" events write, without escape sequences; each cursor move starts a new
    /// line, so a row's text reads as one line.
    var text: String {
        var result = ""
        let scalars = Array(output.unicodeScalars)
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "\u{1B}", index + 1 < scalars.count, scalars[index + 1] == "[" {
                var end = index + 2
                while end < scalars.count, !(0x40...0x7E).contains(scalars[end].value) { end += 1 }
                if end < scalars.count, scalars[end] == "H" { result += "\n" }
                index = end + 1
            } else {
                if scalar.value >= 0x20 || scalar == "\n" { result.unicodeScalars.append(scalar) }
                index += 1
            }
        }
        return result
    }

    /// How long the cast plays, in seconds.
    var duration: Double { events.last?.time ?? 0 }
}
