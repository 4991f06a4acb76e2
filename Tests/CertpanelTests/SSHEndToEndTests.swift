import Foundation
import Testing
import PanelModel
import PanelStore

/// Customers over SSH against real OpenSSH: a private sshd (see `SSHDaemon`) whose
/// AuthorizedKeysCommand is the real `certpanel authorized-keys`, and the real `ssh` client,
/// inside tmux when a terminal is needed. Each test has its own directory, demo database,
/// sshd and tmux server. They run one at a time.
@Suite(.serialized) struct SSHEndToEndTests {
    /// A demo world with Alice's key registered and an sshd in front of it.
    final class Door {
        let demo: DemoFixture
        let sshd: SSHDaemon
        /// Alice's private key (registered) and a stranger's (not).
        let aliceKey: String
        let strangerKey: String
        let aliceFingerprint: String

        init(extraConfig: (_ certpanel: String, _ database: String) -> [String] = { _, _ in [] },
             block: ((_ certpanel: String, _ database: String) -> [String])? = nil) throws {
            demo = try DemoFixture()
            aliceKey = demo.directory.appendingPathComponent("alice_ed25519").path
            strangerKey = demo.directory.appendingPathComponent("stranger_ed25519").path
            try SSHDaemon.keygen(aliceKey, scratch: demo.directory)
            try SSHDaemon.keygen(strangerKey, scratch: demo.directory)
            let added = try demo.cli.run(["--as", "customer:\(DemoWorld.alice)", "keys", "add", "--file", aliceKey + ".pub", "--json"])
            #expect(added.status == 0, "\(added.stderr)")
            aliceFingerprint = try #require(try JSONSerialization.jsonObject(with: Data(added.stdout.utf8)) as? [String: Any])["fingerprint"] as? String ?? ""
            let databasePath = demo.cli.databasePath
            sshd = try SSHDaemon(directory: demo.directory, databasePath: demo.cli.databasePath, certpanel: CLI.binary.path,
                                 extraConfig: extraConfig(CLI.binary.path, demo.cli.databasePath),
                                 block: block.map { block in { [databasePath] certpanel in block(certpanel, databasePath) } })
        }

        deinit { sshd.stop() }

        /// The ssh command line for the tmux shell: a terminal forced with -tt.
        func sshLine(identity: String, remote: [String] = []) throws -> String {
            (try sshd.sshArguments(identity: identity) + ["-tt", "root@127.0.0.1"] + remote)
                .map(TmuxEndToEndTests.Walk.quoted).joined(separator: " ")
        }

        /// Audit entries about Alice's key, newest first.
        func sessionAudit() throws -> [AuditEntry] {
            let database = try PanelDatabase(path: demo.cli.databasePath)
            defer { try? database.close() }
            return try database.auditEntries(subject: "ssh-key:\(aliceFingerprint)")
        }

        /// Polls the audit log until `action` has been written `count` times.
        func waitForAudit(_ action: String, count: Int = 1, timeout: Duration = .seconds(20)) throws -> [AuditEntry] {
            let deadline = ContinuousClock.now + timeout
            while true {
                let entries = try sessionAudit()
                if entries.filter({ $0.action == action }).count >= count { return entries }
                guard ContinuousClock.now < deadline else {
                    Issue.record("no \(count) \(action) entries after \(timeout): \(entries.map(\.action))")
                    return entries
                }
                Thread.sleep(forTimeInterval: 0.05)
            }
        }
    }

    static func waitForShell(_ tmux: TmuxSession) throws {
        try tmux.waitForFormat("#{pane_current_command}", toBe: "sh", timeout: .seconds(30))
    }

