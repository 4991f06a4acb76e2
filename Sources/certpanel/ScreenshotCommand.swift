import ArgumentParser
import Foundation
import PanelModel
import PanelScreens
import PanelStore
import Terminal

/// `certpanel screenshot SCREEN`: renders one named screen of a fresh demo world as SVG.
/// The world is seeded into a temporary database with a fixed clock and the real screens are
/// driven with input events, so the same command writes the same bytes every time.
struct ScreenshotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "screenshot",
        abstract: "Render a named screen of the demo world as an SVG image (the same bytes every run).",
        discussion: "The demo world is seeded into a temporary database with the clock fixed at \(Screenshots.nowText), and the real "
            + "screens are driven by key presses, so screenshots are reproducible. `--list` names the screens.")

    @Argument(help: "The screen to render (see --list).") var screen: String?
    @Option(help: ArgumentHelp("A theme: \(Theme.builtinNames.joined(separator: ", ")), or a TOML file path.", valueName: "name|path"))
    var theme = "default"
    @Option(help: ArgumentHelp("The terminal size in cells, WIDTHxHEIGHT (default 100x30; too-small uses 30x8).", valueName: "WxH"))
    var size: String?
    @Option(help: ArgumentHelp("The SVG file to write; without it (or with -) the SVG goes to standard output.", valueName: "file"))
    var out: String?
    @Flag(help: "List the screen names with what each shows, and exit.") var list = false

    func run() throws {
        if list {
            let width = Screenshots.all.map(\.name.count).max() ?? 0
            for shot in Screenshots.all {
                Output.line(shot.name.padding(toLength: width + 2, withPad: " ", startingAt: 0) + shot.summary)
            }
            return
        }
        guard let name = screen else {
            throw PanelError.invalidInput("name the screen to render: \(Screenshots.names)")
        }
        guard let shot = Screenshots.shot(named: name) else {
            throw PanelError.invalidInput("there is no screen \"\(name)\"; use one of: \(Screenshots.names)")
        }
        let cells = try size.map(Screenshots.parseSize) ?? shot.size
        let loaded: Theme
        do {
            loaded = try Theme.load(nameOrPath: theme)
        } catch {
            throw PanelError.invalidInput("\(error)")
        }
        let svg = try Screenshots.render(shot, theme: loaded, size: cells)
        if let out, out != "-" {
            do {
                try Data(svg.utf8).write(to: URL(fileURLWithPath: out), options: .atomic)
            } catch {
                throw PanelError.invalidInput("cannot write \(out): \(error.localizedDescription)")
            }
        } else {
            FileHandle.standardOutput.write(Data(svg.utf8))
        }
    }
}

/// The catalogue of screenshots: who is acting, which keys lead to the screen, and a text the
/// final frame must contain (so a screenshot never silently shows the wrong screen).
enum Screenshots {
    struct Shot {
        var name: String
        var summary: String
        var principal: Principal?
        var size = Size(width: 100, height: 30)
        var events: [InputEvent]
        var expected: [String]
    }

    /// The fixed "now" of every screenshot.
    static let now = Date(timeIntervalSince1970: 1_795_608_000)   // 2026-11-25T12:00:00Z
    static let nowText = "2026-11-25T12:00:00Z"

    static let alice = Principal.customer(CustomerID(DemoWorld.alice))

    static func type(_ text: String) -> [InputEvent] { text.map { .key(.char($0)) } }
    static func key(_ key: Key) -> InputEvent { .key(key) }

    /// As Alice: open order 1001 (the first row) and start Move Services.
    static let openMove: [InputEvent] = [key(.enter), key(.char("m"))]

    /// Fills the Move Services form and submits it (Tab, Tab reaches Submit).
    static func submitMove(username: String, customerID: String) -> [InputEvent] {
        openMove + type(username) + [key(.tab)] + type(customerID) + [key(.tab), key(.tab), key(.enter)]
    }

    /// As Alice: SSL Certificates, the one waiting for a CSR (1003), Enter CSR.
    static let openCSREntry: [InputEvent] = [key(.char("C")), key(.char("s")), key(.enter), key(.char("c"))]

    /// A CSR for `names` from a key derived from a fixed seed, so the preview is the same every time.
    static func demoCSR(_ names: [String]) -> String {
        let requirement = CSRRequirement(domain: names[0], type: .multiDomain, additionalNames: Array(names.dropFirst()))
        return (try? DemoCertificateRequest.make(requirement: requirement, organization: "Bluebird Studio",
                                                 keySeed: Array("screenshot \(names)".utf8))) ?? ""
    }

