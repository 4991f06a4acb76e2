import Foundation
import Testing
import PanelModel
@testable import PanelStore

@Suite struct SSHKeyStoreTests {
    let world: TemporaryDatabase
    var database: PanelDatabase { world.database }
    init() throws { world = try TemporaryDatabase.demo() }

    static let aliceKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJJxONhp2Sl7smP6pcrM30aOX1WtT4E8z7TFIw5gPUqG alice@laptop"
    /// What `ssh-keygen -lf` prints for it.
    static let aliceFingerprint = "SHA256:oRsEWtl9U/FBLI28LzdMXgns5CglPk+ZsU7ORKHd7GA"
    static let resellerKey = "ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBBELo4FOzy+YJ93P+wNK1oBny/sT1kv61vwz/kqEy+VL9zhrGyaMigjmkRv5V0Mxm1qoUVGq59tVPXFsP/F8bw4= t"
    static let resellerFingerprint = "SHA256:sGqnLi/VJUJrlRQ0OH50PghkFMWov6zDJKtAvSFoyBs"

    let alice = Principal.customer(CustomerID(DemoWorld.alice))
    let bob = Principal.customer(CustomerID(DemoWorld.bob))
    let clock = FixedClock(TestClock.now)

    func key(_ line: String) throws -> SSHPublicKey { try SSHPublicKey(parsing: line) }

    func failure(_ body: () throws -> Void) -> PanelError? {
        do { try body(); return nil } catch { return error as? PanelError }
    }

    @Test func fingerprintsMatchOpenSSH() throws {
        #expect(try key(Self.aliceKey).fingerprint == Self.aliceFingerprint)
        #expect(try key(Self.resellerKey).fingerprint == Self.resellerFingerprint)
        #expect(SSHFingerprint.isWellFormed(Self.aliceFingerprint))
        #expect(!SSHFingerprint.isWellFormed("SHA256:short"))
        #expect(!SSHFingerprint.isWellFormed("MD5:" + String(repeating: "a", count: 43)))
    }

    @Test func aCustomerAddsListsAndRemovesItsOwnKeyAndEveryChangeIsAudited() throws {
        let record = try database.addSSHKey(try key(Self.aliceKey), for: alice, as: alice, clock: clock)
        #expect(record.fingerprint == Self.aliceFingerprint)
        #expect(record.owner == alice)
        #expect(try database.sshKeys(of: alice, as: alice) == [record])
        #expect(try database.sshKey(fingerprint: Self.aliceFingerprint) == record)

        let removed = try database.removeSSHKey(fingerprint: Self.aliceFingerprint, as: alice, clock: clock)
        #expect(removed.id == record.id)
        #expect(try database.sshKeys(of: alice, as: alice).isEmpty)
        #expect(try database.sshKey(fingerprint: Self.aliceFingerprint) == nil)

        let entries = try database.auditEntries(subject: "ssh-key:\(Self.aliceFingerprint)")
        #expect(entries.map(\.action) == ["ssh.key.remove", "ssh.key.add"])
        #expect(entries.allSatisfy { $0.principal == "customer:\(DemoWorld.alice)" })
        #expect(entries.last?.summary.contains("ssh-ed25519 256-bit key for customer:\(DemoWorld.alice) (alice@laptop)") == true)
    }

    @Test func aKeyBelongsToOnePrincipalOnly() throws {
        try database.addSSHKey(try key(Self.aliceKey), for: alice, as: alice, clock: clock)
        // The same key again, for Bob (even by an operator) or for Alice herself: refused.
        let again = failure { try database.addSSHKey(try key(Self.aliceKey), for: bob, as: .operator, clock: clock) }
        #expect(again?.exitCode == 1)
        #expect(again?.message.contains("already registered") == true)
        // Another comment does not make it another key.
        let renamed = Self.aliceKey.replacingOccurrences(of: "alice@laptop", with: "bob@desk")
        #expect(failure { try database.addSSHKey(try key(renamed), for: alice, as: alice, clock: clock) }?.exitCode == 1)
        #expect(try database.sshKeys(of: nil, as: .operator).count == 1)
    }

