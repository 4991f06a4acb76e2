import Foundation
import Testing
import PanelStore
import TestSupport

/// Two terminal panels on one PostgreSQL database, each in a tmux of its own: what one
/// session writes, and what a third process (the command line) writes, shows on the other's
/// open screen without a key press (the schema's NOTIFY reaches each panel's LISTEN).
@Suite struct PostgresFrontEndsTests {
    /// One panel in one tmux, started with `--db URL`.
    struct Panel {
        let tmux: TmuxSession

        init(demo: PostgresDemo, as principal: String, width: Int = 120) throws {
            tmux = try TmuxSession(width: width, height: 30, directory: demo.directory)
            let line = ["LANG=C.UTF-8", "LC_ALL=C.UTF-8", "TERM=xterm-256color", CLI.binary.path, "tui", "--db", demo.url, "--as", principal]
            try tmux.shell(line.map(TmuxEndToEndTests.Walk.quoted).joined(separator: " "))
        }

        /// The screen row of the order list (or of a search) that shows `order`.
        func row(_ order: String, in screen: String) -> String? {
            screen.split(separator: "\n").map(String.init).first { $0.range(of: "\\b\(order)\\b", options: .regularExpression) != nil }
        }

        /// Waits until the row of `order` satisfies `condition`.
        @discardableResult
        func waitForRow(_ order: String, _ what: String, timeout: Duration = .seconds(20), _ condition: @escaping (String) -> Bool) throws -> String {
            try tmux.wait("order \(order)'s row to \(what)", timeout: timeout) { screen in row(order, in: screen).map(condition) ?? false }
        }

        func quit() throws {
            try tmux.press("C-c")
            try tmux.waitForFormat("#{pane_current_command}", toBe: "sh")
        }
    }

    @Test func whatOneSessionAndTheCommandLineWriteShowsOnTheOtherOpenScreens() throws {
        let demo = try PostgresDemo(prefix: "fronts")
        // A: the reseller (ALVO), on its order list; B: alice, on hers.
        let reseller = try Panel(demo: demo, as: "reseller:1")
        defer { reseller.tmux.kill() }
        let alice = try Panel(demo: demo, as: "customer:\(DemoWorld.alice)")
        defer { alice.tmux.kill() }
        try alice.tmux.waitFor("sunrise-bakery.com", "quiet-harbor.net")
        try alice.waitForRow("1001", "be Active") { $0.contains("sunrise-bakery.com") && $0.contains("Active") }

        // A suspends 1001 through its keys: search, open, S, a reason, confirm.
        try reseller.tmux.waitFor("Orders")
        try reseller.tmux.type("/")
        try reseller.tmux.type("sunrise")
        let found = try reseller.tmux.waitFor("1-2 of 2")
        #expect(TmuxEndToEndTests.selectedRow(found)?.contains("1001") == true, "\(found)")
        try reseller.tmux.press("Enter")          // leave the search field
        try reseller.tmux.press("Enter")          // open the selected order
        try reseller.tmux.waitFor("Order 1001", "S Suspend")
        try reseller.tmux.type("S")
        try reseller.tmux.waitFor("Suspend order 1001")
        try reseller.tmux.type("Chargeback under review")
        try reseller.tmux.press("Enter")          // to Confirm
        try reseller.tmux.press("Enter")          // confirm
        try reseller.tmux.wait("A's details to say Suspended") { screen in
            screen.split(separator: "\n").contains { $0.hasPrefix("Status") && $0.contains("Suspended") }
        }

        // B never pressed a key: its open list shows the suspension.
        let suspendedSeen = ContinuousClock.now
        try alice.waitForRow("1001", "say Suspended") { $0.contains("Suspended") }
        print("frontEnds: alice's list showed the suspension \(ContinuousClock.now - suspendedSeen) after the reseller's screen did")
        #expect(try demo.sql("SELECT status FROM orders WHERE id = 1001") == "suspended")

        // A goes back to its search results; then a third process unsuspends 1001 and alice
        // moves it (with 1002) to bob, from the command line.
        try reseller.tmux.type("q")
        try reseller.waitForRow("1001", "say Suspended in the list") { $0.contains("Suspended") }
        let unsuspend = try demo.run(["--as", "operator", "orders", "unsuspend", "1001", "--reason", "Chargeback withdrawn"])
        #expect(unsuspend.status == 0, "\(unsuspend.stdout)\(unsuspend.stderr)")
        try reseller.waitForRow("1001", "be Active again") { !$0.contains("Suspended") && $0.contains("Active") }
        try alice.waitForRow("1001", "be Active again") { !$0.contains("Suspended") && $0.contains("Active") }

        let moved = ContinuousClock.now
        let move = try demo.run(["--as", "customer:\(DemoWorld.alice)", "move-services", "1001", "--to-username", "bob@example.net",
                                 "--to-customer-id", "\(DemoWorld.bob)", "--yes"])
        #expect(move.status == 0, "\(move.stdout)\(move.stderr)")
        // The reseller sees both orders with their new owner; alice no longer sees them at all.
        try reseller.waitForRow("1001", "name bob") { $0.contains("bob@example.net") }
        try reseller.waitForRow("1002", "name bob") { $0.contains("bob@example.net") }
        let aliceAfter = try alice.tmux.waitForAbsence(of: "sunrise-bakery.com")
        print("frontEnds: both screens showed the command line's move \(ContinuousClock.now - moved) after it started")
        #expect(aliceAfter.contains("quiet-harbor.net"), "alice's other orders stay listed:\n\(aliceAfter)")

        try reseller.quit()
        try alice.quit()
    }
}