    @Test func aRegisteredKeyOpensItsOwnersPanelOnlyAndTheSessionIsAudited() throws {
        let door = try Door()
        defer { door.sshd.stop() }
        let tmux = try TmuxSession(width: 100, height: 30, directory: door.demo.directory)
        defer { tmux.kill() }

        try tmux.shell(try door.sshLine(identity: door.aliceKey))
        let panel = try tmux.waitFor("sunrise-bakery.com", timeout: .seconds(30))
        #expect(!panel.contains("bobs-bikes.de"), "Bob's order on Alice's panel:\n\(panel)")
        #expect(!panel.contains("Password"), "the SSH session skips the login screen")
        #expect(try tmux.format("#{alternate_on}") == "1")
        // Bob's order is not found by searching either.
        try tmux.type("/")
        try tmux.type("bobs-bikes")
        let searched = try tmux.waitFor("No orders match")
        #expect(!searched.contains("bobs-bikes.de"))
        // Leave the search field, then quit with q.
        try tmux.press("Enter")
        try tmux.waitFor("Enter Open")
        try tmux.type("q")
        try Self.waitForShell(tmux)
        // Who was logged in, printed before the panel took the screen.
        // (Rows are full width where tmux wrapped the line, so they join without a separator.)
        let after = try tmux.screen().replacingOccurrences(of: "\n", with: "")
        #expect(after.contains("CertPanel: logged in as alice@example.com (Customer ID \(DemoWorld.alice)) with SSH key \(door.aliceFingerprint)"), "\(after)")

        let entries = try door.waitForAudit("ssh.session.end")
        let start = try #require(entries.first { $0.action == "ssh.session.start" })
        #expect(start.principal == "customer:\(DemoWorld.alice)")
        #expect(start.summary.contains(door.aliceFingerprint))
        #expect(start.summary.contains("from 127.0.0.1 port"))
        #expect(entries.first?.action == "ssh.session.end")
        #expect(door.sshd.log.contains("Accepted key ED25519 \(door.aliceFingerprint)"))
    }

    @Test func aShellCommandOrOperatorCommandGetsAlicesPanelNeverTheCommand() throws {
        let door = try Door()
        defer { door.sshd.stop() }
        let tmux = try TmuxSession(width: 100, height: 30, directory: door.demo.directory)
        defer { tmux.kill() }

        // `'echo PW''NED'` reaches ssh as "echo PWNED" while the typed line reads PW''NED, so
        // PWNED on the screen could only come from the command having run.
        try tmux.shell(try door.sshLine(identity: door.aliceKey, remote: ["/bin/sh", "-c"]) + " \"'echo PW''NED'\"")
        let shellPanel = try tmux.waitFor("sunrise-bakery.com", timeout: .seconds(30))
        #expect(!shellPanel.contains("PWNED"))
        try tmux.press("q")
        try Self.waitForShell(tmux)
        #expect(!(try tmux.screen()).contains("PWNED"))

        // Asking for an operator's search gets Alice's panel all the same.
        try tmux.shell("clear")
        try tmux.shell(try door.sshLine(identity: door.aliceKey, remote: ["certpanel --as operator orders search bobs-bikes"]))
        let operatorPanel = try tmux.waitFor("sunrise-bakery.com", timeout: .seconds(30))
        #expect(!operatorPanel.contains("bobs-bikes.de"))
        try tmux.press("q")
        try Self.waitForShell(tmux)
        #expect(!(try tmux.screen()).contains("bobs-bikes.de"))

        // Without a terminal: the forced command refuses to run anything, says why, exits 2.
        let command = try door.sshd.ssh(identity: door.aliceKey, ["-T"], remote: ["echo PWNED; certpanel --as operator orders search bobs-bikes"])
        #expect(command.status == 2, "\(command)")
        #expect(!command.stdout.contains("PWNED"))
        #expect(!command.stdout.contains("bobs-bikes"))
        #expect(command.stderr.contains("runs no commands: connect with `ssh -t`"), "\(command.stderr)")
        // And sshd ran the panel as the forced command, not the request.
        #expect(door.sshd.log.contains("forced command: \"\(door.sshd.certpanel) --db"))

        let entries = try door.waitForAudit("ssh.session.end", count: 2)
        #expect(entries.filter { $0.action == "ssh.session.start" }.allSatisfy { $0.principal == "customer:\(DemoWorld.alice)" })
        #expect(!entries.contains { $0.principal == "operator" })
    }

