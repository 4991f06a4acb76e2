import Foundation
import Testing
import PanelModel
import PanelStore
import TestSupport

/// Issue 15's .EU path in a real terminal: the certificate's pre-flight names its Domain order,
/// the Domain order moves on its own, then the certificate follows. An extension of the tmux
/// suite, so it runs serialized with the other full-screen walks.
extension TmuxEndToEndTests {
    /// Opens an order from the list by searching its ID (the list must be showing).
    static func open(_ order: Int, _ tmux: TmuxSession) throws {
        try tmux.type("/")
        try tmux.type(String(order))
        try tmux.waitFor("1-1 of 1")
        try tmux.press("Enter")            // leaves the search field
        try tmux.press("Enter")            // opens the selected row
        try tmux.waitFor("Order \(order)")
    }

    /// Fills Move Services with Bob as the target and submits it.
    static func moveToBob(_ tmux: TmuxSession) throws {
        try tmux.type("m")
        try tmux.waitFor("Customer Username (Email Address)")
        try tmux.type("bob@example.net")
        try tmux.press("Tab")
        try tmux.type(String(DemoWorld.bob))
        try tmux.press("Tab", "Tab")       // past the checkbox to Submit
        try tmux.press("Enter")
    }

    @Test func theEUPathDomainOrderFirstThenItsCertificate() throws {
        let walk = try Walk(width: 100, height: 40)
        defer { walk.tmux.kill() }
        let tmux = walk.tmux
        try walk.start(["tui", "--db", walk.database, "--as", "customer:\(DemoWorld.alice)"])
        try tmux.waitFor("sunrise-bakery.com")

        // 1. The certificate: its pre-flight says to move Domain order 1019 first, and m says the same.
        try Self.open(1018, tmux)
        let blocked = try tmux.waitFor("✗ Move Services: TLD rule", "Move Services: 1 to fix before moving")
        #expect(TmuxSession.flow(blocked).contains("move Domain order 1019"), "\(blocked)")
        try tmux.type("m")
        // The box lies over the section that says the same; its own first line is enough.
        try tmux.waitFor("! Attention", "• The .EU domain name euro-parts.eu is a Domain order")
        try tmux.press("Escape")           // closes the box
        try tmux.waitForAbsence(of: "! Attention")
        try tmux.press("Escape")           // back to the list
        try tmux.waitFor("1-1 of 1")
        try tmux.press("Escape")           // clears the search
        try tmux.waitFor("sunrise-bakery.com")

        // 2. The Domain order moves on its own; the certificate stays with Alice.
        try Self.open(1019, tmux)
        try tmux.waitFor("[m] Move Services", "1018 Digital Certificate stays until moved next")
        try Self.moveToBob(tmux)
        let confirm = try tmux.waitFor("Confirm that this is the Customer account", "Services that will move (1):")
        #expect(confirm.contains("1019  Domain  euro-parts.eu"), "\(confirm)")
        #expect(confirm.contains("Staying with alice@example.com until moved on their own (1):"), "\(confirm)")
        #expect(confirm.contains("1018  Digital Certificate  euro-parts.eu"), "\(confirm)")
        try tmux.press("Enter")            // Confirm
        try tmux.waitFor("Moved 1 service to Bob Schneider", "Transaction ID")
        try tmux.press("Enter")            // Done: back to the order list
        try tmux.waitFor("Order 1019 moved to bob@example.net")
        try tmux.press("Escape")           // clears the search
        try tmux.waitFor("sunrise-bakery.com")

        // 3. The certificate now moves.
        try Self.open(1018, tmux)
        let free = try tmux.waitFor("[m] Move Services", "Move Services: nothing on this order stops a move")
        #expect(!free.contains("moves with"), "the Domain order is Bob's now:\n\(free)")
        try Self.moveToBob(tmux)
        let second = try tmux.waitFor("Services that will move (1):", "1018  Digital Certificate  euro-parts.eu")
        #expect(!second.contains("Staying with"), "\(second)")
        try tmux.press("Enter")
        try tmux.waitFor("Moved 1 service to Bob Schneider")
        try tmux.press("Enter")
        try tmux.waitFor("Order 1018 moved to bob@example.net")
        try tmux.press("C-c")              // quits at once
        try walk.waitForExit()

        // Bob has both, the Domain order first; two audit entries in that order.
        let bob = try walk.demo.cli.run(["--as", "customer:\(DemoWorld.bob)", "orders", "show", "1018"])
        #expect(bob.status == 0, "\(bob.stderr)")
        #expect(bob.stdout.contains("Related services on euro-parts.eu\n  1019  Domain  Active"), "\(bob.stdout)")
        let audit = try Self.sqlite(walk.database, "select subject from audit_log where action = 'order.move' order by id")
        #expect(audit.split(separator: "\n") == ["order:1019", "order:1018"], "audit log: \(audit)")
    }
}
