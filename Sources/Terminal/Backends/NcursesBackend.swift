import CNcursesw

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Options for the real terminal.
public struct NcursesOptions: Sendable {
    /// Terminal type; nil: `$TERM`. Untrusted (it comes from the SSH client): validated, and
    /// replaced by the first working entry of `fallbackTerms` when unusable.
    public var term: String?
    public var fallbackTerms: [String]
    /// Report mouse clicks and wheel (SGR 1006). Off: the terminal keeps its own selection.
    public var mouse: Bool
    public var bracketedPaste: Bool
    /// How long a lone ESC waits for the rest of a sequence before it counts as Escape.
    public var escapeDelay: Duration
    /// A paste whose end marker never arrives is delivered after this much silence.
    public var pasteTimeout: Duration
    /// Environment used for TERM and NO_COLOR; nil: the process environment.
    public var environment: [String: String]?

    public init(term: String? = nil, fallbackTerms: [String] = ["xterm-256color", "xterm", "vt100", "dumb"],
                mouse: Bool = true, bracketedPaste: Bool = true, escapeDelay: Duration = .milliseconds(30),
                pasteTimeout: Duration = .seconds(2), environment: [String: String]? = nil) {
        self.term = term
        self.fallbackTerms = fallbackTerms
        self.mouse = mouse
        self.bracketedPaste = bracketedPaste
        self.escapeDelay = escapeDelay
        self.pasteTimeout = pasteTimeout
        self.environment = environment
    }
}

public enum TerminalError: Error, CustomStringConvertible, Equatable {
    case notATerminal
    case noUsableTerminalType(tried: [String])
    case alreadyRunning
    case pipeFailed

    public var description: String {
        switch self {
        case .notATerminal: return "standard input and output must be a terminal"
        case .noUsableTerminalType(let tried): return "no usable terminal type (tried \(tried.joined(separator: ", ")))"
        case .alreadyRunning: return "a terminal session is already running"
        case .pipeFailed: return "cannot create the signal pipe"
        }
    }
}

/// The real terminal through libncursesw: alternate screen, colours (256/8/none), attributes,
/// wide characters, raw byte input parsed by `InputParser` (bracketed paste, SGR mouse),
/// resize, and a restore of the terminal on every way out (see `run`).
///
/// Use only through `NcursesBackend.run`, one session per process.
public final class NcursesBackend: Backend {
    public private(set) var size: Size
    public let colorDepth: ColorDepth
    /// The terminal type chosen (after validation/fallback).
    public let termName: String
    public private(set) var endReason: App.ExitReason?

    private let options: NcursesOptions
    private var parser = InputParser()
    private var pairs: [PairKey: Int32] = [:]
    private var nextPair: Int32 = 1
    private let maxPairs: Int32
    private var signalPipe: (read: Int32, write: Int32)
    private let wakePipe: WakePipe
    private var lastByte = ContinuousClock.now
    private var lastDrawnSize: Size?
    private var isActive = false
    private let usesEscapeModes: Bool

    private struct PairKey: Hashable { let fg: Int32; let bg: Int32 }

    /// Escape sequences that undo our modes: bracketed paste, mouse reporting, hidden cursor,
    /// alternate screen. Also written by the crash/second-signal emergency path.
    static let restoreSequence = "\u{1B}[?2004l\u{1B}[?1006l\u{1B}[?1000l\u{1B}[0m\u{1B}[?25h\u{1B}[?1049l"

    nonisolated(unsafe) private static var running = false  // guarded by being single-threaded: see run()

    /// Sets up the terminal, runs `body`, and restores the terminal however `body` ends:
    /// normal return, thrown error, or a termination signal (SIGTERM, SIGHUP, SIGINT, SIGQUIT
    /// end the poll, the App returns, and this function restores). A crash or a second
    /// termination signal while stuck restores from the signal handler.
    public static func run<T>(options: NcursesOptions = NcursesOptions(), _ body: (NcursesBackend) throws -> T) throws -> T {
        guard !running else { throw TerminalError.alreadyRunning }
        running = true
        defer { running = false }
        let backend = try NcursesBackend(options: options)
        defer { backend.restore() }
        return try body(backend)
    }

    /// Picks the terminal type: the requested one if it is a sane name with a terminfo entry,
    /// else the first fallback that works.
    static func chooseTerm(requested: String?, fallbacks: [String], isValid: (String) -> Bool) -> String? {
        var candidates: [String] = []
        if let r = requested, isSaneTermName(r) { candidates.append(r) }
        candidates += fallbacks
        return candidates.first(where: isValid)
    }

