import Crypto
import Foundation
import PanelModel

/// One registered SSH public key and whose it is.
public struct SSHKeyRecord: Sendable, Equatable {
    public var id: Int64
    /// `SHA256:` + unpadded base64 of SHA-256 of the key blob, as `ssh-keygen -l` prints it.
    public var fingerprint: String
    public var key: SSHPublicKey
    public var owner: Principal
    public var createdAt: Date

    public var comment: String { key.comment }
}

public enum SSHFingerprint {
    /// The OpenSSH SHA-256 fingerprint of a key blob: `SHA256:` + base64 without padding.
    public static func of(_ blob: [UInt8]) -> String {
        let digest = Data(SHA256.hash(data: blob)).base64EncodedString()
        return "SHA256:" + digest.replacingOccurrences(of: "=", with: "")
    }

    /// Whether `text` has the shape of a SHA-256 fingerprint (43 base64 characters after `SHA256:`).
    public static func isWellFormed(_ text: String) -> Bool {
        guard text.hasPrefix("SHA256:") else { return false }
        let digest = text.dropFirst("SHA256:".count)
        return digest.count == 43 && digest.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "+" || $0 == "/") }
    }
}

extension SSHPublicKey {
    public var fingerprint: String { SSHFingerprint.of(blob) }
}

