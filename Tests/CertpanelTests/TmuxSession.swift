import Foundation
import Testing

/// A private tmux server (its own `-L` socket, no config file) with one window running a
/// plain shell, for driving the real `certpanel` binary like a person at a terminal.
/// Every wait polls the screen until a condition holds or a deadline passes; on timeout the
/// error carries the last screen. `kill()` (also run by `deinit`) stops the server.
final class TmuxSession {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The shell prompt, distinctive enough to wait for.
    static let prompt = "e2e$ "

    let socket: String
    let executable: String
    let target = "e2e:0.0"
    private var socketPath: String?
    private var killed = false
    /// When set, the screens of the walk go into an asciicast: each one a wait polls, and the
    /// one after each key (see `CastRecorder`). With a pace, keys and characters go one at a time.
    var recorder: CastRecorder?

    /// Starts the server with a `width`x`height` window running `/bin/sh` in `directory`.
    init(width: Int = 100, height: Int = 30, directory: URL) throws {
        guard let tmux = Self.findTmux() else {
            throw Failure(description: "tmux is not installed, and the end-to-end tests need it: run scripts/install-deps (apt-get install tmux)")
        }
        executable = tmux
        socket = "certpanel-e2e-\(getpid())-\(UUID().uuidString.prefix(8))"
        try check(["-f", "/dev/null", "new-session", "-d", "-s", "e2e", "-x", "\(width)", "-y", "\(height)",
                   "-c", directory.path, "env PS1='\(Self.prompt)' ENV= /bin/sh"])
        // Large enough for any screen; no status line, so the pane is the whole window.
        try check(["set-option", "-t", "e2e", "status", "off"])
        try check(["set-option", "-g", "history-limit", "2000"])
        socketPath = try check(["display-message", "-p", "#{socket_path}"]).trimmingCharacters(in: .newlines)
        try waitForPrompt()
    }

    deinit { kill() }

    /// Stops the tmux server (and with it the shell and anything running in it) and removes
    /// its socket file, which tmux leaves behind.
    func kill() {
        guard !killed else { return }
        killed = true
        _ = try? run(["kill-server"])
        if let socketPath { unlink(socketPath) }
    }

    static func findTmux() -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return (path.split(separator: ":").map(String.init) + ["/usr/bin", "/usr/local/bin"])
            .map { $0 + "/tmux" }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    // MARK: - Commands

    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `tmux -L socket ARGS` and returns what it printed.
    ///
    /// Spawned by hand rather than with `Process`: the first command forks the tmux server, which
    /// keeps the signal mask it inherits. From the test process that mask blocks SIGCHLD, SIGTERM
    /// and more: the server then never notices its shell exit and ignores `kill-server`, and
    /// `Process.waitUntilExit` never returned for the client. So: an empty signal mask, default
    /// signal actions, `waitpid`, and output through files.
    @discardableResult
    func run(_ arguments: [String]) throws -> Output {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("tmux-\(UUID().uuidString)")
        let child = try ChildProcess([executable, "-L", socket] + arguments, outputBase: base)
        let status = try child.waitUntilExit()
        return Output(status: status, stdout: child.stdout, stderr: child.stderr)
    }

    /// Like `run`, but a failing tmux command is an error.
    @discardableResult
    private func check(_ arguments: [String]) throws -> String {
        let result = try run(arguments)
        guard result.status == 0 else {
            throw Failure(description: "tmux \(arguments.joined(separator: " ")) failed (\(result.status)): \(result.stderr)")
        }
        return result.stdout
    }

    /// Types text literally (no key-name lookup).
    func type(_ text: String) throws {
        guard let recorder, recorder.pace.typing > 0 else {
            try check(["send-keys", "-t", target, "-l", text])
            return try recordFrame()
        }
        for character in text {
            try check(["send-keys", "-t", target, "-l", String(character)])
            try recordFrame(after: recorder.pace.typing)
        }
    }

    /// Sends tmux key names: "Enter", "Tab", "Escape", "Down", "C-u", "q"…
    func press(_ keys: String...) throws {
        guard let recorder, recorder.pace.key > 0 else {
            try check(["send-keys", "-t", target] + keys)
            return try recordFrame()
        }
        for key in keys {
            try check(["send-keys", "-t", target, key])
            try recordFrame(after: min(0.1, recorder.pace.key))    // the key's effect, at about when it shows
            try recordFrame(after: max(0, recorder.pace.key - 0.1))
        }
    }

    /// Holds the screen for a viewer of the recording (`CastRecorder.Pace.beat`); without a
    /// recorder, or at no pace, nothing.
    func beat(_ beats: Double = 1) throws {
        guard let recorder, recorder.pace.beat > 0 else { return }
        try recordFrame(after: recorder.pace.beat * beats)
    }

