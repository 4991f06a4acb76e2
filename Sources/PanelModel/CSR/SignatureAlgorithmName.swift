import Foundation
import SwiftASN1

/// A CSR's signature algorithm by OID: its name as shown to people, the kind of key that can
/// make it, and whether its hash is too weak (MD2, MD4, MD5, SHA-1) for a certificate request today.
struct SignatureAlgorithmName: Sendable {
    var oid: ASN1ObjectIdentifier
    var name: String
    var isWeak: Bool
    var hash: Hash?
    /// The key type the algorithm needs; nil for an unknown OID.
    var keyFamily: KeyFamily?

    enum Hash: Sendable { case md2, md4, md5, sha1, sha224, sha256, sha384, sha512 }
    enum KeyFamily: Sendable { case rsa, ec, ed25519, ed448, dsa, mlDSA }

    static let known: [ASN1ObjectIdentifier: (name: String, weak: Bool, hash: Hash?, family: KeyFamily)] = [
        [1, 2, 840, 113_549, 1, 1, 2]: ("MD2 with RSA", true, .md2, .rsa),
        [1, 2, 840, 113_549, 1, 1, 3]: ("MD4 with RSA", true, .md4, .rsa),
        [1, 2, 840, 113_549, 1, 1, 4]: ("MD5 with RSA", true, .md5, .rsa),
        [1, 2, 840, 113_549, 1, 1, 5]: ("SHA-1 with RSA", true, .sha1, .rsa),
        [1, 2, 840, 113_549, 1, 1, 14]: ("SHA-224 with RSA", false, .sha224, .rsa),
        [1, 2, 840, 113_549, 1, 1, 11]: ("SHA-256 with RSA", false, .sha256, .rsa),
        [1, 2, 840, 113_549, 1, 1, 12]: ("SHA-384 with RSA", false, .sha384, .rsa),
        [1, 2, 840, 113_549, 1, 1, 13]: ("SHA-512 with RSA", false, .sha512, .rsa),
        [1, 2, 840, 113_549, 1, 1, 10]: ("RSA-PSS", false, nil, .rsa),
        [1, 2, 840, 10045, 4, 1]: ("ECDSA with SHA-1", true, .sha1, .ec),
        [1, 2, 840, 10045, 4, 3, 1]: ("ECDSA with SHA-224", false, .sha224, .ec),
        [1, 2, 840, 10045, 4, 3, 2]: ("ECDSA with SHA-256", false, .sha256, .ec),
        [1, 2, 840, 10045, 4, 3, 3]: ("ECDSA with SHA-384", false, .sha384, .ec),
        [1, 2, 840, 10045, 4, 3, 4]: ("ECDSA with SHA-512", false, .sha512, .ec),
        [1, 3, 101, 112]: ("Ed25519", false, nil, .ed25519),
        [1, 3, 101, 113]: ("Ed448", false, nil, .ed448),
        [1, 2, 840, 10040, 4, 3]: ("DSA with SHA-1", true, .sha1, .dsa),
        [2, 16, 840, 1, 101, 3, 4, 3, 1]: ("DSA with SHA-224", false, .sha224, .dsa),
        [2, 16, 840, 1, 101, 3, 4, 3, 2]: ("DSA with SHA-256", false, .sha256, .dsa),
        // FIPS 204: the same OIDs name the key and the signature.
        PublicKeyKind.mlDSA44: ("ML-DSA-44", false, nil, .mlDSA),
        PublicKeyKind.mlDSA65: ("ML-DSA-65", false, nil, .mlDSA),
        PublicKeyKind.mlDSA87: ("ML-DSA-87", false, nil, .mlDSA),
    ]

    init(_ oid: ASN1ObjectIdentifier) {
        self.oid = oid
        let entry = Self.known[oid]
        name = entry?.name ?? "an unknown algorithm (OID \(oid))"
        isWeak = entry?.weak ?? false
        hash = entry?.hash
        keyFamily = entry?.family
    }
}