    @Test func onlyOperatorsManageAnotherPrincipalsKeys() throws {
        let reseller = Principal.reseller(ResellerID(1))
        // Bob may not add to, list or remove Alice's keys; a reseller not its customers' either.
        #expect(failure { try database.addSSHKey(try key(Self.aliceKey), for: alice, as: bob, clock: clock) }?.exitCode == 1)
        #expect(failure { try database.addSSHKey(try key(Self.aliceKey), for: alice, as: reseller, clock: clock) }?.exitCode == 1)
        #expect(try database.sshKeys(of: nil, as: .operator).isEmpty)

        try database.addSSHKey(try key(Self.aliceKey), for: alice, as: .operator, clock: clock)
        try database.addSSHKey(try key(Self.resellerKey), for: reseller, as: reseller, clock: clock)
        #expect(failure { _ = try database.sshKeys(of: alice, as: bob) }?.exitCode == 1)
        // Without an owner a non-operator sees its own keys only.
        #expect(try database.sshKeys(of: nil, as: bob).isEmpty)
        #expect(try database.sshKeys(of: nil, as: reseller).map(\.fingerprint) == [Self.resellerFingerprint])
        #expect(try database.sshKeys(of: nil, as: .operator).map(\.fingerprint) == [Self.aliceFingerprint, Self.resellerFingerprint])

        // Removing someone else's key reads like removing a key that does not exist.
        let foreign = failure { try database.removeSSHKey(fingerprint: Self.aliceFingerprint, as: bob, clock: clock) }
        let missing = failure { try database.removeSSHKey(fingerprint: "SHA256:" + String(repeating: "A", count: 43), as: bob, clock: clock) }
        #expect(foreign?.exitCode == 3)
        #expect(foreign?.message == missing?.message.replacingOccurrences(of: "SHA256:" + String(repeating: "A", count: 43), with: Self.aliceFingerprint))
        #expect(try database.sshKey(fingerprint: Self.aliceFingerprint) != nil)
        // The operator can.
        try database.removeSSHKey(fingerprint: Self.aliceFingerprint, as: .operator, clock: clock)
        #expect(try database.auditEntries(subject: "ssh-key:\(Self.aliceFingerprint)").first?.principal == "operator")
    }

    @Test func keysForUnknownAccountsAreRefused() throws {
        #expect(failure { try database.addSSHKey(try key(Self.aliceKey), for: .customer(CustomerID(999)), as: .operator, clock: clock) }?.exitCode == 3)
        #expect(failure { try database.addSSHKey(try key(Self.aliceKey), for: .reseller(ResellerID(99)), as: .operator, clock: clock) }?.exitCode == 3)
        #expect(try database.sshKeys(of: nil, as: .operator).isEmpty)
    }

    @Test func sessionsAreAuditedAndRefusedForSuspendedOrUnknownKeys() throws {
        try database.addSSHKey(try key(Self.aliceKey), for: alice, as: alice, clock: clock)
        let record = try database.startSSHSession(fingerprint: Self.aliceFingerprint, origin: "192.0.2.7 50000 192.0.2.1 22", clock: clock)
        #expect(record.owner == alice)
        try database.endSSHSession(record, origin: "192.0.2.7 50000 192.0.2.1 22", clock: clock)
        let entries = try database.auditEntries(subject: "ssh-key:\(Self.aliceFingerprint)")
        #expect(entries.prefix(2).map(\.action) == ["ssh.session.end", "ssh.session.start"])
        #expect(entries[1].principal == "customer:\(DemoWorld.alice)")
        #expect(entries[1].summary == "SSH session with key \(Self.aliceFingerprint) from 192.0.2.7 port 50000")

        #expect(failure { _ = try database.startSSHSession(fingerprint: Self.resellerFingerprint, origin: nil, clock: clock) }?.exitCode == 3)

        // Erin is suspended: her key is refused with the login's words, and that is audited.
        let erin = Principal.customer(CustomerID(DemoWorld.erin))
        try database.addSSHKey(try key(Self.resellerKey), for: erin, as: .operator, clock: clock)
        let refused = failure { _ = try database.startSSHSession(fingerprint: Self.resellerFingerprint, origin: nil, clock: clock) }
        #expect(refused?.exitCode == 1)
        #expect(refused?.message.contains("suspended") == true)
        #expect(try database.auditEntries(subject: "ssh-key:\(Self.resellerFingerprint)").first?.action == "ssh.session.refused")
    }
}
