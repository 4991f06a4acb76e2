import Foundation
import PanelModel
import PanelStore

/// The parts of the benchmark's report besides the keystrokes.
enum Report {
    static func machine(_ database: PanelDatabase, options: Options) throws {
        #if DEBUG
        let mode = "debug (figures are not meaningful: use -c release)"
        #else
        let mode = "release"
        #endif
        let memory = ((try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8)) ?? "").split(separator: "\n")
            .first { $0.hasPrefix("MemTotal:") }.map { String($0.dropFirst("MemTotal:".count)).trimmingCharacters(in: .whitespaces) } ?? "?"
        let size = ((try? FileManager.default.attributesOfItem(atPath: options.path)[.size] as? Int) ?? 0) / (1 << 20)
        let counts = try database.counts()
        print("machine: \(ProcessInfo.processInfo.activeProcessorCount) cores, \(memory) memory; build: \(mode)")
        let store = PanelDatabase.isPostgresURL(options.path) ? "PostgreSQL" : "\(size) MiB"
        print("database: \(options.path) (\(store)), \(counts["orders"] ?? 0) orders, \(counts["customers"] ?? 0) customers")
    }

    static func wholeProcess(_ database: PanelDatabase, options: Options) throws {
        print("\nwhole process, median of \(WholeProcess.runs)        panel ms  peak MiB | sqlite3 ms  peak MiB | ratio")
        let figures = try WholeProcess.measure(database, options: options)
        func line(_ label: String, _ panel: Double, _ panelMiB: Double, _ floor: Double, _ floorMiB: Double) {
            print(pad(label, 38, left: true) + pad(figure(panel), 9) + pad(String(format: "%.0f", panelMiB), 10) + " |"
                  + pad(figure(floor), 11) + pad(String(format: "%.0f", floorMiB), 10) + " |" + pad(String(format: "%.1f×", panel / max(floor, 0.001)), 7))
        }
        for figure in figures {
            line("--as operator orders search \(figure.query)", figure.panel.milliseconds, figure.panel.maxResidentMiB,
                 figure.floor.milliseconds, figure.floor.maxResidentMiB)
        }
        line("the \(figures.count) together", figures.map(\.panel.milliseconds).reduce(0, +), figures.map(\.panel.maxResidentMiB).max() ?? 0,
             figures.map(\.floor.milliseconds).reduce(0, +), figures.map(\.floor.maxResidentMiB).max() ?? 0)
    }

    /// The renewal job and the moves, on a copy of the database (both write).
    static func onACopy(_ database: PanelDatabase, options: Options) throws {
        try database.checkpoint()
        let copy = options.path + ".copy.sqlite"
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: copy + suffix) }
        try FileManager.default.copyItem(atPath: options.path, toPath: copy)
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: copy + suffix) } }
        if options.jobs {
            print("\ncertpanel jobs run --now 2026-01-01 (the synthetic epoch), on a copy")
            for run in ["first", "second"] {
                let result = try runChild(options.certpanel, ["--db", copy, "jobs", "run", "--now", "2026-01-01"])
                let lines = result.output.split(separator: "\n").count
                print("  \(run) run: \(String(format: "%.2f", result.milliseconds / 1000)) s, peak \(String(format: "%.0f", result.maxResidentMiB)) MiB, exit \(result.status), \(lines) lines of outcomes")
            }
        }
        if options.moves {
            let writers = 8, moves = 50
            let result = try Moves.measure(path: copy, writers: writers, movesPerWriter: moves)
            let sorted = result.milliseconds.sorted()
            print("\nmove services, \(writers) writer threads in one process, \(moves) moves each, on a copy")
            print("  commits: \(sorted.count), p50 \(figure(percentile(sorted, 0.5))) ms, p99 \(figure(percentile(sorted, 0.99))) ms, max \(figure(sorted.last ?? 0)) ms; busy errors: \(result.busy), other errors: \(result.otherErrors.count)")
            result.otherErrors.prefix(3).forEach { print("    \($0)") }
        }
    }
}