    /// Gives the current screen to the recorder, if there is one, after waiting `seconds`.
    func recordFrame(after seconds: Double = 0) throws {
        guard let recorder else { return }
        if seconds > 0 { Thread.sleep(forTimeInterval: seconds) }
        recorder.record(try frame())
    }

    /// The screen with its colours and attributes (`capture-pane -e -N`) and the cursor.
    func frame() throws -> CastRecorder.Frame {
        var rows = try check(["capture-pane", "-p", "-e", "-N", "-t", target]).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if rows.last == "" { rows.removeLast() }
        let cursor = try format("#{cursor_x} #{cursor_y} #{cursor_flag}").split(separator: " ").compactMap { Int($0) }
        guard cursor.count == 3 else { throw Failure(description: "tmux gave no cursor position") }
        return CastRecorder.Frame(rows: rows, cursorX: cursor[0], cursorY: cursor[1], cursorVisible: cursor[2] == 1)
    }

    /// Types a shell command line and presses Enter.
    func shell(_ commandLine: String) throws {
        try type(commandLine)
        try press("Enter")
    }

    /// Pastes `text` as the user's terminal would: with bracketed paste if the application
    /// asked for it (`paste-buffer -p`), line feeds sent as CR like a real terminal.
    func paste(_ text: String, scratch: URL) throws {
        let file = scratch.appendingPathComponent("paste-\(UUID().uuidString).txt")
        try Data(text.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        try check(["load-buffer", "-b", "e2e-paste", file.path])
        try check(["paste-buffer", "-p", "-d", "-b", "e2e-paste", "-t", target])
        try recordFrame(after: min(0.1, recorder?.pace.key ?? 0))
    }

    func resize(width: Int, height: Int) throws {
        try check(["resize-window", "-t", "e2e:0", "-x", "\(width)", "-y", "\(height)"])
    }

    /// A tmux format evaluated for the pane, e.g. "#{alternate_on}".
    func format(_ format: String) throws -> String {
        try check(["display-message", "-p", "-t", target, format]).trimmingCharacters(in: .newlines)
    }

    /// The visible screen, one string per row (trailing spaces trimmed by tmux).
    func screen() throws -> String {
        try check(["capture-pane", "-p", "-t", target])
    }

    // MARK: - Waiting

    /// Polls the screen every 50 ms until `condition` holds; returns that screen. Throws with
    /// the last screen after `timeout`.
    @discardableResult
    func wait(_ what: String, timeout: Duration = .seconds(20), until condition: (String) throws -> Bool) throws -> String {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        var last = ""
        while true {
            last = try screen()
            try recordFrame()
            if try condition(last) { return last }
            guard clock.now < deadline else {
                throw Failure(description: "timed out after \(timeout) waiting for \(what); the screen was:\n\(Self.framed(last))")
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
    }

    /// Waits until every one of `texts` is on the screen (also when wrapped across box lines:
    /// see `flow`).
    @discardableResult
    func waitFor(_ texts: String..., timeout: Duration = .seconds(20)) throws -> String {
        try wait(texts.map { "\"\($0)\"" }.joined(separator: " and "), timeout: timeout) { screen in
            texts.allSatisfy { screen.contains($0) || Self.flow(screen).contains($0) }
        }
    }

    /// Waits until `text` is no longer on the screen.
    @discardableResult
    func waitForAbsence(of text: String, timeout: Duration = .seconds(20)) throws -> String {
        try wait("\"\(text)\" to go away", timeout: timeout) { !$0.contains(text) }
    }

    /// Polls a tmux format (`#{pane_current_command}`, `#{alternate_on}`…) until it has `value`.
    @discardableResult
    func waitForFormat(_ format: String, toBe value: String, timeout: Duration = .seconds(20)) throws -> String {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while true {
            let current = try self.format(format)
            if current == value { return current }
            guard clock.now < deadline else {
                throw Failure(description: "timed out after \(timeout) waiting for \(format) to be \(value) (it is \(current)); the screen was:\n\(Self.framed(try screen()))")
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
    }

    func waitForPrompt(timeout: Duration = .seconds(20)) throws {
        try wait("the shell prompt", timeout: timeout) { screen in
            screen.split(separator: "\n", omittingEmptySubsequences: false).contains { $0.hasPrefix(Self.prompt.trimmingCharacters(in: .whitespaces)) }
        }
    }

    /// The screen as running text: box-drawing borders removed and whitespace collapsed, so
    /// a message wrapped inside a box reads as one sentence.
    static func flow(_ screen: String) -> String {
        let withoutBorders = screen.unicodeScalars.map { (0x2500...0x257F).contains($0.value) ? " " : String($0) }.joined()
        return withoutBorders.split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ")
    }

    static func framed(_ screen: String) -> String {
        screen.split(separator: "\n", omittingEmptySubsequences: false).map { "|\($0)" }.joined(separator: "\n")
    }
}
