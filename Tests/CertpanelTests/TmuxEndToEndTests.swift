import Foundation
import Testing
import PanelModel
import PanelStore
import TestSupport

/// The real `certpanel` binary in a real terminal (tmux), driven with keys and read back from
/// the screen. Each test has its own temporary directory, demo database and tmux server.
/// They run one at a time: each drives a full-screen program and waits on what it draws.
@Suite(.serialized) struct TmuxEndToEndTests {
    /// Starts `certpanel ARGS` from the shell in a fresh tmux server over a fresh demo database.
    struct Walk {
        let demo: DemoFixture
        let tmux: TmuxSession

        init(width: Int = 100, height: Int = 30) throws {
            demo = try DemoFixture()
            tmux = try TmuxSession(width: width, height: height, directory: demo.directory)
        }

        var database: String { demo.cli.databasePath }

        /// Types the command line into the shell; the program gets a UTF-8 locale and xterm-256color.
        func start(_ arguments: [String]) throws {
            let line = (["LANG=C.UTF-8", "LC_ALL=C.UTF-8", "TERM=xterm-256color", CLI.binary.path] + arguments).map(Self.quoted)
            // `exec`-free on purpose: the shell stays, so the terminal can be inspected after exit.
            try tmux.shell(line.joined(separator: " "))
        }

        /// Waits until the program has left and the shell is back in the foreground.
        func waitForExit() throws {
            try tmux.waitForFormat("#{pane_current_command}", toBe: "sh")
        }

        static func quoted(_ word: String) -> String {
            if word.allSatisfy({ $0.isLetter || $0.isNumber || "-_./:=@".contains($0) }) { return word }
            return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
        }
    }

    /// The line of the screen that carries the table's selection marker.
    static func selectedRow(_ screen: String) -> String? {
        screen.split(separator: "\n").first { $0.contains("▶") }.map(String.init)
    }

    // MARK: - a. Issue 3: resize, bracketed paste, restore on quit

    @Test func resizePasteAndQuitRestoreTheTerminal() throws {
        let walk = try Walk()
        defer { walk.tmux.kill() }
        let tmux = walk.tmux
        try walk.start(["tui", "--db", walk.database, "--as", "customer:\(DemoWorld.alice)"])
        try tmux.waitFor("sunrise-bakery.com", "quiet-harbor.net")
        #expect(try tmux.format("#{alternate_on}") == "1")
        #expect(try tmux.format("#{mouse_sgr_flag}") == "1", "mouse reporting is on while the panel runs")

        // Resize to 80x24: the position text moves to the second-to-last row of the new size.
        try tmux.resize(width: 80, height: 24)
        try tmux.wait("the 80x24 layout") { screen in
            let rows = screen.split(separator: "\n", omittingEmptySubsequences: false)
            return rows.count >= 23 && rows[22].contains(" of ") && rows.allSatisfy { $0.count <= 80 }
        }
        // Smaller than 40x10: only the notice.
        try tmux.resize(width: 36, height: 8)
        let tiny = try tmux.waitFor("Terminal too small")
        #expect(!tiny.contains("sunrise-bakery.com"))
        // And back.
        try tmux.resize(width: 100, height: 30)
        try tmux.waitForAbsence(of: "Terminal too small")
        try tmux.waitFor("sunrise-bakery.com")

        // Type a search.
        try tmux.type("/")
        try tmux.type("sunrise")
        try tmux.waitFor("1-2 of 2")
        let searched = try tmux.screen()
        #expect(!searched.contains("quiet-harbor.net"))

        // Paste a PEM block (with q and ? in it) with bracketed paste.
        try tmux.paste(Self.pem, scratch: walk.demo.directory)
        // Single line: the newlines are dropped, so header and BEGIN line run together.
        let afterPaste = try tmux.waitFor("No orders match \"sunriseCertificate for quiet?harbor.net q?-----BEGIN CERTIFICATE-----MII")
        #expect(!afterPaste.contains("Keys — Esc to close"), "a pasted ? must not open the help")
        #expect(try tmux.format("#{pane_current_command}") != "sh", "a pasted q must not quit")
        #expect(try tmux.format("#{alternate_on}") == "1")

        // Leave the search field, then quit with q.
        try tmux.press("Enter")
        try tmux.waitFor("Enter Open")   // the list's footer is back
        try tmux.type("q")
        try walk.waitForExit()

        // The terminal is restored.
        #expect(try tmux.waitForFormat("#{alternate_on}", toBe: "0") == "0")
        #expect(try tmux.format("#{cursor_flag}") == "1", "cursor visible")
        for flag in ["mouse_any_flag", "mouse_all_flag", "mouse_button_flag", "mouse_standard_flag", "mouse_sgr_flag", "mouse_utf8_flag",
                     "keypad_cursor_flag", "insert_flag"] {
            #expect(try tmux.format("#{\(flag)}") == "0", "\(flag) left on")
        }
        #expect(try tmux.format("#{wrap_flag}") == "1", "autowrap back on")
        // tmux 3.3 has no format for bracketed paste: paste into `cat -v` and look for the brackets.
        try tmux.shell("cat -v")
        try tmux.paste("paste-probe\n", scratch: walk.demo.directory)
        try tmux.waitFor("paste-probe")
        try tmux.press("C-d")
        let probe = try tmux.waitFor("paste-probe")
        #expect(!probe.contains("^[[200~"), "bracketed paste left on:\n\(probe)")
        // The prompt works: the output line appears on its own.
        try tmux.shell("echo restored-ok")
        try tmux.wait("the echo output") { screen in
            screen.split(separator: "\n").contains { $0.trimmingCharacters(in: .whitespaces) == "restored-ok" }
        }
    }

