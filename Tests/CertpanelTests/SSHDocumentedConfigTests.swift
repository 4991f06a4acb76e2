import Foundation
import Testing
import PanelModel
import PanelStore

/// docs/ssh.md's `Match User panel` block, read out of the documentation: the deployment a
/// reader copies must start. (It once held `PermitUserEnvironment`, which sshd refuses inside
/// `Match`; the other end-to-end tests write their own settings, so they never saw it.)
@Suite(.serialized) struct SSHDocumentedConfigTests {
    static let documentedBinary = "/usr/local/bin/certpanel"
    static let documentedDatabase = "/var/lib/certpanel/certpanel.sqlite"

    /// The lines of the fenced block that starts with `Match User panel`, as written.
    static func documentedBlock() throws -> [String] {
        let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/ssh.md")
        let text = try String(contentsOf: docs, encoding: .utf8)
        let start = try #require(text.range(of: "```\nMatch User panel\n"))
        let end = try #require(text.range(of: "\n```", range: start.upperBound..<text.endIndex))
        return text[text.index(start.lowerBound, offsetBy: 4)..<end.lowerBound].split(separator: "\n").map(String.init)
    }

    /// The block for this test's sshd: only the binary, the database and the user (the tests
    /// log in as root) are replaced; every setting is the documentation's.
    static func substituted(_ block: [String], certpanel: String, database: String) -> [String] {
        block.map { line in
            line.replacingOccurrences(of: documentedBinary, with: certpanel)
                .replacingOccurrences(of: documentedDatabase, with: database)
                .replacingOccurrences(of: "Match User panel", with: "Match User root")
                .replacingOccurrences(of: "AuthorizedKeysCommandUser panel", with: "AuthorizedKeysCommandUser root")
        }
    }

    @Test func sshdAcceptsTheDocumentedBlockExactlyAsWritten() throws {
        let block = try Self.documentedBlock()
        #expect(block.first == "Match User panel")
        #expect(block.contains { $0.contains("ForceCommand") })
        let demo = try DemoFixture(seed: false)
        let checked = try SSHDaemon.check(SSHDaemon.harnessLines(port: 22222, hostKey: "/nonexistent", pidPath: demo.directory.path + "/x.pid")
                                              .filter { !$0.hasPrefix("HostKey") } + block, directory: demo.directory)
        #expect(checked.status == 0, "sshd -t refuses docs/ssh.md's block: \(checked.stderr)")
        // And the check can fail: the setting that once broke the block is still refused.
        let broken = try SSHDaemon.check(block + ["    PermitUserEnvironment no"], directory: demo.directory)
        #expect(broken.status != 0)
        #expect(broken.stderr.contains("PermitUserEnvironment"), "\(broken.stderr)")
    }

    @Test func aLoginThroughTheDocumentedBlockOpensThePanelAndCommandsAreRefusedAndAudited() throws {
        let block = try Self.documentedBlock()
        let door = try SSHEndToEndTests.Door(block: { certpanel, database in
            Self.substituted(block, certpanel: certpanel, database: database)
        })
        defer { door.sshd.stop() }
        let tmux = try TmuxSession(width: 100, height: 30, directory: door.demo.directory)
        defer { tmux.kill() }
        try tmux.shell(try door.sshLine(identity: door.aliceKey))
        let panel = try tmux.waitFor("sunrise-bakery.com", timeout: .seconds(30))
        #expect(!panel.contains("bobs-bikes.de"))
        try tmux.press("q")
        try SSHEndToEndTests.waitForShell(tmux)
        #expect(door.sshd.log.contains("Starting session: forced-command (config)"), "sshd did not use the block's ForceCommand")

        // Commands without a terminal, as `ssh host id`, scp and sftp send them: refused, audited.
        for remote in [["id"], ["scp", "-t", "."]] {
            let result = try door.sshd.ssh(identity: door.aliceKey, ["-T"], remote: remote)
            #expect(result.status == 2, "\(remote): \(result.stderr)")
            #expect(result.stderr.contains("runs no commands"))
        }
        let sftp = try door.sshd.ssh(identity: door.aliceKey, ["-T", "-s"], remote: ["sftp"])
        #expect(sftp.status != 0)
        let entries = try door.waitForAudit("ssh.command.refused", count: 3)
        let refused = entries.filter { $0.action == "ssh.command.refused" }
        #expect(refused.allSatisfy { $0.principal == "customer:\(DemoWorld.alice)" })
        #expect(refused.contains { $0.summary.contains("asked to run \"id\" (not run)") }, "\(refused.map(\.summary))")
        #expect(refused.contains { $0.summary.contains("asked to run \"scp -t .\" (not run)") })
        #expect(refused.contains { $0.summary.contains("sftp") }, "\(refused.map(\.summary))")
    }
}
