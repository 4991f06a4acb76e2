import Testing
@testable import Terminal

/// Found by fuzz/theme: toml++ (in TOMLKit) aborted on a table header whose key starts with a
/// character no key can start with. The loader now refuses those with a syntax error.
@Suite struct ThemeHeaderTests {
    @Test(arguments: [
        ("[#", 1, 2), ("[&", 1, 2), ("[[[1]]]", 1, 3), ("[[=", 1, 3), ("[ é]", 1, 3),
        ("name = \"x\"\n  [\t#roles]\n", 2, 5), ("[\n", 1, 2), ("[roles]\r\n[\r\n", 2, 2),
    ])
    func badHeaderIsASyntaxErrorNotAnAbort(text: String, line: Int, column: Int) {
        #expect(throws: ThemeError.syntax(source: "bad.toml", line: line, column: column,
                                          message: "a table header must start with a key (letters, digits, _ or -, or a quoted key)")) {
            try Theme.parse(toml: text, source: "bad.toml")
        }
    }

    @Test(arguments: ["[roles]\n", "[ roles ]\n", "[\"roles\"]\n", "[[x]]\n", "[", "[ [x]]\n", "[]\n", "attrs = [\n  \"bold\",\n]\n"])
    func otherHeadersStillReachTheParser(text: String) {
        #expect(TOMLHeaderCheck.firstBadHeader(in: text) == nil)
    }

    @Test func builtInThemesPassTheCheck() {
        for name in ["default", "light", "high-contrast", "monochrome"] {
            #expect(TOMLHeaderCheck.firstBadHeader(in: BuiltinThemes.source(named: name) ?? "") == nil)
        }
    }
}
