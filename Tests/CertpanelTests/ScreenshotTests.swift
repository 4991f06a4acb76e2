import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// `certpanel screenshot`: every named screen renders to well-formed SVG showing what it is
/// named after, and the same command writes the same bytes twice.
@Suite struct ScreenshotTests {
    /// What each screen must show (the command checks its own walk too; this checks the file).
    static let expected: [String: [String]] = [
        "login": ["Login to your Control Panel", "alice@example.com", "•••"],
        "login-error": ["Wrong username or password."],
        "orders": ["sunrise-bakery.com", "quiet-harbor.net", "1-24 of 30"],
        "orders-search": ["sunrise-bakery.com", "1-2 of 2", "bakery"],
        "order-details": ["Order 1001", "Related services on sunrise-bakery.com", "1002  Email Hosting", "INV-000001"],
        "order-suspended": ["Order 1005", "This order is suspended. Ask your reseller"],
        "unsuspend-prompt": ["Unsuspend order 1005", "Customer paid the overdue invoice"],
        "move-form": ["Move Services", "Customer Username (Email Address)", "Retain existing contact details"],
        "move-attention": ["Attention", "The Customer username and Customer ID are not of the same Customer"],
        "move-confirm": ["Bob Schneider", "1001  Digital Certificate", "1002  Email Hosting", "Confirm"],
        "transfers": ["Incoming (you hold the domain and decide)", "harbor-lights.com", "Outgoing (you asked)", "alpine-gear.com"],
        "transfer-approve": ["Approve transfer", "Approve the internal transfer of harbor-lights.com"],
        "transfer-request": ["Request Internal Transfer", "olive-grove.com", "100002", "[x] NORENEW"],
        "push-refused": ["Attention", "Gaining handle 'H12345' is refusing transfers."],
        "push-test": ["Test run: the push is allowed.", "alpine-gear.com moved from H10001 to H20002", "Push"],
        "ssl-status": ["SSL Certificates", "retired-site.com", "✗ Expired", "! Expiring", "i Waiting for CSR", "1/1 paid", "subscription until"],
        "ssl-term": ["Certificate 1032", "Term          subscription until", "this certificate until", "next reissue due"],
        "ssl-marked": ["SSL Certificates", "3 marked", "●", "Clear 3 marked"],
        "ssl-bulk-confirm": ["Reissue these 3 certificates?", "1001  sunrise-bakery.com", "1005  quiet-harbor.net", "Reissue", "Back"],
        "ssl-bulk-results": ["Results", "1 of 3 done; 2 not done.", "✓ 1001  sunrise-bakery.com", "✗ 1005  quiet-harbor.net"],
        "domain-validation": ["Validation 1001", "admin@sunrise-bakery.com", "CNAME", "comodoca.com", "m Method"],
        "ssl-detail": ["Certificate 1001", "Issuer        CN=CertPanel Demo CA (not trusted)", "SHA-256", "INV-000001"],
        "csr-preview": ["Decoded CSR", "Bluebird Studio", "www.bluebird-studio.com", "the signature verifies", "This CSR can be submitted for order 1003."],
        "csr-attention": ["! Attention", "The CSR does not cover bluebird-studio.com"],
        "profile": ["Primary Profile", "100001"],
        "help": ["Keys — Esc to close", "Everywhere"],
        "too-small": ["Terminal too small"],
    ]

