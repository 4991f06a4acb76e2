import Foundation
import PanelModel

extension PanelDatabase {
    /// Checks a customer's username and password and answers the principal to act as.
    /// Failures are counted and audited in the same transaction as the check.
    public func login(username: String, password: String, clock: any Clock = SystemClock()) throws -> Principal {
        let now = clock.now
        let key = username.trimmingCharacters(in: .whitespaces).lowercased()
        let outcome: Result<Principal, PanelError> = try write { db in
            guard let row = try SQLRow.fetchOne(db, sql: """
                SELECT c.id, c.status, c.password_hash, c.failed_logins, c.locked_until, r.name AS reseller_name
                FROM customers c JOIN resellers r ON r.id = c.reseller_id WHERE \(db.equalsIgnoringCase("c.username"))
                """, arguments: [key]) else {
                return try Self.refuseUnknownUsername(key, password: password, now: now, db)
            }
            let id = CustomerID(row["id"])
            let principal = Principal.customer(id)
            if let lockedUntil = row["locked_until"] as Date?, lockedUntil > now {
                return .failure(.refused(LoginPolicy.lockedMessage(until: lockedUntil, now: now)))
            }
            guard let hash = row["password_hash"] as String?, PasswordHasher.verify(password, against: hash) else {
                let (failures, lockedUntil) = LoginPolicy.afterFailure(previousFailures: row["failed_logins"], now: now)
                try db.execute(sql: "UPDATE customers SET failed_logins = ?, locked_until = ? WHERE id = ?",
                               arguments: [failures, lockedUntil, id.rawValue])
                if let lockedUntil {
                    try AuditLog.record(db, principal: principal, action: "auth.locked", subject: "customer:\(id)",
                                        summary: "locked until \(lockedUntil) after \(LoginPolicy.maximumFailures) failed logins", at: now)
                    return .failure(.refused(LoginPolicy.lockedMessage(until: lockedUntil, now: now)))
                }
                return .failure(.refused(LoginPolicy.wrongCredentials))
            }
            try db.execute(sql: "UPDATE customers SET failed_logins = 0, locked_until = NULL WHERE id = ?", arguments: [id.rawValue])
            let status = CustomerStatus(rawValue: row["status"]) ?? .deleted
            if let message = LoginPolicy.statusMessage(status, resellerName: row["reseller_name"]) {
                return .failure(.refused(message))
            }
            try AuditLog.record(db, principal: principal, action: "auth.login", subject: "customer:\(id)", summary: "logged in with a password", at: now)
            return .success(principal)
        }
        return try outcome.get()
    }

    /// A username that is no account is answered exactly like a real one with a wrong
    /// password: the same hashing work, the same message, and the same lockout after
    /// `LoginPolicy.maximumFailures` failures (counted in `login_failures`), so neither the
    /// answers nor their timing tell which accounts exist.
    private static func refuseUnknownUsername(_ key: String, password: String, now: Date, _ db: any SQLConnection) throws -> Result<Principal, PanelError> {
        let row = try SQLRow.fetchOne(db, sql: "SELECT failed_logins, locked_until FROM login_failures WHERE username = ?", arguments: [key])
        if let lockedUntil = row?["locked_until"] as Date?, lockedUntil > now {
            return .failure(.refused(LoginPolicy.lockedMessage(until: lockedUntil, now: now)))
        }
        _ = PasswordHasher.verify(password, against: PasswordHasher.dummyHash)
        let (failures, lockedUntil) = LoginPolicy.afterFailure(previousFailures: row?["failed_logins"] ?? 0, now: now)
        try db.execute(sql: """
            INSERT INTO login_failures (username, failed_logins, locked_until) VALUES (?, ?, ?)
            ON CONFLICT(username) DO UPDATE SET failed_logins = excluded.failed_logins, locked_until = excluded.locked_until
            """, arguments: [key, failures, lockedUntil])
        if let lockedUntil {
            try AuditLog.record(db, principal: .operator, action: "auth.locked", subject: "username:\(key)",
                                summary: "unknown username locked until \(lockedUntil) after \(LoginPolicy.maximumFailures) failed logins", at: now)
            return .failure(.refused(LoginPolicy.lockedMessage(until: lockedUntil, now: now)))
        }
        return .failure(.refused(LoginPolicy.wrongCredentials))
    }
}

extension PasswordHasher {
    /// A fixed, valid hash of a random password nobody knows, for constant-time misses.
    static let dummyHash = "pbkdf2-sha256$210000$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="
}
