import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A child process's wall time and peak resident memory.
struct ChildRun {
    var milliseconds: Double
    var maxResidentMiB: Double
    var status: Int32
    var output: String
}

/// Runs `executable` with `arguments` under GNU time (for its peak memory: a child spawned
/// straight from this process would report this process's, which Linux carries across exec),
/// stdin from `input` (a file) or /dev/null, stdout into a temporary file that is returned,
/// stderr discarded. The wall time is this process's, around it all.
func runChild(_ executable: String, _ arguments: [String], input: String? = nil) throws -> ChildRun {
    let outputPath = FileManager.default.temporaryDirectory.appendingPathComponent("certpanel-bench-\(UUID().uuidString).out").path
    let memoryPath = outputPath + ".rss"
    defer { for path in [outputPath, memoryPath] { try? FileManager.default.removeItem(atPath: path) } }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, input ?? "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    let time = "/usr/bin/time"
    guard FileManager.default.isExecutableFile(atPath: time) else { throw BenchError("\(time) is missing (Debian: apt-get install time)") }
    let argv = ([time, "-f", "%M", "-o", memoryPath, executable] + arguments).map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    let clock = ContinuousClock()
    let start = clock.now
    var pid: pid_t = 0
    let spawned = posix_spawn(&pid, time, &actions, nil, argv, environ)
    guard spawned == 0 else { throw BenchError("cannot run \(executable): \(String(cString: strerror(spawned)))") }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    let elapsed = clock.now - start
    let output = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
    // Exit status as the shell reports it (WEXITSTATUS; 128 + signal when killed).
    let code = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    // GNU time writes "Command exited with non-zero status N" first when it did.
    let kibibytes = ((try? String(contentsOfFile: memoryPath, encoding: .utf8)) ?? "").split(separator: "\n").last.flatMap { Double($0) } ?? 0
    return ChildRun(milliseconds: milliseconds(elapsed), maxResidentMiB: kibibytes / 1024, status: code, output: output)
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