    /// The SVG's text as a grid: each <text> is a row, each <tspan> starts at the column its
    /// `x` gives (the renderer positions runs and non-ASCII clusters by x, not by spaces).
    final class TextCollector: NSObject, XMLParserDelegate {
        static let padding = 8.0, cellWidth = 14 * 0.6021
        var rows: [String] = []
        private var cells: [Int: Character]?
        private var column = 0
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            if name == "text" { cells = [:] }
            if name == "tspan", let x = attributes["x"].flatMap(Double.init) {
                column = Int(((x - Self.padding) / Self.cellWidth).rounded())
            }
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) {
            guard cells != nil else { return }
            for character in string {
                cells?[column] = character
                column += 1
            }
        }
        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            guard name == "text", let row = cells else { return }
            let width = (row.keys.max() ?? -1) + 1
            rows.append(String((0..<width).map { row[$0] ?? " " }))
            cells = nil
        }
    }

    struct SVGError: Error, CustomStringConvertible { var description: String }

    static func parse(_ svg: Data) throws -> [String] {
        let parser = XMLParser(data: svg)
        let collector = TextCollector()
        parser.delegate = collector
        guard parser.parse() else {
            throw SVGError(description: "not well-formed XML: \(parser.parserError.map { "\($0)" } ?? "unknown error") at line \(parser.lineNumber)")
        }
        return collector.rows
    }

    @Test func listNamesEveryScreen() throws {
        let cli = CLI(databasePath: "/nonexistent/unused.sqlite")
        let list = try cli.run(["screenshot", "--list"])
        #expect(list.status == 0, "\(list.stderr)")
        let names = list.stdout.split(separator: "\n").compactMap { $0.split(separator: " ").first.map(String.init) }
        #expect(Set(names) == Set(Self.expected.keys), "the test's table and the command's list differ")
    }

    @Test(arguments: expected.keys.sorted())
    func everyScreenIsWellFormedSVGWithItsText(screen: String) throws {
        let demo = try DemoFixture(seed: false)
        let file = demo.directory.appendingPathComponent("\(screen).svg")
        let result = try demo.cli.run(["screenshot", screen, "--out", file.path])
        #expect(result.status == 0, "\(result.stderr)")
        let svg = try Data(contentsOf: file)
        #expect(String(decoding: svg, as: UTF8.self).hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        let text = try Self.parse(svg).joined(separator: "\n")
        for expected in Self.expected[screen] ?? [] {
            #expect(text.contains(expected), "\(screen).svg lacks \"\(expected)\"; its text:\n\(text)")
        }
        if screen == "login" { #expect(!text.contains("certpanel-demo"), "the password is masked") }
        if screen != "too-small" { #expect(!text.contains("Terminal too small")) }
    }

    @Test func twoRunsWriteIdenticalBytes() throws {
        let demo = try DemoFixture(seed: false)
        for (screen, options) in [("move-confirm", [String]()), ("order-details", ["--theme", "light"]), ("orders", ["--size", "79x23"])] {
            let first = demo.directory.appendingPathComponent("\(screen)-1.svg")
            let second = demo.directory.appendingPathComponent("\(screen)-2.svg")
            #expect(try demo.cli.run(["screenshot", screen, "--out", first.path] + options).status == 0)
            #expect(try demo.cli.run(["screenshot", screen, "--out", second.path] + options).status == 0)
            #expect(try Data(contentsOf: first) == Data(contentsOf: second), "\(screen) \(options) differs between runs")
        }
        // Standard output carries the same bytes as --out.
        let stdout = try demo.cli.run(["screenshot", "move-confirm"])
        #expect(Data(stdout.stdout.utf8) == (try Data(contentsOf: demo.directory.appendingPathComponent("move-confirm-1.svg"))))
    }

    @Test func themesAndSizesChangeTheImage() throws {
        let demo = try DemoFixture(seed: false)
        let dark = try demo.cli.run(["screenshot", "orders"]).stdout
        let light = try demo.cli.run(["screenshot", "orders", "--theme", "light"]).stdout
        let small = try demo.cli.run(["screenshot", "orders", "--size", "80x24"])
        #expect(dark != light)
        #expect(small.status == 0, "\(small.stderr)")
        #expect(small.stdout.contains("width=\"690.35\""), "80 cells of 14 px DejaVu Sans Mono plus padding")
    }

    @Test func badUsageExitsWithTwoAndSaysWhy() throws {
        let cli = CLI(databasePath: "/nonexistent/unused.sqlite")
        let unknown = try cli.run(["screenshot", "dashboard"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("there is no screen \"dashboard\""))
        #expect(unknown.stderr.contains("login, login-error, orders"), "names the screens: \(unknown.stderr)")
        for size in ["100", "100x", "x30", "0x30", "100x30x2", "wide", "1001x10"] {
            let bad = try cli.run(["screenshot", "orders", "--size", size])
            #expect(bad.status == 2, "--size \(size)")
            #expect(bad.stderr.contains("--size \"\(size)\" is not a size; write WIDTHxHEIGHT"), "\(bad.stderr)")
        }
        let theme = try cli.run(["screenshot", "orders", "--theme", "blurple"])
        #expect(theme.status == 2)
        #expect(theme.stderr.contains("blurple"))
        let none = try cli.run(["screenshot"])
        #expect(none.status == 2)
        #expect(none.stderr.contains("name the screen"))
    }
}