    static let all: [Shot] = [
        Shot(name: "login", summary: "The login form with the username typed and the password masked.", principal: nil,
             events: type("alice@example.com") + [key(.tab)] + type(DemoWorld.password),
             expected: ["Login to your Control Panel", "alice@example.com"]),
        Shot(name: "login-error", summary: "The login form after a wrong password.", principal: nil,
             events: type("alice@example.com") + [key(.tab)] + type("not-the-password") + [key(.enter)],
             expected: ["Wrong username or password"]),
        Shot(name: "orders", summary: "Alice's order list.", principal: alice,
             events: [], expected: ["sunrise-bakery.com", "quiet-harbor.net"]),
        Shot(name: "orders-search", summary: "The order list filtered as you type \"bakery\".", principal: alice,
             events: [key(.char("/"))] + type("bakery"), expected: ["sunrise-bakery.com", "1-2 of 2"]),
        Shot(name: "order-details", summary: "Order Details of 1001 with its related Email Hosting and invoice.", principal: alice,
             events: [key(.enter)], expected: ["Order 1001", "Related services", "INV-000001"]),
        Shot(name: "order-suspended", summary: "Order Details of the suspended order 1005, with the banner.", principal: alice,
             events: [key(.char("/"))] + type("quiet") + [key(.enter), key(.enter)],
             expected: ["Order 1005", "This order is suspended"]),
        Shot(name: "unsuspend-prompt", summary: "A reseller unsuspending order 1005: the reason prompt.",
             principal: .reseller(ResellerID(1)),
             events: [key(.char("/"))] + type("quiet") + [key(.enter), key(.enter), key(.char("U"))]
                + type("Customer paid the overdue invoice"),
             expected: ["Unsuspend order 1005", "Customer paid the overdue invoice"]),
        Shot(name: "move-form", summary: "The Move Services form for order 1001.", principal: alice,
             events: openMove, expected: ["Customer Username (Email Address)", "Submit"]),
        Shot(name: "move-attention", summary: "Move Services refused: Bob's username with Carol's Customer ID.", principal: alice,
             events: submitMove(username: "bob@example.net", customerID: String(DemoWorld.carol)),
             expected: ["Attention", "The Customer username and Customer ID are not of the same Customer"]),
        Shot(name: "move-confirm", summary: "The confirmation naming Bob Schneider and both services that move.", principal: alice,
             events: submitMove(username: "bob@example.net", customerID: String(DemoWorld.bob)),
             expected: ["Confirm that this is the Customer account", "Bob Schneider", "1001", "1002"]),
        Shot(name: "transfers", summary: "Internal Transfers for Reseller B: incoming requests with days left, outgoing, the renewal setting.",
             principal: .reseller(ResellerID(2)), events: [key(.char("T"))],
             expected: ["Incoming (you hold the domain and decide)", "harbor-lights.com", "days left"]),
        Shot(name: "transfer-approve", summary: "Reseller B approving ALVO's request for harbor-lights.com: the confirmation.",
             principal: .reseller(ResellerID(2)), events: [key(.char("T")), key(.down), key(.char("a"))],
             expected: ["Approve the internal transfer of harbor-lights.com"]),
        Shot(name: "transfer-request", summary: "ALVO requesting olive-grove.com for Bob, with an auth code and NORENEW.",
             principal: .reseller(ResellerID(1)),
             events: [key(.char("T")), key(.char("n"))] + type("olive-grove.com") + [key(.tab)] + type(String(DemoWorld.bob))
                + [key(.tab)] + type("Olive-Auth-7") + [key(.tab), key(.char(" "))],
             expected: ["Request Internal Transfer", "olive-grove.com", "[x] NORENEW"]),
        Shot(name: "push-refused", summary: "A push to H12345 refused in the seed's words.", principal: .reseller(ResellerID(1)),
             events: [key(.char("T")), key(.char("p"))] + type("alpine-gear.com") + [key(.tab)] + type("H12345") + [key(.tab), key(.enter)],
             expected: ["Gaining handle 'H12345' is refusing transfers."]),
        Shot(name: "push-test", summary: "The push's test run, before Confirm: what pushing alpine-gear.com to H20002 will do.",
             principal: .reseller(ResellerID(1)),
             events: [key(.char("T")), key(.char("p"))] + type("alpine-gear.com") + [key(.tab)] + type("H20002") + [key(.tab), key(.enter)],
             expected: ["Test run: the push is allowed.", "< Back >"]),
        Shot(name: "ssl-status", summary: "SSL Certificates: Alice's certificates by days left, with state, expiry, subscription, reissue date and invoices.", principal: alice,
             events: [key(.char("C"))], expected: ["SSL Certificates", "retired-site.com", "Expired", "Waiting for CSR", "subscription until"]),
        Shot(name: "ssl-term", summary: "Order 1032 under a multi-year subscription: its certificate until the date the validity table allowed, and the next reissue due.",
             principal: alice, events: [key(.char("C")), key(.char("o"))] + Array(repeating: key(.down), count: 17) + [key(.enter)],
             expected: ["Certificate 1032", "subscription until", "next reissue due"]),
        Shot(name: "ssl-marked", summary: "SSL Certificates with three certificates marked (●) for a bulk action.", principal: alice,
             events: [key(.char("C")), key(.char("o")), key(.char(" ")), key(.char(" ")), key(.char(" "))],
             expected: ["SSL Certificates", "3 marked", "●"]),
        Shot(name: "ssl-bulk-confirm", summary: "The confirmation of a bulk reissue: what will happen and to which certificates, Back focused.", principal: alice,
             events: [key(.char("C")), key(.char("o")), key(.char(" ")), key(.char(" ")), key(.char(" ")), key(.char("R"))],
             expected: ["Reissue these 3 certificates?", "1005  quiet-harbor.net", "Back"]),
        Shot(name: "ssl-bulk-results", summary: "What a bulk reissue of three marked certificates did to each: one reissued, two refused.", principal: alice,
             events: [key(.char("C")), key(.char("o")), key(.char(" ")), key(.char(" ")), key(.char(" ")), key(.char("R")), key(.left), key(.enter)],
             expected: ["Results", "1 of 3 done", "Order 1005 is suspended"]),
        Shot(name: "domain-validation", summary: "Domain control validation for order 1001: the approver addresses, the DNS CNAME and the HTTP file derived from its CSR.",
             principal: alice, events: [key(.char("C")), key(.char("o")), key(.enter), key(.char("d"))],
             expected: ["domain control validation", "CNAME", "/.well-known/pki-validation/"]),
        Shot(name: "ssl-detail", summary: "The certificate of order 1001: subject, SANs, issuer, serial, validity, SHA-256 fingerprint, invoices.",
             principal: alice, events: [key(.char("C")), key(.char("o")), key(.enter)],
             expected: ["Certificate", "CertPanel Demo CA", "SHA-256", "INV-000001"]),
        Shot(name: "csr-preview", summary: "A CSR pasted for order 1003, decoded and checked before it is submitted.", principal: alice,
             events: openCSREntry + [.paste(demoCSR(["bluebird-studio.com", "www.bluebird-studio.com"])), key(.tab), key(.enter)],
             expected: ["Decoded CSR", "This CSR can be submitted for order 1003."]),
        Shot(name: "csr-attention", summary: "A CSR for the wrong name refused, saying which name is missing.", principal: alice,
             events: openCSREntry + [.paste(demoCSR(["bluebird-studio.net"])), key(.tab), key(.enter)],
             expected: ["Decoded CSR", "Attention", "bluebird-studio.com"]),
        Shot(name: "profile", summary: "Settings → Primary Profile: where Alice finds her Customer ID.", principal: alice,
             events: [key(.char("P"))], expected: ["Customer ID   100001"]),
        Shot(name: "help", summary: "The ? help overlay on the order list.", principal: alice,
             events: [key(.char("?"))], expected: ["Keys — Esc to close"]),
        Shot(name: "too-small", summary: "The notice drawn when the terminal is smaller than 40x10.", principal: alice,
             size: Size(width: 30, height: 8), events: [], expected: ["Terminal too small"]),
    ]