    /// SIGTERM (a service stop) and SIGHUP (the SSH connection drops) end the panel and leave
    /// the terminal as it was: normal screen, cursor visible, mouse reporting off.
    @Test(arguments: [SIGTERM, SIGHUP])
    func aSignalEndsThePanelAndRestoresTheTerminal(signal: Int32) throws {
        let walk = try Walk()
        defer { walk.tmux.kill() }
        let tmux = walk.tmux
        try walk.start(["tui", "--db", walk.database, "--as", "customer:\(DemoWorld.alice)"])
        try tmux.waitFor("sunrise-bakery.com")
        #expect(try tmux.format("#{alternate_on}") == "1")
        let pid = try #require(Self.process(withArgument: walk.database), "the panel's process was not found")
        #expect(kill(pid, signal) == 0)
        try walk.waitForExit()
        #expect(try tmux.waitForFormat("#{alternate_on}", toBe: "0") == "0")
        #expect(try tmux.format("#{cursor_flag}") == "1", "cursor visible")
        #expect(try tmux.format("#{mouse_sgr_flag}") == "0", "mouse reporting left on")
        try tmux.shell("echo restored-after-\(signal)")
        try tmux.wait("the echo output") { screen in
            screen.split(separator: "\n").contains { $0.trimmingCharacters(in: .whitespaces) == "restored-after-\(signal)" }
        }
    }

    /// The PID of the certpanel process whose command line has `argument` (read from /proc).
    static func process(withArgument argument: String) -> pid_t? {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        for entry in entries {
            guard let pid = pid_t(entry),
                  let data = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline") else { continue }
            let words = data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
            if words.first?.hasSuffix("certpanel") == true && words.contains(argument) { return pid }
        }
        return nil
    }

    /// About 1,500 bytes: an explanatory header with q and ?, then a PEM body of 64-column lines.
    static let pem: String = {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
        var body = "MII"
        var state: UInt32 = 12345
        while body.count < 1_344 {
            state = state &* 1_103_515_245 &+ 12_345
            body.append(alphabet[Int((state >> 16) % 64)])
        }
        let lines = stride(from: 0, to: body.count, by: 64).map { start -> String in
            let from = body.index(body.startIndex, offsetBy: start)
            return String(body[from..<body.index(from, offsetBy: min(64, body.count - start))])
        }
        return "Certificate for quiet?harbor.net q?\n-----BEGIN CERTIFICATE-----\n" + lines.joined(separator: "\n")
            + "\n-----END CERTIFICATE-----\n"
    }()

