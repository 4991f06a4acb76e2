import Foundation
import SwiftASN1

/// A CSR's signature algorithm by OID: its name as shown to people, and whether its hash is
/// too weak (MD2, MD5, SHA-1) for a certificate request today.
struct SignatureAlgorithmName: Sendable {
    var oid: ASN1ObjectIdentifier
    var name: String
    var isWeak: Bool
    var hash: Hash?

    enum Hash: Sendable { case md5, sha1, sha256, sha384, sha512 }

    static let known: [ASN1ObjectIdentifier: (name: String, weak: Bool, hash: Hash?)] = [
        [1, 2, 840, 113_549, 1, 1, 2]: ("MD2 with RSA", true, nil),
        [1, 2, 840, 113_549, 1, 1, 4]: ("MD5 with RSA", true, .md5),
        [1, 2, 840, 113_549, 1, 1, 5]: ("SHA-1 with RSA", true, .sha1),
        [1, 2, 840, 113_549, 1, 1, 14]: ("SHA-224 with RSA", false, nil),
        [1, 2, 840, 113_549, 1, 1, 11]: ("SHA-256 with RSA", false, .sha256),
        [1, 2, 840, 113_549, 1, 1, 12]: ("SHA-384 with RSA", false, .sha384),
        [1, 2, 840, 113_549, 1, 1, 13]: ("SHA-512 with RSA", false, .sha512),
        [1, 2, 840, 113_549, 1, 1, 10]: ("RSA-PSS", false, nil),
        [1, 2, 840, 10045, 4, 1]: ("ECDSA with SHA-1", true, .sha1),
        [1, 2, 840, 10045, 4, 3, 1]: ("ECDSA with SHA-224", false, nil),
        [1, 2, 840, 10045, 4, 3, 2]: ("ECDSA with SHA-256", false, .sha256),
        [1, 2, 840, 10045, 4, 3, 3]: ("ECDSA with SHA-384", false, .sha384),
        [1, 2, 840, 10045, 4, 3, 4]: ("ECDSA with SHA-512", false, .sha512),
        [1, 3, 101, 112]: ("Ed25519", false, nil),
        [1, 3, 101, 113]: ("Ed448", false, nil),
        [1, 2, 840, 10040, 4, 3]: ("DSA with SHA-1", true, .sha1),
        [2, 16, 840, 1, 101, 3, 4, 3, 1]: ("DSA with SHA-224", false, nil),
        [2, 16, 840, 1, 101, 3, 4, 3, 2]: ("DSA with SHA-256", false, .sha256),
    ]

    init(_ oid: ASN1ObjectIdentifier) {
        self.oid = oid
        let entry = Self.known[oid]
        name = entry?.name ?? "an unknown algorithm (OID \(oid))"
        isWeak = entry?.weak ?? false
        hash = entry?.hash
    }

    var isRSA: Bool { oid.oidComponents.starts(with: [1, 2, 840, 113_549, 1, 1]) }
    var isECDSA: Bool { oid.oidComponents.starts(with: [1, 2, 840, 10045, 4]) }
}
