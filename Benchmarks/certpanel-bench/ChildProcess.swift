import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A child process's wall time and peak resident memory (from wait4, so per child).
struct ChildRun {
    var milliseconds: Double
    var maxResidentMiB: Double
    var status: Int32
    var output: String
}

/// Runs `executable` with `arguments`, stdin from `input` (a file) or /dev/null, stdout into a
/// temporary file that is returned, stderr discarded.
func runChild(_ executable: String, _ arguments: [String], input: String? = nil) throws -> ChildRun {
    let outputPath = FileManager.default.temporaryDirectory.appendingPathComponent("certpanel-bench-\(UUID().uuidString).out").path
    defer { try? FileManager.default.removeItem(atPath: outputPath) }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, input ?? "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    let argv = ([executable] + arguments).map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    let clock = ContinuousClock()
    let start = clock.now
    var pid: pid_t = 0
    let spawned = posix_spawn(&pid, executable, &actions, nil, argv, environ)
    guard spawned == 0 else { throw BenchError("cannot run \(executable): \(String(cString: strerror(spawned)))") }
    var status: Int32 = 0
    var usage = rusage()
    while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
    let elapsed = clock.now - start
    let output = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
    // Exit status as the shell reports it (WEXITSTATUS; 128 + signal when killed).
    let code = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    return ChildRun(milliseconds: milliseconds(elapsed), maxResidentMiB: Double(usage.ru_maxrss) / 1024, status: code, output: output)
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
