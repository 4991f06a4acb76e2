import Testing
@testable import Terminal

/// The parts of the ncurses backend that need no terminal. The full backend is exercised by
/// the tmux end-to-end test of the certpanel binary.
@Suite("Ncurses backend (no terminal)")
struct NcursesBackendTests {
    @Test func untrustedTermNamesAreRefusedBeforeLookup() {
        #expect(NcursesBackend.isSaneTermName("xterm-256color"))
        #expect(NcursesBackend.isSaneTermName("screen.xterm-256color"))
        #expect(NcursesBackend.isSaneTermName("rxvt-unicode+x"))
        #expect(!NcursesBackend.isSaneTermName(""))
        #expect(!NcursesBackend.isSaneTermName("../../etc/passwd"))
        #expect(!NcursesBackend.isSaneTermName("xterm\u{1B}[2J"))
        #expect(!NcursesBackend.isSaneTermName("-xterm"))
        #expect(!NcursesBackend.isSaneTermName(String(repeating: "a", count: 65)))
    }

    @Test func termFallsBackWhenTheRequestedOneIsUnusable() {
        let known: Set<String> = ["xterm-256color", "vt100", "dumb"]
        let ok = { (t: String) in known.contains(t) }
        let fallbacks = ["xterm-256color", "vt100", "dumb"]
        #expect(NcursesBackend.chooseTerm(requested: "vt100", fallbacks: fallbacks, isValid: ok) == "vt100")
        #expect(NcursesBackend.chooseTerm(requested: "no-such-terminal", fallbacks: fallbacks, isValid: ok) == "xterm-256color")
        #expect(NcursesBackend.chooseTerm(requested: "../evil", fallbacks: fallbacks, isValid: { _ in true }) == "xterm-256color")
        #expect(NcursesBackend.chooseTerm(requested: nil, fallbacks: ["dumb"], isValid: ok) == "dumb")
        #expect(NcursesBackend.chooseTerm(requested: "x", fallbacks: [], isValid: { _ in false }) == nil)
    }

    @Test func restoreSequenceUndoesEveryMode() {
        let s = NcursesBackend.restoreSequence
        for mode in ["\u{1B}[?2004l", "\u{1B}[?1000l", "\u{1B}[?1006l", "\u{1B}[?25h", "\u{1B}[?1049l"] {
            #expect(s.contains(mode))
        }
    }

    @Test func runningWithoutATerminalFailsCleanly() {
        // `swift test` runs with stdin/stdout not attached to a terminal (or we skip).
        guard isatty(0) == 0 || isatty(1) == 0 else { return }
        #expect(throws: TerminalError.notATerminal) {
            try NcursesBackend.run { _ in 1 }
        }
    }
}

#if canImport(Glibc)
import Glibc
#endif