    @Test func thePastedBlockIsAboutFifteenHundredBytesWithShortcutLetters() {
        #expect((1_400...1_600).contains(Self.pem.utf8.count))
        #expect(Self.pem.contains("q") && Self.pem.contains("?"))
    }

    // MARK: - b. Issue 4: login, search, details, back keeps the search and selection

    @Test func loginSearchDetailsAndBackKeepsSearchAndSelection() throws {
        let walk = try Walk()
        defer { walk.tmux.kill() }
        let tmux = walk.tmux
        try walk.start(["tui", "--db", walk.database])
        try tmux.waitFor("Login to your Control Panel")
        try tmux.type("alice@example.com")
        try tmux.press("Tab")
        try tmux.type(DemoWorld.password)
        try tmux.press("Enter")
        try tmux.waitFor("sunrise-bakery.com", "alice@example.com (Customer ID 100001)")

        try tmux.type("/")
        try tmux.type("sunrise")
        let results = try tmux.waitFor("1-2 of 2")
        #expect(Self.selectedRow(results)?.contains("1001") == true)
        try tmux.press("Enter")        // leaves the search field
        try tmux.waitFor("Enter Open")
        try tmux.press("Enter")        // opens the selected row
        let details = try tmux.waitFor("Related services", "1002  Email Hosting", "INV-000001")
        #expect(details.contains("Order 1001"))

        try tmux.press("Escape")
        let back = try tmux.waitFor("1-2 of 2")
        #expect(back.contains("sunrise"), "the search text is kept")
        #expect(!back.contains("Related services"))
        #expect(Self.selectedRow(back)?.contains("1001") == true, "the selection is kept")

        // The same with the second row, so keeping the selection is not keeping row one.
        try tmux.press("Down")
        try tmux.wait("1002 selected") { Self.selectedRow($0)?.contains("1002") == true }
        try tmux.press("Enter")
        try tmux.waitFor("Order 1002")
        try tmux.press("Escape")
        let again = try tmux.waitFor("1-2 of 2")
        #expect(Self.selectedRow(again)?.contains("1002") == true, "the selection is kept:\n\(again)")
        #expect(again.contains("sunrise"))
        try tmux.type("q")
        try walk.waitForExit()
    }

    // MARK: - c. Wrong password

