import Crypto
import Foundation
import SwiftASN1
import X509
import _CryptoExtras

/// Verifies a CSR's self-signature (proof that whoever made it holds the private key).
enum CSRSignatureCheck {
    enum Outcome: Equatable, Sendable { case verifies, fails, uncheckable }

    /// The algorithms swift-certificates verifies itself.
    static let certificatesAlgorithms: Set<ASN1ObjectIdentifier> = [
        [1, 2, 840, 113_549, 1, 1, 5], [1, 2, 840, 113_549, 1, 1, 11], [1, 2, 840, 113_549, 1, 1, 12],
        [1, 2, 840, 113_549, 1, 1, 13], [1, 2, 840, 10045, 4, 3, 2], [1, 2, 840, 10045, 4, 3, 3],
        [1, 2, 840, 10045, 4, 3, 4], [1, 3, 101, 112],
    ]

    static func check(_ csr: CSRStructure) -> Outcome {
        let algorithm = SignatureAlgorithmName(csr.signatureAlgorithm)
        // An RSA key reaches swift-crypto's DER parsers only once BoringSSL has accepted it (see RSAKeyGate).
        let rsaKey = RSAKeyGate.publicKey(csr.publicKey)
        let keyIsSafe = rsaKey != nil || !RSAKeyGate.isRSA(csr.publicKey)
        // swift-certificates, for every key and algorithm it loads: RSA of 2048 bits or more,
        // P-256/P-384/P-521 and Ed25519, with SHA-1 or SHA-2.
        if certificatesAlgorithms.contains(csr.signatureAlgorithm), keyIsSafe,
           let key = try? Certificate.PublicKey(derEncoded: csr.publicKey.encodedBytes) {
            guard let request = try? CertificateSigningRequest(derEncoded: csr.der) else { return .fails }
            return key.isValidSignature(request.signature, for: request) ? .verifies : .fails
        }
        // Swift Crypto directly for what swift-certificates will not load, so that a weak CSR is
        // still reported truthfully: RSA keys of 1024–2047 bits, and ECDSA with SHA-1.
        let signed = Data(csr.infoBytes)
        let signature = Data(csr.signature.bytes)
        if algorithm.isRSA, let hash = algorithm.hash, let key = rsaKey, key.keySizeInBits >= 1024 {
            let rsaSignature = _RSA.Signing.RSASignature(rawRepresentation: signature)
            let padding = _RSA.Signing.Padding.insecurePKCS1v1_5
            switch hash {
            case .md5: return .uncheckable   // Swift Crypto's RSA has no MD5 DigestInfo
            case .sha1: return verdict(key.isValidSignature(rsaSignature, for: Insecure.SHA1.hash(data: signed), padding: padding))
            case .sha256: return verdict(key.isValidSignature(rsaSignature, for: SHA256.hash(data: signed), padding: padding))
            case .sha384: return verdict(key.isValidSignature(rsaSignature, for: SHA384.hash(data: signed), padding: padding))
            case .sha512: return verdict(key.isValidSignature(rsaSignature, for: SHA512.hash(data: signed), padding: padding))
            }
        }
        if algorithm.isECDSA, algorithm.hash == .sha1 {
            let digest = Insecure.SHA1.hash(data: signed)
            let spki = Data(csr.publicKey.encodedBytes)
            if let key = try? P256.Signing.PublicKey(derRepresentation: spki) {
                guard let ecdsa = try? P256.Signing.ECDSASignature(derRepresentation: signature) else { return .fails }
                return verdict(key.isValidSignature(ecdsa, for: digest))
            }
            if let key = try? P384.Signing.PublicKey(derRepresentation: spki) {
                guard let ecdsa = try? P384.Signing.ECDSASignature(derRepresentation: signature) else { return .fails }
                return verdict(key.isValidSignature(ecdsa, for: digest))
            }
            if let key = try? P521.Signing.PublicKey(derRepresentation: spki) {
                guard let ecdsa = try? P521.Signing.ECDSASignature(derRepresentation: signature) else { return .fails }
                return verdict(key.isValidSignature(ecdsa, for: digest))
            }
        }
        return .uncheckable
    }

    private static func verdict(_ valid: Bool) -> Outcome { valid ? .verifies : .fails }
}