    @Test func portForwardingIsRefused() throws {
        let door = try Door()
        defer { door.sshd.stop() }
        let localPort = try SSHDaemon.freePort()
        let forward = try ChildProcess(try door.sshd.sshArguments(identity: door.aliceKey)
                                           + ["-N", "-L", "\(localPort):127.0.0.1:\(door.sshd.port)", "root@127.0.0.1"],
                                       outputBase: door.demo.directory.appendingPathComponent("forward"))
        defer { forward.terminate() }
        // Once logged in, the client listens on the local port; a connection through it would
        // reach sshd's own banner if the server forwarded it.
        let deadline = ContinuousClock.now + .seconds(30)
        var answer = SSHDaemon.connectAndRead(port: localPort, timeout: .seconds(5))
        while !answer.connected {
            #expect(!forward.poll(), "ssh -L exited early: \(forward.stderr)")
            guard !forward.poll(), ContinuousClock.now < deadline else { break }
            Thread.sleep(forTimeInterval: 0.1)
            answer = SSHDaemon.connectAndRead(port: localPort, timeout: .seconds(5))
        }
        #expect(answer.connected, "ssh -L never listened: \(forward.stderr)")
        #expect(!String(decoding: answer.bytes, as: UTF8.self).contains("SSH-"), "the forwarded connection reached sshd")
        // sshd's log says why.
        let logDeadline = ContinuousClock.now + .seconds(20)
        while !door.sshd.log.contains("refused local port forward"), ContinuousClock.now < logDeadline {
            Thread.sleep(forTimeInterval: 0.05)
        }
        #expect(door.sshd.log.contains("refused local port forward"))
        #expect(door.sshd.log.contains("failure direct-tcpip"))
    }

    @Test func unregisteredAndRemovedKeysArePermissionDenied() throws {
        let door = try Door()
        defer { door.sshd.stop() }
        let stranger = try door.sshd.ssh(identity: door.strangerKey, ["-T"], remote: ["echo PWNED"])
        #expect(stranger.status == 255)
        #expect(stranger.stderr.contains("Permission denied (publickey)"), "\(stranger.stderr)")
        #expect(!stranger.stdout.contains("PWNED"))

        // Alice's key works until it is removed, then it is refused like any other.
        let before = try door.sshd.ssh(identity: door.aliceKey, ["-T"])
        #expect(before.status == 2, "\(before.stderr)")
        let removed = try door.demo.cli.run(["--as", "customer:\(DemoWorld.alice)", "keys", "remove", door.aliceFingerprint])
        #expect(removed.status == 0, "\(removed.stderr)")
        let after = try door.sshd.ssh(identity: door.aliceKey, ["-T"], remote: ["echo PWNED"])
        #expect(after.status == 255)
        #expect(after.stderr.contains("Permission denied (publickey)"), "\(after.stderr)")
        #expect(!after.stdout.contains("PWNED"))
    }

    /// docs/ssh.md's belt and braces: sshd's ForceCommand replaces the key's command="…", so
    /// the session finds the key in sshd's ExposeAuthInfo file instead.
    @Test func forceCommandWithExposeAuthInfoStillOpensTheKeysPanel() throws {
        let door = try Door { certpanel, database in
            ["ExposeAuthInfo yes", "ForceCommand \(certpanel) --db \(database) session"]
        }
        defer { door.sshd.stop() }
        let tmux = try TmuxSession(width: 100, height: 30, directory: door.demo.directory)
        defer { tmux.kill() }
        try tmux.shell(try door.sshLine(identity: door.aliceKey, remote: ["/bin/sh"]))
        let panel = try tmux.waitFor("sunrise-bakery.com", timeout: .seconds(30))
        #expect(!panel.contains("bobs-bikes.de"))
        try tmux.press("q")
        try Self.waitForShell(tmux)
        let entries = try door.waitForAudit("ssh.session.end")
        #expect(entries.contains { $0.action == "ssh.session.start" && $0.principal == "customer:\(DemoWorld.alice)" })
        #expect(door.sshd.log.contains("Starting session: forced-command (config) '\(CLI.binary.path) --db"), "sshd did not use ForceCommand")
    }
}

