import Crypto
import Foundation
import SwiftASN1
import _CryptoExtras

/// Verifies a CSR's self-signature (proof that whoever made it holds the private key) with Swift
/// Crypto over certificationRequestInfo exactly as received, as OpenSSL does: re-encoding it
/// (swift-certificates' path) would change the signed bytes of a CSR that is valid BER/DER but
/// not canonical, and its strict parser refuses some real CSRs outright. Weak keys and hashes
/// (RSA 1024, SHA-1) are still checked, so that what is refused for them is reported truthfully.
enum CSRSignatureCheck {
    enum Outcome: Equatable, Sendable {
        case verifies
        case fails
        /// The signature algorithm needs another kind of key than the CSR's.
        case keyMismatch
        /// A key and algorithm that belong together, but that Swift Crypto cannot verify here
        /// (MD2/MD4/MD5, SHA-224, RSA-PSS, DSA, Ed448, ML-DSA, other curves, unknown OIDs).
        case unsupported
    }

    static func check(_ csr: CSRStructure) -> Outcome {
        let algorithm = SignatureAlgorithmName(csr.signatureAlgorithm)
        let key = PublicKeyKind(csr.publicKey)
        guard let family = algorithm.keyFamily else { return .unsupported }
        guard key.matches(family) else { return .keyMismatch }
        let signed = Data(csr.infoBytes)
        let signature = Data(csr.signature.bytes)
        let spki = Data(csr.publicKey.encodedBytes)
        switch family {
        case .rsa:
            // The key reaches swift-crypto's DER parsers only once BoringSSL has accepted it
            // (RSAKeyGate: a refused key is freed twice by swift-crypto 3.12.3).
            guard let hash = algorithm.hash, let rsaKey = RSAKeyGate.publicKey(csr.publicKey) else { return .unsupported }
            return rsa(rsaKey, _RSA.Signing.RSASignature(rawRepresentation: signature), hash: hash, signed: signed)
        case .ec:
            guard let hash = algorithm.hash else { return .unsupported }
            return ecdsa(spki: spki, signature: signature, hash: hash, signed: signed)
        case .ed25519:
            guard let edKey = try? Curve25519.Signing.PublicKey(rawRepresentation: csr.publicKey.key.bytes) else { return .fails }
            return verdict(edKey.isValidSignature(signature, for: signed))
        case .ed448, .dsa, .mlDSA:
            return .unsupported
        }
    }

    /// RSA PKCS#1 v1.5 (the padding of `sha256WithRSAEncryption` and its siblings).
    private static func rsa(_ key: _RSA.Signing.PublicKey, _ signature: _RSA.Signing.RSASignature,
                            hash: SignatureAlgorithmName.Hash, signed: Data) -> Outcome {
        let padding = _RSA.Signing.Padding.insecurePKCS1v1_5
        switch hash {
        case .sha1: return verdict(key.isValidSignature(signature, for: Insecure.SHA1.hash(data: signed), padding: padding))
        case .sha256: return verdict(key.isValidSignature(signature, for: SHA256.hash(data: signed), padding: padding))
        case .sha384: return verdict(key.isValidSignature(signature, for: SHA384.hash(data: signed), padding: padding))
        case .sha512: return verdict(key.isValidSignature(signature, for: SHA512.hash(data: signed), padding: padding))
        case .md2, .md4, .md5, .sha224: return .unsupported   // no DigestInfo for these in Swift Crypto's RSA
        }
    }

    /// ECDSA on P-256, P-384 or P-521 with any SHA-1/SHA-2 hash (X.509 does not tie the hash to the curve).
    private static func ecdsa(spki: Data, signature: Data, hash: SignatureAlgorithmName.Hash, signed: Data) -> Outcome {
        // The hash first: a signature that cannot be checked is not called broken.
        guard [.sha1, .sha256, .sha384, .sha512].contains(hash) else { return .unsupported }
        if let key = try? P256.Signing.PublicKey(derRepresentation: spki) {
            guard let ecdsa = try? P256.Signing.ECDSASignature(derRepresentation: signature) else { return .fails }
            return digest(hash, signed) { verdict(key.isValidSignature(ecdsa, for: $0)) }
        }
        if let key = try? P384.Signing.PublicKey(derRepresentation: spki) {
            guard let ecdsa = try? P384.Signing.ECDSASignature(derRepresentation: signature) else { return .fails }
            return digest(hash, signed) { verdict(key.isValidSignature(ecdsa, for: $0)) }
        }
        if let key = try? P521.Signing.PublicKey(derRepresentation: spki) {
            guard let ecdsa = try? P521.Signing.ECDSASignature(derRepresentation: signature) else { return .fails }
            return digest(hash, signed) { verdict(key.isValidSignature(ecdsa, for: $0)) }
        }
        return .unsupported
    }

    /// Calls `body` with the digest of `data` for the hashes Swift Crypto has; `.unsupported` otherwise.
    private static func digest(_ hash: SignatureAlgorithmName.Hash, _ data: Data, _ body: (any Digest) -> Outcome) -> Outcome {
        switch hash {
        case .sha1: body(Insecure.SHA1.hash(data: data))
        case .sha256: body(SHA256.hash(data: data))
        case .sha384: body(SHA384.hash(data: data))
        case .sha512: body(SHA512.hash(data: data))
        case .md2, .md4, .md5, .sha224: .unsupported
        }
    }

    private static func verdict(_ valid: Bool) -> Outcome { valid ? .verifies : .fails }
}
