import Foundation
import Testing
@testable import Terminal

@Suite("Themes")
struct ThemeTests {
    static let repoRoot: String = {
        // #filePath = <repo>/Tests/TerminalTests/ThemeTests.swift
        var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)
        return parts.joined(separator: "/")
    }()

    @Test(arguments: ["default", "light", "high-contrast", "monochrome"])
    func builtinThemeParsesWithEveryRole(name: String) throws {
        let theme = try Theme.load(nameOrPath: name)
        #expect(theme.name == name)
        for role in ThemeRole.allCases { #expect(theme.styles[role] != nil, "\(name) lacks \(role.rawValue)") }
        #expect(theme[.selection] != theme[.text])   // selection must be distinguishable
    }

    @Test(arguments: ["default", "light", "high-contrast", "monochrome"])
    func themeFileIsByteIdenticalToEmbeddedText(name: String) throws {
        let path = Self.repoRoot + "/themes/\(name).toml"
        let onDisk = try ThemeLoader.readFile(path)
        #expect(Array(onDisk.utf8) == Array((BuiltinThemes.source(named: name) ?? "").utf8),
                "themes/\(name).toml differs from BuiltinThemes.swift: run themes/embed-themes.py")
        #expect(try Theme.load(nameOrPath: path) == Theme.load(nameOrPath: name))
    }

    @Test func brokenTOMLReportsTheLine() {
        let text = "name = \"x\"\n[roles]\ntext = { fg = \"#ffffff\" \naccent = 3\n"
        #expect(throws: ThemeError.self) { try Theme.parse(toml: text, source: "bad.toml") }
        do {
            _ = try Theme.parse(toml: text, source: "bad.toml")
        } catch {
            guard case let .syntax(source, line, _, _) = error else { Issue.record("wrong error \(error)"); return }
            #expect(source == "bad.toml")
            #expect(line == 3 || line == 4)
            #expect(error.description.hasPrefix("bad.toml:\(line):"))
        }
    }

    @Test func unknownColourNamesTheKeyAndLine() {
        let text = "name = \"x\"\n[roles]\ntext = { fg = \"#ffffff\" }\nheader = { fg = \"blurple\", bg = \"#000000\" }\n"
        do {
            _ = try Theme.parse(toml: text, source: "mine.toml")
            Issue.record("expected an error")
        } catch {
            #expect(error == .invalidValue(source: "mine.toml", key: "roles.header.fg", line: 4,
                                           message: error.messageForTest))
            #expect(error.description.contains("roles.header.fg"))
            #expect(error.description.contains("blurple"))
            #expect(error.description.hasPrefix("mine.toml:4:"))
        }
    }

    @Test func unknownColourInSectionTableIsLocated() {
        let text = "[roles.ok]\nfg = \"green\"\nbg = \"#12345\"\n"
        #expect(throws: ThemeError.invalidValue(source: "t", key: "roles.ok.bg", line: 3,
                                                message: "unknown colour \"#12345\" (use \"#rrggbb\", 0-255, an ANSI name like \"bright_blue\", or \"default\")")) {
            try Theme.parse(toml: text, source: "t")
        }
    }

    @Test func unknownRoleAndAttributeAreErrors() {
        #expect(throws: ThemeError.self) { try Theme.parse(toml: "[roles]\nheadr = { fg = \"red\" }\n") }
        #expect(throws: ThemeError.self) { try Theme.parse(toml: "[roles]\ntext = { attrs = [\"blink\"] }\n") }
        #expect(throws: ThemeError.self) { try Theme.parse(toml: "[roles]\ntext = { fg = 300 }\n") }
    }

    @Test func colourFormats() throws {
        let t = try Theme.parse(toml: "[roles]\ntext = { fg = \"#abc\", bg = 236 }\nok = { fg = \"bright_green\", attrs = [\"bold\", \"underline\"] }\n")
        #expect(t[.text] == Style(foreground: .rgb(0xaa, 0xbb, 0xcc), background: .indexed(236)))
        #expect(t[.ok] == Style(foreground: .indexed(10), attributes: [.bold, .underline]))
        // A role the file leaves out keeps the monochrome attributes, so selection stays visible.
        #expect(t[.selection].attributes.contains(.reverse))
    }

    @Test func missingFileAndUnknownNameFallBackToNoColour() {
        let (theme, error) = Theme.loadOrFallback(nameOrPath: "/nonexistent/theme.toml")
        #expect(theme == Theme.monochrome)
        #expect(error?.description.contains("/nonexistent/theme.toml") == true)
        let (_, e2) = Theme.loadOrFallback(nameOrPath: "solarized")
        #expect(e2 == .notFound(name: "solarized", available: Theme.builtinNames))
    }

    @Test func noColorAndDumbTerminalDisableColourButKeepAttributes() {
        #expect(ColorDepth.detect(terminalColors: 256, environment: ["NO_COLOR": "1", "TERM": "xterm-256color"]) == .none)
        #expect(ColorDepth.detect(terminalColors: 256, environment: ["NO_COLOR": "", "TERM": "xterm-256color"]) == .ansi256)
        #expect(ColorDepth.detect(terminalColors: 8, environment: ["TERM": "dumb"]) == .none)
        #expect(ColorDepth.detect(terminalColors: 8, environment: ["TERM": "xterm"]) == .ansi8)
        let plain = Theme.default.adapted(to: .none)
        #expect(plain[.header].foreground == .default && plain[.header].background == .default)
        #expect(plain[.header].attributes.isSuperset(of: Theme.default[.header].attributes))
        // Roles told apart by background in colour get monochrome attributes instead.
        #expect(plain[.selection].attributes.contains(.reverse))
        #expect(plain[.header].attributes.contains(.reverse))
        #expect(plain[.selection] != plain[.text])
    }

    /// Non-ASCII digits count as hex digits to Character but not to UInt8(_:radix:); they
    /// once crashed the process. Now they are an unknown colour on the line that names them.
    @Test(arguments: ["#ｆｆｆ", "#１２３４５６", "#ff٣", "#ａbcdef", "#fff\u{301}", "#"])
    func nonASCIIHexDigitsAreAnUnknownColourOnTheirLine(colour: String) {
        #expect(Color(parsing: colour) == nil)
        let text = "name = \"x\"\n[roles]\nheader = { fg = \"\(colour)\" }\n"
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("theme-\(UUID().uuidString).toml").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data(text.utf8)))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let (theme, error) = Theme.loadOrFallback(nameOrPath: path)
        #expect(theme == Theme.monochrome)
        guard case let .invalidValue(_, key, line, message)? = error else { Issue.record("no error for \(colour)"); return }
        #expect(key == "roles.header.fg")
        #expect(line == 3)
        #expect(message.hasPrefix("unknown colour"))
    }

    @Test func truecolorIsDownsampled() {
        #expect(Color.rgb(255, 0, 0).downsampled(to: .ansi256) == .indexed(196))
        #expect(Color.rgb(0x1c, 0x1c, 0x1c).downsampled(to: .ansi256) == .indexed(234))
        #expect(Color.rgb(0, 0x5f, 0x87).downsampled(to: .ansi256) == .indexed(24))
        #expect(Color.rgb(255, 0, 0).downsampled(to: .ansi8) == .indexed(1))
        #expect(Color.rgb(0x30, 0x30, 0x30).downsampled(to: .ansi8) == .indexed(0))
        #expect(Color.rgb(0xd0, 0xd0, 0xd0).downsampled(to: .ansi8) == .indexed(7))
        #expect(Color.indexed(12).downsampled(to: .ansi8) == .indexed(4))
        #expect(Color.indexed(196).downsampled(to: .ansi8) == .indexed(1))
        #expect(Color.rgb(1, 2, 3).downsampled(to: .none) == .default)
        #expect(Color.rgb(1, 2, 3).downsampled(to: .trueColor) == .rgb(1, 2, 3))
    }
}

extension ThemeError {
    var messageForTest: String {
        if case let .invalidValue(_, _, _, message) = self { return message }
        return ""
    }
}