/// The SSH commands through the real binary, without sshd.
@Suite struct SSHCommandLineTests {
    static let aliceKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJJxONhp2Sl7smP6pcrM30aOX1WtT4E8z7TFIw5gPUqG alice@laptop"
    static let aliceFingerprint = "SHA256:oRsEWtl9U/FBLI28LzdMXgns5CglPk+ZsU7ORKHd7GA"

    @Test func authorizedKeysPrintsOneRestrictedLineForARegisteredKeyAndNothingElse() throws {
        let demo = try DemoFixture()
        let fields = Self.aliceKey.split(separator: " ").map(String.init)
        let unknown = try demo.cli.run(["authorized-keys", "panel", fields[0], fields[1]])
        #expect(unknown.status == 0)
        #expect(unknown.stdout.isEmpty)

        #expect(try demo.cli.run(["--as", "customer:\(DemoWorld.alice)", "keys", "add", Self.aliceKey]).status == 0)
        let known = try demo.cli.run(["authorized-keys", "panel", fields[0], fields[1]])
        #expect(known.status == 0)
        #expect(known.stdout == "restrict,pty,command=\"\(CLI.binary.resolvingSymlinksInPath().path) --db \(demo.cli.databasePath) session --key \(Self.aliceFingerprint)\" \(fields[0]) \(fields[1])\n")
        // The same blob announced as another type, or garbage, gets nothing.
        #expect(try demo.cli.run(["authorized-keys", "panel", "ssh-rsa", fields[1]]).stdout.isEmpty)
        #expect(try demo.cli.run(["authorized-keys", "panel", "ssh-ed25519", "AAAA"]).stdout.isEmpty)
    }

    @Test func keysCommandsExitCodesAndScoping() throws {
        let demo = try DemoFixture()
        let asAlice = ["--as", "customer:\(DemoWorld.alice)"]
        let asBob = ["--as", "customer:\(DemoWorld.bob)"]
        let bad = try demo.cli.run(asAlice + ["keys", "add", "ssh-ed25519 not*base64"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("not valid base64"))
        #expect(try demo.cli.run(asAlice + ["keys", "add"], stdin: Self.aliceKey).status == 0)
        #expect(try demo.cli.run(asBob + ["keys", "add", Self.aliceKey]).status == 1)                       // already registered
        #expect(try demo.cli.run(asBob + ["keys", "add", "--for", "customer:\(DemoWorld.alice)", Self.aliceKey]).status == 1)
        #expect(try demo.cli.run(asBob + ["keys", "list"]).stdout.contains("No SSH keys"))
        #expect(try demo.cli.run(asAlice + ["keys", "list"]).stdout.contains(Self.aliceFingerprint))
        #expect(try demo.cli.run(["--as", "operator", "keys", "list", "--for", "customer:\(DemoWorld.alice)"]).stdout.contains(Self.aliceFingerprint))
        #expect(try demo.cli.run(asBob + ["keys", "remove", Self.aliceFingerprint]).status == 3)
        #expect(try demo.cli.run(asAlice + ["keys", "remove", "not-a-fingerprint"]).status == 2)
        let session = try demo.cli.run(["session", "--key", "SHA256:" + String(repeating: "A", count: 43)])
        #expect(session.status == 3)
        #expect(session.stderr.contains("not registered"))
        #expect(try demo.cli.run(asAlice + ["keys", "remove", Self.aliceFingerprint]).status == 0)
    }
}
