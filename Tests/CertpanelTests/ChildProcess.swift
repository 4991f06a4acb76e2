import Foundation
import Testing

/// A child process for the end-to-end tests (tmux, sshd, ssh): posix_spawn with an empty
/// signal mask and default signal actions (the test process blocks SIGCHLD, SIGTERM and more,
/// and a child would inherit that: sshd would then ignore SIGTERM and never reap its
/// children), standard input from /dev/null, output into files.
final class ChildProcess {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    let pid: pid_t
    let arguments: [String]
    let stdoutPath: String
    let stderrPath: String
    private(set) var exitStatus: Int32?

    init(_ arguments: [String], outputBase: URL) throws {
        self.arguments = arguments
        stdoutPath = outputBase.path + ".out"
        stderrPath = outputBase.path + ".err"
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdoutPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, stderrPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t(), allSignals = sigset_t()
        sigemptyset(&noSignals)
        sigfillset(&allSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, arguments[0], &actions, &attributes, argv, environ)
        guard spawned == 0 else {
            throw Failure(description: "cannot start \(arguments[0]): \(String(cString: strerror(spawned)))")
        }
        self.pid = pid
    }

    deinit {
        terminate()
        unlink(stdoutPath)
        unlink(stderrPath)
    }

    var stdout: String { (try? String(contentsOfFile: stdoutPath, encoding: .utf8)) ?? "" }
    var stderr: String { (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "" }

    /// Reaps the child if it has exited; true once it has.
    @discardableResult
    func poll() -> Bool {
        if exitStatus != nil { return true }
        var status: Int32 = 0
        let result = waitpid(pid, &status, WNOHANG)
        guard result == pid else { return false }
        exitStatus = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return true
    }

    /// Blocks until the child exits (for short commands such as a tmux client).
    func waitUntilExit() throws -> Int32 {
        if let exitStatus { return exitStatus }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 {
            guard errno == EINTR else { throw Failure(description: "waitpid: \(String(cString: strerror(errno)))") }
        }
        // WIFEXITED / WEXITSTATUS (macros Swift does not import).
        let code: Int32 = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        exitStatus = code
        return code
    }

    /// Waits for the exit (polling), or throws with the output so far after `timeout`.
    @discardableResult
    func wait(timeout: Duration = .seconds(30)) throws -> Int32 {
        let deadline = ContinuousClock.now + timeout
        while !poll() {
            guard ContinuousClock.now < deadline else {
                throw Failure(description: "\(arguments.joined(separator: " ")) did not exit within \(timeout); stderr: \(stderr)")
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return exitStatus!
    }

    /// SIGTERM, then SIGKILL if it is still there after five seconds; reaps it.
    func terminate() {
        guard !poll() else { return }
        kill(pid, SIGTERM)
        if (try? wait(timeout: .seconds(5))) == nil {
            kill(pid, SIGKILL)
            _ = try? wait(timeout: .seconds(5))
        }
    }

    /// Runs to completion and returns (status, stdout, stderr).
    static func run(_ arguments: [String], scratch: URL, timeout: Duration = .seconds(30)) throws -> (status: Int32, stdout: String, stderr: String) {
        let child = try ChildProcess(arguments, outputBase: scratch.appendingPathComponent("run-\(UUID().uuidString)"))
        let status = try child.wait(timeout: timeout)
        return (status, child.stdout, child.stderr)
    }
}

