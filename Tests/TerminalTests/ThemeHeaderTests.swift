import Testing
@testable import Terminal

/// Found by fuzz/theme: toml++ (in TOMLKit) aborted on a table header whose key starts with a
/// character no key can start with, and on an array whose next item starts with `}` or a Unicode
/// line break. The loader now refuses those with a syntax error.
@Suite struct ThemeHeaderTests {
    @Test(arguments: [
        ("[#", 1, 2), ("[&", 1, 2), ("[[[1]]]", 1, 3), ("[[=", 1, 3), ("[ é]", 1, 3),
        ("name = \"x\"\n  [\t#roles]\n", 2, 5), ("[\n", 1, 2), ("[roles]\r\n[\r\n", 2, 2), ("\u{FEFF}[\u{FFFD}]", 1, 3),
    ])
    func badHeaderIsASyntaxErrorNotAnAbort(text: String, line: Int, column: Int) {
        #expect(throws: ThemeError.syntax(source: "bad.toml", line: line, column: column,
                                          message: TOMLPrecheck.headerMessage)) {
            try Theme.parse(toml: text, source: "bad.toml")
        }
    }

    @Test(arguments: [
        ("x = [}", 1, 6), ("[roles]\nheader = { attrs = [\n  # note\n  } }\n", 4, 3), ("a = [\u{2028}]", 1, 6),
        ("a = [[1], [ \u{85}]]", 1, 13), ("a = [\r\n}", 2, 1), ("x = { attrs = [\"bold\", }\n", 1, 24),
    ])
    func arrayItemStartingWithATerminatorIsASyntaxErrorNotAnAbort(text: String, line: Int, column: Int) {
        #expect(throws: ThemeError.syntax(source: "bad.toml", line: line, column: column, message: TOMLPrecheck.arrayMessage)) {
            try Theme.parse(toml: text, source: "bad.toml")
        }
    }

    @Test(arguments: ["name = \"[}\"\n[roles]\n", "# [}\n[x]\n", "a = \"\"\"\n[#\n\"\"\"\n", "a = '[}'\n", "a = [[1], [2]]\n", "a = [ \"x\", ]\n", "a = [ { b = 1, c = 2 }, { d = [3, 4] } ]\n",
                      "[roles]\n", "[ roles ]\n", "[\"roles\"]\n", "[[x]]\n", "[", "[ [x]]\n", "[]\n", "attrs = [\n  \"bold\",\n]\n"])
    func otherHeadersStillReachTheParser(text: String) {
        #expect(TOMLPrecheck.firstAssertingPlace(in: text) == nil)
    }

    @Test func builtInThemesPassTheCheck() {
        for name in ["default", "light", "high-contrast", "monochrome"] {
            #expect(TOMLPrecheck.firstAssertingPlace(in: BuiltinThemes.source(named: name) ?? "") == nil)
        }
    }
}
