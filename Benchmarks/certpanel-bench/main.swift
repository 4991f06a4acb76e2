import Foundation
import PanelModel
import PanelStore

// The panel's figures beside SQLite's own, in one run (release build):
//
//   swift build -c release --static-swift-stdlib && .build/release/certpanel-bench [DB] [--orders N --customers M]
//       [--slowest] [--moves] [--jobs]
//
// Without an existing DB it writes one (1,000,000 orders / 100,000 customers by default).
// - Per keystroke: each principal's session runs in its own process, opening the list and typing
//   ten queries one character at a time in each sort (the count plus the first page of 30), and
//   its statements are replayed through SQLite's C API alone: the floor.
// - Whole process: `certpanel --as operator orders search Q --limit 30` beside `sqlite3` running
//   the same SQL, wall time and peak memory (median of 5).
// - --moves: Move Services commits from 8 writer threads in one process, and busy errors.
// - --jobs: `certpanel jobs run` twice (renewals over every certificate), time and memory.
// --moves and --jobs work on a copy of DB, which is left as it was.

struct Options {
    var path = "/tmp/certpanel-bench.sqlite"
    var orders = 1_000_000
    var customers = 100_000
    var slowest = false
    var moves = false
    var jobs = false
    /// This program, for its child sessions, and the certpanel built beside it.
    var executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
    var certpanel: String { URL(fileURLWithPath: executable).deletingLastPathComponent().appendingPathComponent("certpanel").path }

    init(_ arguments: [String]) {
        var iterator = arguments.makeIterator()
        while let argument = iterator.next() {
            switch argument {
            case "--orders": orders = Int(iterator.next() ?? "") ?? orders
            case "--customers": customers = Int(iterator.next() ?? "") ?? customers
            case "--slowest": slowest = true
            case "--moves": moves = true
            case "--jobs": jobs = true
            default: path = argument
            }
        }
    }
}

func milliseconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
}

func percentile(_ sorted: [Double], _ p: Double) -> Double {
    guard !sorted.isEmpty else { return 0 }
    return sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * p).rounded()))]
}

func figure(_ value: Double) -> String { String(format: value < 10 ? "%.2f" : "%.1f", value) }

func pad(_ text: String, _ width: Int, left: Bool = false) -> String {
    let padding = String(repeating: " ", count: max(0, width - text.count))
    return left ? text + padding : padding + text
}

let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.first == "--keystrokes", arguments.count == 3 {
    try Keystrokes.type(as: try Principal(parsing: arguments[1]), path: arguments[2])
    exit(0)
}

let options = Options(arguments)
let fresh = !PanelDatabase.isPostgresURL(options.path) && !FileManager.default.fileExists(atPath: options.path)
let database = try PanelDatabase(path: options.path)
if fresh {
    let elapsed = try ContinuousClock().measure {
        _ = try SyntheticWorld(orders: options.orders, customers: options.customers).write(into: database)
    }
    print("seeded \(options.orders) orders / \(options.customers) customers in \(String(format: "%.1f", milliseconds(elapsed) / 1000)) s")
}
try Report.machine(database, options: options)

let firstOrder = try database.searchOrders(as: .operator, OrderQuery(sort: .id, limit: 1)).rows.first
let principals: [(String, Principal)] = [("operator", .operator)]
    + (try firstOrder.map { [("reseller", .reseller(try database.customer($0.customerID, as: .operator).resellerID))] } ?? [])
    + (firstOrder.map { [("customer", .customer($0.customerID))] } ?? [])

print("\nper keystroke, ms           keystrokes | panel p50    p99    max | floor p50    p99    max | session peak MiB")
var firstFrames: [String] = []
for (name, principal) in principals {
    let (session, keystrokes) = try Keystrokes.measure(name, principal, options: options)
    let typed = keystrokes.filter { $0.0.what != "first frame" }
    let panel = typed.map(\.0.milliseconds).sorted(), floor = typed.map(\.floor).sorted()
    let columns = [panel, floor].map { values in
        [percentile(values, 0.5), percentile(values, 0.99), values.last ?? 0].map { pad(figure($0), 7) }.joined()
    }
    print(pad("\(name) (\(principal))", 26, left: true) + pad("\(typed.count)", 10) + " |" + columns.joined(separator: "   |")
          + "   | " + String(format: "%.0f", session.maxResidentMiB))
    if let first = keystrokes.first(where: { $0.0.what == "first frame" }) {
        firstFrames.append("  \(name): \(figure(first.0.milliseconds)) ms (floor \(figure(first.floor)) ms)")
    }
    if options.slowest {
        for (keystroke, floor) in typed.sorted(by: { $0.0.milliseconds > $1.0.milliseconds }).prefix(6) {
            print("    \(figure(keystroke.milliseconds)) ms (floor \(figure(floor)) ms)  \(keystroke.what)")
        }
    }
}
print("first frame (the unfiltered list: its count and first page):")
firstFrames.forEach { print($0) }

if PanelDatabase.isPostgresURL(options.path) {
    // The whole-process comparison runs sqlite3 beside the panel: SQLite files only.
    exit(0)
}
try Report.wholeProcess(database, options: options)
if options.moves || options.jobs {
    try Report.onACopy(database, options: options)
}
