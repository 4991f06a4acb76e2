import Foundation
import PanelModel

/// The certificate authority kept in the database (only a demo one exists: `db seed --demo`
/// generates it). It signs accepted CSRs at once, which simulates the validation a real CA
/// would do; without one, accepted CSRs wait in "validating".
enum CertificateAuthorityStore {
    struct Issued {
        var pem: String
        /// The serial in upper-case hex, as stored in `certificates.serial`.
        var serialHex: String
        var notBefore: Date
        var notAfter: Date
    }

    /// Stores a newly generated demo authority; its serial counter starts at 1.
    static func insertDemo(_ authority: DemoCertificateAuthority, now: Date, _ db: any SQLConnection) throws {
        try db.execute(sql: """
            INSERT INTO certificate_authorities (name, is_demo, certificate_pem, private_key_pem, created_at) VALUES (?, 1, ?, ?, ?)
            """, arguments: [DemoCertificateAuthority.commonName, authority.certificatePEM, authority.privateKeyPEM, now])
    }

    /// The newest authority, with its row ID, or nil when the database has none.
    static func current(_ db: any SQLConnection) throws -> (id: Int64, authority: DemoCertificateAuthority)? {
        guard let row = try SQLRow.fetchOne(db, sql: "SELECT * FROM certificate_authorities ORDER BY id DESC LIMIT 1") else { return nil }
        let authority = try DemoCertificateAuthority(certificatePEM: row["certificate_pem"], privateKeyPEM: row["private_key_pem"])
        return (row["id"], authority)
    }

    /// Signs `csrPEM` for notBefore…notAfter with the next serial of the counter; nil without
    /// an authority. Runs inside the caller's write transaction, so a serial is never used twice.
    /// X.509 times are whole seconds: both ends are cut down to one, so a certificate issued
    /// at 12:00:00.7 is valid from 12:00:00 and a check in the same second never finds it
    /// "not yet valid". `Issued` carries the times as written, for the caller to store.
    static func issue(csrPEM: String, notBefore: Date, notAfter: Date, _ db: any SQLConnection) throws -> Issued? {
        guard let (id, authority) = try current(db) else { return nil }
        let notBefore = notBefore.wholeSecondsDown, notAfter = notAfter.wholeSecondsDown
        let serial = try Int64.fetchOne(db, sql: "SELECT next_serial FROM certificate_authorities WHERE id = ?", arguments: [id]) ?? 1
        try db.execute(sql: "UPDATE certificate_authorities SET next_serial = next_serial + 1 WHERE id = ?", arguments: [id])
        let bytes = serialBytes(serial)
        let pem = try authority.issue(csrPEM: csrPEM, serialNumber: bytes, notBefore: notBefore, notAfter: notAfter)
        return Issued(pem: pem, serialHex: bytes.map { String(format: "%02X", $0) }.joined(), notBefore: notBefore, notAfter: notAfter)
    }

    /// A positive DER INTEGER's content bytes: big-endian, minimal, with a leading zero when
    /// the high bit would otherwise make it negative.
    static func serialBytes(_ value: Int64) -> [UInt8] {
        var bytes = withUnsafeBytes(of: value.bigEndian, Array.init).drop { $0 == 0 }.map { $0 }
        if bytes.isEmpty || bytes[0] & 0x80 != 0 { bytes.insert(0, at: 0) }
        return bytes
    }
}

extension PanelDatabase {
    /// The PEM of the database's certificate authority, for `openssl verify -CAfile`.
    public func certificateAuthorityPEM() throws -> String {
        try read { db in
            guard let pem = try String.fetchOne(db, sql: "SELECT certificate_pem FROM certificate_authorities ORDER BY id DESC LIMIT 1") else {
                throw PanelError.notFound("This database has no certificate authority. Only the demo world has one: seed it with `certpanel db seed --demo`.")
            }
            return pem
        }
    }
}