    /// Terminal names are short and made of [A-Za-z0-9.+_-]; anything else is refused before
    /// it reaches terminfo lookups (which build file paths from it).
    static func isSaneTermName(_ name: String) -> Bool {
        guard !name.isEmpty, name.utf8.count <= 64, !name.hasPrefix("."), !name.hasPrefix("-") else { return false }
        return name.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || ".+_-".unicodeScalars.contains($0)
        }
    }

    private init(options: NcursesOptions) throws {
        self.options = options
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw TerminalError.notATerminal }
        let env = options.environment ?? NcursesBackend.processEnvironment()
        _ = cnc_setlocale()

        let requested = options.term ?? env["TERM"]
        guard let term = NcursesBackend.chooseTerm(requested: requested, fallbacks: options.fallbackTerms,
                                                   isValid: { cnc_term_is_valid($0) == 1 }) else {
            throw TerminalError.noUsableTerminalType(tried: [requested ?? "(unset)"] + options.fallbackTerms)
        }
        signalPipe = try WakePipe.makeNonBlockingPipe()
        wakePipe = try WakePipe()
        // TERM=dumb has no cursor addressing, so a full-screen UI cannot draw at all. Honour
        // what it means (no colour, no mode escapes) but address the screen as a vt100, which
        // every emulator that sets TERM=dumb understands.
        let renderTerm = term == "dumb" && cnc_term_is_valid("vt100") == 1 ? "vt100" : term
        // Handlers first: ncurses then leaves SIGINT/SIGTERM/SIGWINCH to us.
        cnc_install_signal_handlers(signalPipe.write, term == "dumb" ? "" : NcursesBackend.restoreSequence)
        guard cnc_start(renderTerm) == 0 else {
            cnc_restore_signal_handlers()
            close(signalPipe.read); close(signalPipe.write); wakePipe.close()
            throw TerminalError.noUsableTerminalType(tried: [term])
        }
        termName = term
        usesEscapeModes = term != "dumb"
        var depthEnv = env
        depthEnv["TERM"] = term
        let wantColor = ColorDepth.detect(terminalColors: 256, environment: depthEnv) != .none
        cnc_setup_modes(wantColor ? 1 : 0)
        colorDepth = wantColor && cnc_has_colors() == 1
            ? ColorDepth.detect(terminalColors: Int(cnc_colors()), environment: depthEnv) : .none
        maxPairs = min(cnc_color_pairs() - 1, 32_767)
        size = Size(width: Int(cnc_cols()), height: Int(cnc_lines()))
        isActive = true
        var modes = ""
        if usesEscapeModes && options.bracketedPaste { modes += "\u{1B}[?2004h" }
        if usesEscapeModes && options.mouse { modes += "\u{1B}[?1000h\u{1B}[?1006h" }
        if !modes.isEmpty { cnc_write_raw(modes) }
    }

    /// Leaves the terminal as it was: modes off, cursor visible, main screen, cooked mode.
    /// Idempotent.
    func restore() {
        guard isActive else { return }
        isActive = false
        if usesEscapeModes { cnc_write_raw("\u{1B}[?2004l\u{1B}[?1006l\u{1B}[?1000l") }
        cnc_stop()                                   // curs_set(1), endwin (rmcup), delscreen
        if usesEscapeModes { cnc_write_raw("\u{1B}[?25h") }
        cnc_restore_signal_handlers()
        close(signalPipe.read)
        close(signalPipe.write)
        wakePipe.close()
    }

    public var waker: (@Sendable () -> Void)? {
        let pipe = wakePipe
        return { pipe.wake() }
    }

    static func processEnvironment() -> [String: String] {
        var env: [String: String] = [:]
        for key in ["TERM", "NO_COLOR", "COLORTERM"] {
            if let v = getenv(key) { env[key] = String(cString: v) }
        }
        return env
    }

    // MARK: - Drawing

    private func pair(for style: Style) -> Int32 {
        guard colorDepth != .none else { return 0 }
        func code(_ c: Color) -> Int32 {
            if case .indexed(let n) = c { return Int32(n) }
            return -1
        }
        let fg = code(style.foreground), bg = code(style.background)
        if fg == -1 && bg == -1 { return 0 }
        let key = PairKey(fg: fg, bg: bg)
        if let p = pairs[key] { return p }
        guard nextPair <= maxPairs, cnc_init_pair(nextPair, fg, bg) == 0 else { return 0 }
        pairs[key] = nextPair
        nextPair += 1
        return nextPair - 1
    }

    private static func attributeBits(_ a: Attributes) -> UInt32 {
        var bits: UInt32 = 0
        if a.contains(.bold) { bits |= UInt32(CNC_BOLD) }
        if a.contains(.dim) { bits |= UInt32(CNC_DIM) }
        if a.contains(.italic) { bits |= UInt32(CNC_ITALIC) }
        if a.contains(.underline) { bits |= UInt32(CNC_UNDERLINE) }
        if a.contains(.reverse) { bits |= UInt32(CNC_REVERSE) }
        return bits
    }

    public func draw(_ buffer: Buffer) throws {
        guard isActive else { return }
        if lastDrawnSize != size { cnc_erase(); lastDrawnSize = size }
        let w = min(buffer.width, size.width), h = min(buffer.height, size.height)
        var scalars: [UInt32] = []
        for y in 0..<h {
            for x in 0..<w {
                let cell = buffer[x, y]
                if cell.isContinuation { continue }
                var width = max(1, cell.width)
                if x + width > w { width = 1 }
                let style = cell.style.downsampled(to: colorDepth)
                scalars.removeAll(keepingCapacity: true)
                for s in (width == cell.width ? cell.symbol : " ").unicodeScalars { scalars.append(s.value) }
                if scalars.isEmpty { scalars.append(32) }
                _ = cnc_put_cluster(Int32(y), Int32(x), scalars, Int32(scalars.count), Int32(width),
                                    NcursesBackend.attributeBits(style.attributes), pair(for: style))
            }
        }
        if let c = buffer.cursor, c.x >= 0, c.y >= 0, c.x < w, c.y < h {
            cnc_cursor(1, Int32(c.y), Int32(c.x))
        } else {
            cnc_cursor(0, 0, 0)
        }
        cnc_refresh()
    }

    // MARK: - Input

    public func poll(timeout: Duration?) -> [InputEvent]? {
        guard isActive else { return nil }
        let deadline = timeout.map { ContinuousClock.now + $0 }
        while true {
            var wait = deadline.map { max(Duration.zero, $0 - ContinuousClock.now) }
            if parser.hasPending { wait = min(wait ?? options.escapeDelay, options.escapeDelay) }
            if parser.isInPaste { wait = min(wait ?? options.pasteTimeout, options.pasteTimeout) }
            var fds = [pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
                       pollfd(fd: signalPipe.read, events: Int16(POLLIN), revents: 0),
                       pollfd(fd: wakePipe.readDescriptor, events: Int16(POLLIN), revents: 0)]
            let ms: Int32 = wait.map { Int32(clamping: $0.components.seconds * 1000 + $0.components.attoseconds / 1_000_000_000_000_000) } ?? -1
            let ready = systemPoll(&fds, 3, ms)
            if ready < 0 {
                if errno == EINTR { continue }
                endReason = .inputClosed
                return nil
            }
            var events: [InputEvent] = []
            // A finished job: back to the loop to deliver it (input read below comes along).
            let woken = fds[2].revents & Int16(POLLIN) != 0
            if woken { wakePipe.drain() }
            if fds[1].revents & Int16(POLLIN) != 0 {
                var signals = [UInt8](repeating: 0, count: 32)
                let n = read(signalPipe.read, &signals, signals.count)
                for sig in signals.prefix(max(0, n)) {
                    if Int32(sig) == SIGWINCH {
                        var rows: Int32 = 0, cols: Int32 = 0
                        if cnc_resize_from_tty(&rows, &cols) == 0 {
                            size = Size(width: Int(cols), height: Int(rows))
                            events.append(.resize(width: size.width, height: size.height))
                        }
                    } else {
                        endReason = .signal(Int32(sig))
                        return nil
                    }
                }
            }
            if fds[0].revents & Int16(POLLIN | POLLHUP | POLLERR) != 0 {
                var bytes = [UInt8](repeating: 0, count: 4096)
                let n = read(STDIN_FILENO, &bytes, bytes.count)
                if n == 0 || (n < 0 && errno != EINTR && errno != EAGAIN) {
                    endReason = .inputClosed   // EOF or EIO: the terminal/SSH connection is gone
                    return nil
                }
                if n > 0 {
                    lastByte = .now
                    events += parser.feed(bytes[0..<n])
                }
            } else if ready == 0 {
                if parser.isInPaste {
                    if ContinuousClock.now - lastByte >= options.pasteTimeout { events += parser.flush(endPaste: true) }
                } else if parser.hasPending {
                    events += parser.flush()
                }
            }
            // Coalesce resizes: only the last size matters.
            if let lastResize = events.lastIndex(where: { if case .resize = $0 { return true }; return false }) {
                events = events.enumerated().filter { i, e in
                    if case .resize = e { return i == lastResize }
                    return true
                }.map(\.1)
            }
            if !events.isEmpty || woken { return events }
            if let deadline, ContinuousClock.now >= deadline, !parser.hasPending { return [] }
        }
    }
}

/// poll(2) under a name that the backend's own `poll(timeout:)` does not shadow.
private func systemPoll(_ fds: UnsafeMutablePointer<pollfd>, _ count: nfds_t, _ timeout: Int32) -> Int32 {
    poll(fds, count, timeout)
}