    static var names: String { all.map(\.name).joined(separator: ", ") }

    static func shot(named name: String) -> Shot? { all.first { $0.name == name } }

    /// "100x30" → 100 by 30 cells (1…1000 each way).
    static func parseSize(_ text: String) throws -> Size {
        let parts = text.lowercased().split(separator: "x", omittingEmptySubsequences: false)
        guard parts.count == 2, let width = Int(parts[0]), let height = Int(parts[1]),
              (1...1000).contains(width), (1...1000).contains(height) else {
            throw PanelError.invalidInput("--size \"\(text)\" is not a size; write WIDTHxHEIGHT in cells, each 1 to 1000, such as 100x30")
        }
        return Size(width: width, height: height)
    }

    /// Seeds a fresh demo world at `now` into a temporary database, drives the screens and
    /// returns the final frame as SVG.
    static func render(_ shot: Shot, theme: Theme, size: Size) throws -> String {
        let buffer = try frame(shot, theme: theme, size: size)
        let text = buffer.lines.joined(separator: "\n")
        let missing = shot.expected.filter { !text.contains($0) }
        if !missing.isEmpty {
            let message = "screenshot \(shot.name): the screen did not show \(missing.map { "\"\($0)\"" }.joined(separator: ", "))"
            // At its own size a screen must show everything; another size may cut text off.
            guard size != shot.size else { throw PanelError.refused("\(message); it shows:\n\(text)") }
            Output.error("\(message) at \(size.width)x\(size.height) (writing it anyway)")
        }
        return SVGRenderer().render(buffer, theme: theme)
    }

    static func frame(_ shot: Shot, theme: Theme, size: Size) throws -> Buffer {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("certpanel-screenshot-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let clock = FixedClock(now)
        let buffer: Buffer
        do {
            let database = try PanelDatabase(path: directory.appendingPathComponent("demo.sqlite").path)
            // The seeded keys make the demo CA and its certificates the same bytes every time.
            try DemoWorld.seed(into: database, now: now, keySeed: DemoWorld.reproducibleKeySeed, clock: clock)
            let session = PanelSession(database: database, clock: clock, principal: shot.principal)
            // A frozen monotonic clock too: a toast shown during the walk is still on the frame.
            let start = ContinuousClock.now
            let app = App(root: session.rootScreen(), theme: theme, size: size, now: { start })
            app.handle(.resize(width: size.width, height: size.height))
            for event in shot.events { app.handle(event) }
            buffer = app.render()
        }
        return buffer
    }
}