    @Test func wrongPasswordSaysSoWithoutSayingWhichWasWrong() throws {
        let walk = try Walk()
        defer { walk.tmux.kill() }
        let tmux = walk.tmux
        try walk.start(["tui", "--db", walk.database])
        try tmux.waitFor("Login to your Control Panel")
        try tmux.type("alice@example.com")
        try tmux.press("Tab")
        try tmux.type("not-the-password")
        try tmux.press("Enter")
        let message = "Wrong username or password. Check both and try again."
        let wrongPassword = TmuxSession.flow(try tmux.waitFor(message))

        // An unknown username reads exactly the same.
        try tmux.press("BTab")                       // back to the username field
        try tmux.press("C-u")
        try tmux.type("nobody@example.com")
        try tmux.press("Tab")
        try tmux.type("not-the-password")
        try tmux.press("Enter")
        // The refused attempt clears the password field: wait for that, not just the (old) message.
        let unknownUser = TmuxSession.flow(try tmux.waitFor("nobody@example.com", message, "Password  password"))
        for screen in [wrongPassword, unknownUser] {
            let lower = screen.lowercased()
            for hint in ["unknown user", "no such", "not found", "does not exist", "incorrect password", "password is wrong", "wrong password"] {
                #expect(!lower.contains(hint), "the message hints at which one was wrong: \(hint)")
            }
        }
        // Only the typed username differs (the demo world's logins under the form name alice too).
        #expect(wrongPassword.replacingOccurrences(of: "Username alice@example.com", with: "Username X")
                == unknownUser.replacingOccurrences(of: "Username nobody@example.com", with: "Username X"))
        try tmux.press("C-c")
        try walk.waitForExit()
    }

    @Test func theDemoLoginSaysHowToLogInAndF1OpensHelp() throws {
        let walk = try Walk(width: 80, height: 24)
        defer { walk.tmux.kill() }
        let tmux = walk.tmux
        try walk.start(["demo", "--db", walk.demo.directory.appendingPathComponent("fresh-demo.sqlite").path])
        let login = try tmux.waitFor("Login to your Control Panel", "Demo world", "Log in as alice@example.com", "F1 Help")
        #expect(login.contains("password \(DemoWorld.password)"))
        try tmux.type("a?")                          // ? types into the field here
        try tmux.press("F1")
        try tmux.waitFor("Show all keys (? types into the fields here)")
        try tmux.press("Escape")
        try tmux.press("C-c")
        try walk.waitForExit()
    }

    // MARK: - d. A reseller unsuspends a suspended order; the audit log records it

    @Test func resellerUnsuspendsAndTheAuditLogRecordsIt() throws {
        let walk = try Walk()
        defer { walk.tmux.kill() }
        let tmux = walk.tmux
        try walk.start(["tui", "--db", walk.database, "--as", "reseller:1"])
        try tmux.waitFor("Orders")
        try tmux.type("/")
        try tmux.type("quiet")
        let found = try tmux.waitFor("quiet-harbor.net", "1-1 of 1")
        #expect(Self.selectedRow(found)?.contains("1005") == true)
        try tmux.press("Enter")
        try tmux.press("Enter")
        try tmux.waitFor("Order 1005", "This order is suspended", "U Unsuspend")
        try tmux.type("U")
        try tmux.waitFor("Unsuspend order 1005")
        try tmux.type("Customer paid the overdue invoice")
        try tmux.press("Enter")            // to Confirm
        try tmux.press("Enter")            // confirm
        let done = try tmux.wait("the order to be Active") { screen in
            screen.split(separator: "\n").contains { $0.hasPrefix("Status") && $0.contains("Active") }
        }
        #expect(!done.contains("This order is suspended"))
        try tmux.type("q")                 // back to the list
        try tmux.waitFor("1-1 of 1")
        try tmux.type("q")
        try walk.waitForExit()

        let audit = try Self.sqlite(walk.database, "select action, principal from audit_log where subject like '%1005%'")
        #expect(audit.split(separator: "\n").contains("order.unsuspend|reseller:1"), "audit log: \(audit)")
        let reason = try Self.sqlite(walk.database, "select summary from audit_log where action = 'order.unsuspend'")
        #expect(reason.contains("Customer paid the overdue invoice"), "audit summary: \(reason)")
        // The command line agrees.
        let show = try walk.demo.cli.run(["--as", "operator", "orders", "show", "1005"])
        #expect(show.stdout.contains("Status:      Active"), "\(show.stdout)")
    }

    /// Keys meant for the reason prompt stay in it: Esc closes the prompt (not Order Details),
    /// and q with the focus on the prompt's buttons does not quit the panel.
    @Test func reasonPromptKeysStayInThePrompt() throws {
        let walk = try Walk()
        defer { walk.tmux.kill() }
        let tmux = walk.tmux
        try walk.start(["tui", "--db", walk.database, "--as", "reseller:1"])
        try tmux.waitFor("Orders")
        try tmux.type("/")
        try tmux.type("quiet")
        try tmux.waitFor("1-1 of 1")
        try tmux.press("Enter")
        try tmux.press("Enter")
        try tmux.waitFor("Order 1005", "U Unsuspend")
        try tmux.type("U")
        try tmux.waitFor("Unsuspend order 1005")

        try tmux.press("Escape")
        let afterEscape = try tmux.waitForAbsence(of: "Unsuspend order 1005")
        #expect(afterEscape.contains("This order is suspended"), "Esc left Order Details:\n\(afterEscape)")

        try tmux.type("U")
        try tmux.waitFor("Unsuspend order 1005")
        try tmux.press("Tab", "Tab")           // focus on Cancel
        try tmux.type("q")
        try tmux.press("BTab", "BTab")         // back to the reason field…
        try tmux.type("x")                     // …and type, to see whether the panel still listens
        try tmux.wait("the reason to show x, or the panel to have quit") { screen in
            try screen.contains("Reason x") || tmux.format("#{pane_current_command}") == "sh"
        }
        let running = try tmux.format("#{pane_current_command}") != "sh"
        #expect(running, "q in the reason prompt quit the panel")
    }

    static func sqlite(_ database: String, _ sql: String) throws -> String {
        let candidates = ["/usr/bin/sqlite3", "/usr/local/bin/sqlite3"]
        guard let executable = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw TmuxSession.Failure(description: "sqlite3 is not installed; run scripts/install-deps")
        }
        return try Program.succeed(executable, [database, sql])
    }

    // MARK: - e. Move Services

    @Test func moveServicesToBob() throws {
        let walk = try Walk()
        defer { walk.tmux.kill() }
        let tmux = walk.tmux
        try walk.start(["tui", "--db", walk.database, "--as", "customer:\(DemoWorld.alice)"])
        let list = try tmux.waitFor("sunrise-bakery.com")
        #expect(Self.selectedRow(list)?.contains("1001") == true)
        try tmux.press("Enter")
        try tmux.waitFor("Order 1001", "[m] Move Services")
        try tmux.type("m")
        try tmux.waitFor("Customer Username (Email Address)")
        try tmux.type("bob@example.net")
        try tmux.press("Tab")
        // First a refused attempt: Bob's username with Carol's Customer ID.
        try tmux.type("100003")
        try tmux.press("Tab", "Tab")       // past the checkbox to Submit
        try tmux.press("Enter")
        let refused = try tmux.waitFor("! Attention", "The Customer username and Customer ID are not of the same Customer")
        #expect(refused.contains("Customer ID                         100003"), "\(refused)")
        try tmux.press("BTab", "BTab")     // back to the Customer ID field
        for _ in 0..<6 { try tmux.press("BSpace") }
        try tmux.type("100002")
        try tmux.press("Tab", "Tab")
        try tmux.press("Enter")
        let confirm = try tmux.waitFor("Confirm that this is the Customer account", "Bob Schneider")
        #expect(confirm.contains("1001  Digital Certificate"), "\(confirm)")
        #expect(confirm.contains("1002  Email Hosting"), "\(confirm)")
        try tmux.press("Enter")            // Confirm
        let done = try tmux.waitFor("Transaction ID")
        #expect(done.contains("Bob Schneider"))
        try tmux.type("q")                 // q after a move: to the order list, not a dead end
        // The toast can be drawn a frame before the list's reload lands (the reload runs off the
        // UI loop), so wait for both: the toast, and 1001/1002 gone from Alice's list.
        let back = try tmux.wait("the toast and a list without sunrise-bakery.com") { screen in
            screen.contains("Order 1001 moved to bob@example.net") && !screen.contains("sunrise-bakery.com")
        }
        #expect(!back.contains("not found"), "\(back)")
        #expect(back.contains("bluebird-studio.com"), "\(back)")
        try tmux.type("q")                 // the first screen: q quits
        try walk.waitForExit()

        // Bob owns both now; Alice no longer sees them.
        let asBob = try walk.demo.cli.run(["--as", "customer:\(DemoWorld.bob)", "orders", "show", "1001"])
        #expect(asBob.status == 0, "\(asBob.stderr)")
        #expect(try walk.demo.cli.run(["--as", "customer:\(DemoWorld.bob)", "orders", "show", "1002"]).status == 0)
        #expect(try walk.demo.cli.run(["--as", "customer:\(DemoWorld.alice)", "orders", "show", "1001"]).status == 3)
    }

    // MARK: - Live data: a change made by another process shows without a key

    @Test func aDecisionMadeElsewhereShowsOnTheOpenScreen() throws {
        let walk = try Walk()
        defer { walk.tmux.kill() }
        let tmux = walk.tmux
        try walk.start(["tui", "--db", walk.database, "--as", "reseller:2"])
        try tmux.waitFor("sunrise-bakery.com")
        try tmux.type("T")
        try tmux.waitFor("Incoming (you hold the domain and decide)", "harbor-lights.com")
        // Another process (a script, the API) denies the request while the panel is open.
        let denied = try walk.demo.cli.run(["--as", "reseller:2", "api", "command=TransferDomain", "action=deny", "domain=harbor-lights.com"])
        #expect(denied.status == 0, "\(denied.stdout)\(denied.stderr)")
        let after = try tmux.waitForAbsence(of: "harbor-lights.com")
        #expect(after.contains("blue-lagoon.net"), "the other request stays listed:\n\(after)")
        try tmux.press("C-c")
        try walk.waitForExit()
    }

    // MARK: - f. Internal transfer: one reseller asks in the form, the other approves

    @Test func aResellerRequestsAndTheHolderApproves() throws {
        let walk = try Walk()
        defer { walk.tmux.kill() }
        let tmux = walk.tmux
        // ALVO (reseller 1) asks for Reseller B's olive-grove.com, for its customer Bob.
        try walk.start(["tui", "--db", walk.database, "--as", "reseller:1"])
        try tmux.waitFor("Orders", "T Transfers")
        try tmux.type("T")
        try tmux.waitFor("Internal Transfers", "n New request")
        try tmux.type("n")
        try tmux.waitFor("Receiving Customer ID")
        try tmux.type("olive-grove.com")
        try tmux.press("Tab")
        try tmux.type(String(DemoWorld.bob))
        try tmux.press("Tab", "Tab", "Tab")   // past the auth code and NORENEW to Submit
        try tmux.press("Enter")
        let requested = try tmux.waitFor("Requested the internal transfer of olive-grove.com")
        #expect(requested.contains("must approve it by"), "\(requested)")
        try tmux.press("Enter")
        try tmux.waitFor("Outgoing (you asked)", "olive-grove.com")
        try tmux.type("q")
        try tmux.waitFor("Orders")
        try tmux.type("q")
        try walk.waitForExit()

        // Reseller B sees it as incoming, with the days it has left, and approves it.
        try tmux.shell("clear")
        try walk.start(["tui", "--db", walk.database, "--as", "reseller:2"])
        try tmux.waitFor("Orders")
        try tmux.type("T")
        let incoming = try tmux.waitFor("Incoming (you hold the domain and decide)", "olive-grove.com")
        #expect(Self.selectedRow(incoming)?.contains("olive-grove.com") == true, "\(incoming)")
        #expect(Self.selectedRow(incoming)?.contains("5 days left") == true, "\(incoming)")
        try tmux.type("a")
        try tmux.waitFor("Approve the internal transfer of olive-grove.com")
        try tmux.press("Left")                 // Cancel is focused first
        try tmux.press("Enter")
        try tmux.waitFor("Transfer approved: olive-grove.com now belongs to the requesting reseller")
        try tmux.type("q")
        try tmux.waitFor("Orders")
        try tmux.type("q")
        try walk.waitForExit()

        let status = try walk.demo.cli.run(["--as", "reseller:1", "api", "command=StatusDomainTransfer", "domain=olive-grove.com"])
        #expect(status.stdout.contains("completed"), "\(status.stdout)\(status.stderr)")
        let bob = try walk.demo.cli.run(["--as", "customer:\(DemoWorld.bob)", "orders", "show", "2005"])
        #expect(bob.status == 0 && bob.stdout.contains("olive-grove.com"), "\(bob.stdout)\(bob.stderr)")
        let audit = try Self.sqlite(walk.database, "select action || '|' || principal from audit_log where action like 'transfer.%' order by id")
        #expect(audit.contains("transfer.request|reseller:1") && audit.contains("transfer.approve|reseller:2"), "\(audit)")
    }

    // MARK: - g. Seed 004: a customer pastes a CSR and the order is issued

    @Test func aCustomerPastesACSRAndDownloadsTheIssuedCertificate() throws {
        let walk = try Walk()
        defer { walk.tmux.kill() }
        let tmux = walk.tmux
        let directory = walk.demo.directory
        _ = try CSRCommandTests.openssl(["req", "-new", "-nodes", "-newkey", "rsa:2048", "-keyout", "bluebird.key", "-out", "bluebird.csr",
                                         "-subj", "/CN=bluebird-studio.com/O=Bluebird Studio/C=FR",
                                         "-addext", "subjectAltName=DNS:bluebird-studio.com,DNS:www.bluebird-studio.com"], in: directory)
        let csr = try String(contentsOf: directory.appendingPathComponent("bluebird.csr"), encoding: .utf8)

        try walk.start(["tui", "--db", walk.database, "--as", "customer:\(DemoWorld.alice)"])
        try tmux.waitFor("Orders", "C SSL")
        try tmux.type("C")
        try tmux.waitFor("SSL Certificates", "bluebird-studio.com")
        try tmux.type("s")                         // State: Waiting for CSR
        try tmux.waitFor("State: Waiting for CSR", "1 certificate")
        try tmux.press("Enter")
        try tmux.waitFor("Certificate 1003", "[c] Enter CSR")
        try tmux.type("c")
        try tmux.waitFor("CSR (PEM), pasted:")
        try tmux.paste(csr, scratch: directory)    // bracketed paste: its newlines stay text
        try tmux.waitFor("-----END CERTIFICATE REQUEST-----")
        try tmux.press("Tab", "Tab")               // past the file field (a local terminal) to Preview
        try tmux.press("Enter")
        let preview = try tmux.waitFor("Decoded CSR", "This CSR can be submitted for order 1003.")
        #expect(preview.contains("Key           RSA 2048 bits"), "\(preview)")
        #expect(preview.contains("SANs          bluebird-studio.com, www.bluebird-studio.com"), "\(preview)")
        try tmux.press("Enter")                    // Submit
        let done = try tmux.waitFor("CSR accepted for order 1003.")
        #expect(done.contains("✓ Issued"), "\(done)")
        try tmux.press("Enter")
        try tmux.waitFor("Certificate 1003", "Serial")
        try tmux.type("q")
        try tmux.waitFor("SSL Certificates")
        try tmux.type("q")
        try tmux.waitFor("Orders")
        try tmux.type("q")
        try walk.waitForExit()

        // The certificate the panel issued is one that openssl accepts against the demo CA.
        let leaf = directory.appendingPathComponent("bluebird.pem").path, authority = directory.appendingPathComponent("ca.pem").path
        let download = try walk.demo.cli.run(["--as", "customer:\(DemoWorld.alice)", "cert", "download", "1003", "--out", leaf])
        #expect(download.status == 0, "\(download.stderr)")
        #expect(try walk.demo.cli.run(["--as", "customer:\(DemoWorld.alice)", "cert", "download", "--ca", "--out", authority]).status == 0)
        let verified = try CSRCommandTests.openssl(["verify", "-CAfile", authority, leaf], in: directory)
        #expect(verified.contains("OK"), "\(verified)")
        let text = try CSRCommandTests.openssl(["x509", "-noout", "-subject", "-ext", "subjectAltName", "-in", leaf], in: directory)
        #expect(text.contains("bluebird-studio.com") && text.contains("DNS:www.bluebird-studio.com"), "\(text)")
    }
}
