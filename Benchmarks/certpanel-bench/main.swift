import Foundation
import PanelModel
import PanelStore

// Search latency per keystroke over a synthetic database (release build):
//
//   swift run -c release certpanel-bench [DB] [--orders N --customers M]
//
// Without an existing DB it writes one (1,000,000 orders / 100,000 customers by default).
// Each query is typed one character at a time, as the order list does, and every keystroke
// runs what the screen runs: the count plus the first page of 30 rows.

struct Options {
    var path = "/tmp/certpanel-bench.sqlite"
    var orders = 1_000_000
    var customers = 100_000

    init(_ arguments: [String]) {
        var iterator = arguments.makeIterator()
        while let argument = iterator.next() {
            switch argument {
            case "--orders": orders = Int(iterator.next() ?? "") ?? orders
            case "--customers": customers = Int(iterator.next() ?? "") ?? customers
            case "--slowest": break
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

func maxResidentMegabytes() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
}

let options = Options(Array(CommandLine.arguments.dropFirst()))
let clock = ContinuousClock()
let fresh = !FileManager.default.fileExists(atPath: options.path)
let database = try PanelDatabase(path: options.path)
if fresh {
    let elapsed = try clock.measure {
        _ = try SyntheticWorld(orders: options.orders, customers: options.customers).write(into: database)
    }
    print("seeded \(options.orders) orders / \(options.customers) customers in \(String(format: "%.1f", milliseconds(elapsed) / 1000)) s")
}
let counts = try database.counts()
print("database: \(options.path), \(counts["orders"] ?? 0) orders, \(counts["customers"] ?? 0) customers")

let firstReseller = try database.searchOrders(as: .operator, OrderQuery(sort: .id, limit: 1)).rows.first.map { row in
    try database.customer(row.customerID, as: .operator).resellerID
}
let firstCustomer = try database.searchOrders(as: .operator, OrderQuery(limit: 1)).rows.first?.customerID

let words = ["bakery", "kavi-studio", "bücher", "xn--caf", "user4711@", "1000500", "shop", "co.uk", "motors", "com"]
var principals: [(String, Principal)] = [("operator", .operator)]
if let firstReseller { principals.append(("reseller", .reseller(firstReseller))) }
if let firstCustomer { principals.append(("customer", .customer(firstCustomer))) }

print("principal  keystrokes   p50 ms   p99 ms   max ms")
for (name, principal) in principals {
    var samples: [Double] = []
    var slowest: [(Double, String)] = []
    for sort in OrderQuery.Sort.allCases {
        for word in words {
            var typed = ""
            for character in word {
                typed.append(character)
                let query = OrderQuery(text: typed, sort: sort, limit: 30)
                let elapsed = milliseconds(try clock.measure { _ = try database.searchOrders(as: principal, query) })
                samples.append(elapsed)
                slowest.append((elapsed, "\"\(typed)\" by \(sort)"))
            }
        }
    }
    samples.sort()
    print(String(format: "%-10@ %10d %8.2f %8.2f %8.2f", name as NSString, samples.count, percentile(samples, 0.5),
                 percentile(samples, 0.99), samples.last ?? 0))
    if CommandLine.arguments.contains("--slowest") {
        for (elapsed, what) in slowest.sorted(by: { $0.0 > $1.0 }).prefix(6) { print(String(format: "    %8.2f ms  %@", elapsed, what)) }
    }
}
print(String(format: "max resident memory: %.0f MiB", maxResidentMegabytes()))
