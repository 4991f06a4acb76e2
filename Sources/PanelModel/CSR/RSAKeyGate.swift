import SwiftASN1
import _CryptoExtras

/// Builds an RSA public key from a CSR's SubjectPublicKeyInfo without handing untrusted DER to
/// swift-crypto's DER initialisers.
///
/// swift-crypto 3.12.3 frees its EVP_PKEY twice when BoringSSL refuses an RSA public key given as
/// DER (`BoringSSLRSAPublicKey.Backing.init(contiguousDerRepresentation:)` frees it in its
/// `catch`, then `deinit` frees it again). `_RSA.Signing.PublicKey(unsafeDERRepresentation:)`
/// and swift-certificates' `Certificate.PublicKey(derEncoded:)` (and so
/// `CertificateSigningRequest(derEncoded:)`) go through it: a CSR with a damaged RSA key aborted
/// the process, or corrupted its heap (found by fuzz/csr). The modulus-and-exponent
/// initialiser frees once, and BoringSSL applies the same checks (`RSA_check_key`) there as to
/// DER, so a key it accepts here is safe to give to those DER initialisers.
enum RSAKeyGate {
    /// True for an `rsaEncryption` or RSA-PSS key, whatever its contents.
    static func isRSA(_ info: SubjectPublicKeyInfoFields) -> Bool {
        info.algorithm.algorithm == PublicKeyKind.rsaEncryption || info.algorithm.algorithm == PublicKeyKind.rsaPSS
    }

    /// The key, when it is RSA and BoringSSL accepts it: `RSAPublicKey ::= SEQUENCE { modulus
    /// INTEGER, publicExponent INTEGER }` in DER, both non-negative and minimally encoded (as
    /// BoringSSL parses them), nothing after it. nil for other keys and refused RSA keys.
    static func publicKey(_ info: SubjectPublicKeyInfoFields) -> _RSA.Signing.PublicKey? {
        guard isRSA(info), info.key.paddingBits == 0,
              let root = try? DER.parse(info.key.bytes),
              let (modulus, exponent) = try? DER.sequence(root, identifier: .sequence, { nodes in
                  guard let n = nodes.next(), let e = nodes.next(), nodes.next() == nil else {
                      throw ASN1Error.invalidASN1Object(reason: "RSAPublicKey has two integers")
                  }
                  return (try unsignedInteger(n), try unsignedInteger(e))
              })
        else { return nil }
        return try? _RSA.Signing.PublicKey(n: modulus, e: exponent)
    }

    private static func unsignedInteger(_ node: ASN1Node) throws -> ArraySlice<UInt8> {
        guard node.identifier == .integer, case .primitive(let bytes) = node.content,
              let first = bytes.first, first & 0x80 == 0,
              !(first == 0 && bytes.count > 1 && bytes[bytes.startIndex + 1] & 0x80 == 0) else {
            throw ASN1Error.invalidASN1Object(reason: "not a non-negative DER INTEGER")
        }
        return bytes
    }
}

extension RSAKeyGate {
    /// False when the certificate in `der` has an RSA key that BoringSSL refuses: then it must
    /// not reach swift-certificates' `Certificate(derEncoded:)`, which hands the key to the same
    /// DER initialiser. True for every other certificate, and for DER that is no certificate at
    /// all (the parser refuses that itself, before any key is read).
    static func acceptsKey(ofCertificate der: [UInt8]) -> Bool {
        guard let root = try? DER.parse(der),
              case .constructed(let certificate) = root.content,
              let tbs = certificate.first(where: { _ in true }), case .constructed(let tbsFields) = tbs.content else { return true }
        var fields = tbsFields.makeIterator()
        // tbsCertificate: [0] version (optional), serial, signature, issuer, validity, subject, SPKI.
        var node = fields.next()
        if node?.identifier == ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific) { node = fields.next() }
        for _ in 0..<5 { node = fields.next() }
        guard let spkiNode = node, let spki = try? SubjectPublicKeyInfoFields(derEncoded: spkiNode) else { return true }
        return !isRSA(spki) || publicKey(spki) != nil
    }
}