extension PanelDatabase {
    /// Registers `key` for `owner`, acting as `principal`: customers and resellers register
    /// their own keys, operators anyone's. A key is registered once across all principals.
    @discardableResult
    public func addSSHKey(_ key: SSHPublicKey, for owner: Principal, as principal: Principal,
                          clock: any Clock = SystemClock()) throws -> SSHKeyRecord {
        try Self.checkManages(owner, as: principal)
        let now = clock.now
        let fingerprint = key.fingerprint
        return try write { db in
            try Self.checkExists(owner, db)
            if try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM ssh_keys WHERE fingerprint = ?)", arguments: [fingerprint]) == true {
                throw PanelError.refused("The key \(fingerprint) is already registered. A key can belong to one account only: create a new key (ssh-keygen -t ed25519) for this one, or remove the old registration first.")
            }
            let (kind, ownerID) = Self.columns(owner)
            let id = try db.insert(sql: """
                INSERT INTO ssh_keys (fingerprint, key_type, key_blob, comment, principal_kind, principal_id, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [fingerprint, key.type.rawValue, Data(key.blob), key.comment, kind, ownerID, now])
            try AuditLog.record(db, principal: principal, action: "ssh.key.add", subject: "ssh-key:\(fingerprint)",
                                summary: "\(key.type.rawValue) \(key.bits)-bit key for \(owner)" + (key.comment.isEmpty ? "" : " (\(key.comment))"),
                                at: now)
            return SSHKeyRecord(id: id, fingerprint: fingerprint, key: key, owner: owner, createdAt: now)
        }
    }

    /// The keys of `owner` (nil: every key, for operators only), oldest first.
    public func sshKeys(of owner: Principal?, as principal: Principal) throws -> [SSHKeyRecord] {
        if let owner {
            try Self.checkManages(owner, as: principal)
        } else if principal != .operator {
            return try sshKeys(of: principal, as: principal)
        }
        return try read { db in
            let rows: [SQLRow]
            if let owner {
                let (kind, ownerID) = Self.columns(owner)
                rows = try SQLRow.fetchAll(db, sql: "SELECT * FROM ssh_keys WHERE principal_kind = ? AND principal_id = ? ORDER BY id",
                                        arguments: [kind, ownerID])
            } else {
                rows = try SQLRow.fetchAll(db, sql: "SELECT * FROM ssh_keys ORDER BY id")
            }
            return try rows.map(Self.sshKeyRecord)
        }
    }

    /// Removes the key with `fingerprint`. A key the principal may not manage reads exactly
    /// like one that is not registered.
    @discardableResult
    public func removeSSHKey(fingerprint: String, as principal: Principal, clock: any Clock = SystemClock()) throws -> SSHKeyRecord {
        let now = clock.now
        return try write { db in
            guard let row = try SQLRow.fetchOne(db, sql: "SELECT * FROM ssh_keys WHERE fingerprint = ?", arguments: [fingerprint]),
                  let record = try? Self.sshKeyRecord(row),
                  Self.manages(record.owner, as: principal) else {
                throw Self.keyNotFound(fingerprint)
            }
            try db.execute(sql: "DELETE FROM ssh_keys WHERE id = ?", arguments: [record.id])
            try AuditLog.record(db, principal: principal, action: "ssh.key.remove", subject: "ssh-key:\(fingerprint)",
                                summary: "\(record.key.type.rawValue) key of \(record.owner) removed" + (record.comment.isEmpty ? "" : " (\(record.comment))"),
                                at: now)
            return record
        }
    }

    /// The key with `fingerprint`, whoever owns it: for sshd's AuthorizedKeysCommand and the
    /// SSH session, which act on sshd's word that the client holds the private key.
    public func sshKey(fingerprint: String) throws -> SSHKeyRecord? {
        try read { db in
            try SQLRow.fetchOne(db, sql: "SELECT * FROM ssh_keys WHERE fingerprint = ?", arguments: [fingerprint]).map(Self.sshKeyRecord)
        }
    }

    /// Starts an SSH session for the key with `fingerprint`: checks that the key is still
    /// registered and its owner may log in, and records `ssh.session.start`. `origin` is sshd's
    /// `SSH_CONNECTION`/`SSH_CLIENT` text, kept in the audit entry.
    /// `requestedCommand` is what the client asked to run instead (never run), for the record.
    public func startSSHSession(fingerprint: String, origin: String?, requestedCommand: String? = nil,
                                clock: any Clock = SystemClock()) throws -> SSHKeyRecord {
        let now = clock.now
        return try write { db in
            guard let row = try SQLRow.fetchOne(db, sql: "SELECT * FROM ssh_keys WHERE fingerprint = ?", arguments: [fingerprint]) else {
                throw Self.keyNotFound(fingerprint)
            }
            let record = try Self.sshKeyRecord(row)
            if case .customer(let id) = record.owner {
                guard let customer = try SQLRow.fetchOne(db, sql: """
                    SELECT c.status, r.name AS reseller_name FROM customers c JOIN resellers r ON r.id = c.reseller_id WHERE c.id = ?
                    """, arguments: [id.rawValue]) else {
                    throw Self.keyNotFound(fingerprint)
                }
                let status = CustomerStatus(rawValue: customer["status"]) ?? .deleted
                if let message = LoginPolicy.statusMessage(status, resellerName: customer["reseller_name"]) {
                    try AuditLog.record(db, principal: record.owner, action: "ssh.session.refused", subject: "ssh-key:\(fingerprint)",
                                        summary: "\(status.rawValue) customer" + Self.originText(origin), at: now)
                    return Result<SSHKeyRecord, PanelError>.failure(.refused(message))
                }
            }
            try AuditLog.record(db, principal: record.owner, action: "ssh.session.start", subject: "ssh-key:\(fingerprint)",
                                summary: "SSH session with key \(fingerprint)" + Self.originText(origin) + Self.requestText(requestedCommand), at: now)
            return .success(record)
        }.get()
    }

    /// Records `ssh.command.refused`: a login without a terminal (`ssh host id`, scp, sftp),
    /// which the panel refuses to serve. Written only for a registered key.
    public func refuseSSHCommand(fingerprint: String, origin: String?, requestedCommand: String?, clock: any Clock = SystemClock()) throws {
        try write { db in
            guard let row = try SQLRow.fetchOne(db, sql: "SELECT * FROM ssh_keys WHERE fingerprint = ?", arguments: [fingerprint]) else { return }
            let record = try Self.sshKeyRecord(row)
            try AuditLog.record(db, principal: record.owner, action: "ssh.command.refused", subject: "ssh-key:\(fingerprint)",
                                summary: "no terminal" + Self.originText(origin) + Self.requestText(requestedCommand), at: clock.now)
        }
    }

    /// `; asked to run "scp -t ." (not run)`: escaped and cut, as it is the client's text.
    static func requestText(_ command: String?) -> String {
        guard let command, !command.isEmpty else { return "" }
        return "; asked to run \(EchoedText.quoted(command)) (not run)"
    }

    /// Records `ssh.session.end` for a session started with `startSSHSession`.
    public func endSSHSession(_ record: SSHKeyRecord, origin: String?, clock: any Clock = SystemClock()) throws {
        try write { db in
            try AuditLog.record(db, principal: record.owner, action: "ssh.session.end", subject: "ssh-key:\(record.fingerprint)",
                                summary: "SSH session with key \(record.fingerprint) ended" + Self.originText(origin), at: clock.now)
        }
    }

    // MARK: - Helpers

    static func keyNotFound(_ fingerprint: String) -> PanelError {
        .notFound("No SSH key \(fingerprint) is registered for you. List your keys with `certpanel keys list`; fingerprints look like SHA256:… (ssh-keygen -lf KEY.pub).")
    }

    private static func originText(_ origin: String?) -> String {
        guard let origin, !origin.isEmpty else { return "" }
        let address = origin.split(separator: " ").prefix(2).joined(separator: " port ")
        return " from \(String(address.unicodeScalars.filter { $0.value >= 0x20 && $0.value < 0x7F }.prefix(80)))"
    }

    static func manages(_ owner: Principal, as principal: Principal) -> Bool {
        principal == .operator || owner == principal
    }

    static func checkManages(_ owner: Principal, as principal: Principal) throws {
        guard manages(owner, as: principal) else {
            throw PanelError.refused("Only operators manage another account's SSH keys; you (\(principal)) can manage your own keys only. Leave out --for.")
        }
    }

    static func checkExists(_ owner: Principal, _ db: any SQLConnection) throws {
        switch owner {
        case .customer(let id):
            guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM customers WHERE id = ?)", arguments: [id.rawValue]) == true else {
                throw PanelError.customerNotFound(id)
            }
        case .reseller(let id):
            guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM resellers WHERE id = ?)", arguments: [id.rawValue]) == true else {
                throw PanelError.notFound("Reseller \(id) not found.")
            }
        case .operator:
            break
        }
    }

    static func columns(_ owner: Principal) -> (kind: String, id: Int64) {
        switch owner {
        case .customer(let id): ("customer", id.rawValue)
        case .reseller(let id): ("reseller", id.rawValue)
        case .operator: ("operator", 0)
        }
    }

    static func sshKeyRecord(_ row: SQLRow) throws -> SSHKeyRecord {
        let kind: String = row["principal_kind"]
        let ownerID: Int64 = row["principal_id"]
        let owner: Principal
        switch kind {
        case "customer": owner = .customer(CustomerID(ownerID))
        case "reseller": owner = .reseller(ResellerID(ownerID))
        default: owner = .operator
        }
        let blob: Data = row["key_blob"]
        let key = try SSHPublicKey(type: row["key_type"], base64: blob.base64EncodedString(), comment: row["comment"])
        return SSHKeyRecord(id: row["id"], fingerprint: row["fingerprint"], key: key, owner: owner, createdAt: row["created_at"])
    }
}
