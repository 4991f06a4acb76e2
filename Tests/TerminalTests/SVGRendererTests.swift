import Foundation
import Testing
@testable import Terminal
import TestSupport

@Suite("SVG export")
struct SVGRendererTests {
    func sampleFrame() -> Buffer {
        let app = App(root: ListScreen(title: "Orders <&> \"x\"", items: ["example.com", "日本語.jp", "👍🏽 ok", "a<b & c>d"]),
                      size: Size(width: 50, height: 12))
        app.handle(.key(.down))
        app.run([.toast(Toast("Saved", kind: .ok))])
        return app.render()
    }

    @Test func escapesXMLAndUsesThemeColours() {
        let svg = SVGRenderer().render(sampleFrame(), theme: .default)
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(svg.contains("Orders &lt;&amp;&gt; &quot;x&quot;"))
        #expect(svg.contains("a&lt;b &amp; c&gt;d"))
        #expect(!svg.contains("a<b"))
        #expect(svg.contains("fill=\"#1c1c1c\""))               // theme background for default bg
        #expect(svg.contains("fill=\"#005f87\""))               // header background rect
        #expect(svg.contains("font-weight=\"bold\""))
        #expect(svg.hasSuffix("</svg>\n"))
    }

    @Test func wideCharactersAdvanceTwoCells() {
        var b = Buffer(width: 6, height: 1)
        b.write("日x", x: 0, y: 0, style: .plain)
        let r = SVGRenderer(fontSize: 10, padding: 0)
        let svg = r.render(b, theme: .default)
        // 日 at column 0, x at column 2 (2 × 6.02 px).
        #expect(svg.contains("<tspan x=\"0\" fill=\"#d0d0d0\">日</tspan>"))
        #expect(svg.contains("<tspan x=\"12.04\" fill=\"#d0d0d0\">x</tspan>"))
    }

    @Test func forbiddenXMLCharactersAreReplaced() {
        #expect(SVGRenderer().escape("a\u{1}b\u{FFFE}c") == "a\u{FFFD}b\u{FFFD}c")
    }

    @Test func rendersWithRsvgConvert() throws {
        let rsvg = "/usr/bin/rsvg-convert"
        try #require(FileManager.default.isExecutableFile(atPath: rsvg), "\(rsvg) is missing: scripts/install-deps installs librsvg2-bin")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("svgtest-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let svgURL = dir.appendingPathComponent("frame.svg"), pngURL = dir.appendingPathComponent("frame.png")
        try SVGRenderer().render(sampleFrame(), theme: Theme.load(nameOrPath: "light")).write(to: svgURL, atomically: true, encoding: .utf8)
        let converted = try Program.run(rsvg, ["-o", pngURL.path, svgURL.path])
        #expect(converted.status == 0, "\(converted.stderr)")
        let png = try Data(contentsOf: pngURL)
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
    }
}
