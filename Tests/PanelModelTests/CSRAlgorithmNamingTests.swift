import Crypto
import Foundation
import PanelModel
import SwiftASN1
import Testing
import _CryptoExtras

/// Weak hashes, post-quantum keys, odd versions and signatures that cannot be checked, each
/// named with its own message (issue 14, finding 6). Hand-built: the signature need not verify
/// for a name to be right.
@Suite struct CSRAlgorithmNamingTests {
    static func judge(_ csr: HandBuiltCSR, signature: [UInt8] = [0x01, 0x02, 0x03]) throws -> CSRVerdict {
        CSRCheck.judge(OpenSSL.pem("CERTIFICATE REQUEST", try csr.der { _ in signature }), for: nil)
    }

    static func rsaKey() throws -> [UInt8] {
        Array(try _RSA.Signing.PrivateKey(keySize: .bits2048).publicKey.derRepresentation)
    }

    @Test(arguments: [(UInt(2), "MD2 with RSA"), (3, "MD4 with RSA")])
    func md2AndMD4AreWeakHashes(_ arc: UInt, _ name: String) throws {
        let oid = try ASN1ObjectIdentifier(elements: [1, 2, 840, 113_549, 1, 1, arc])
        let verdict = try Self.judge(HandBuiltCSR(publicKey: try Self.rsaKey(), signatureAlgorithm: oid, nullParameters: true))
        #expect(verdict.problems.map(\.code) == ["weak_signature"])
        #expect(verdict.summary?.signatureAlgorithm == name)
        let message = try #require(verdict.problems.first?.message)
        #expect(message.hasPrefix("The CSR is signed with \(name); MD2, MD4, MD5 and SHA-1 signatures are no longer accepted."))
        #expect(message.contains("-sha256"))
    }

    @Test(arguments: [(UInt(17), "ML-DSA-44"), (18, "ML-DSA-65"), (19, "ML-DSA-87")])
    func mlDSAKeysAreNamedAndRefused(_ arc: UInt, _ name: String) throws {
        let oid = try ASN1ObjectIdentifier(elements: [2, 16, 840, 1, 101, 3, 4, 3, arc])
        let verdict = try Self.judge(HandBuiltCSR(publicKey: try HandBuiltCSR.spki(oid, keyBytes: 1312), signatureAlgorithm: oid))
        #expect(verdict.summary?.keyDescription == name)
        #expect(verdict.summary?.signatureAlgorithm == name)
        #expect(verdict.summary?.signatureVerifies == false)
        // Key and algorithm belong together: only the key is refused, not a "mismatch".
        #expect(verdict.problems.map(\.code) == ["post_quantum_key"])
        let message = try #require(verdict.problems.first?.message)
        #expect(message.contains("The key is \(name), a post-quantum algorithm"))
        #expect(message.contains("do not support for TLS certificates yet"))
        #expect(message.contains("RSA (2048 bits or more) or ECDSA (P-256 or P-384)"))
        #expect(verdict.canonicalPEM == nil)
    }

    @Test(arguments: [(UInt(1), "ML-KEM-512"), (2, "ML-KEM-768"), (3, "ML-KEM-1024")])
    func mlKEMKeysAreNamedAndRefused(_ arc: UInt, _ name: String) throws {
        let oid = try ASN1ObjectIdentifier(elements: [2, 16, 840, 1, 101, 3, 4, 4, arc])
        // A KEM key cannot sign: whatever the CSR claims, it was not signed with this key.
        let verdict = try Self.judge(HandBuiltCSR(publicKey: try HandBuiltCSR.spki(oid, keyBytes: 1184),
                                                  signatureAlgorithm: [2, 16, 840, 1, 101, 3, 4, 3, 18]))
        #expect(verdict.summary?.keyDescription == name)
        #expect(verdict.problems.map(\.code) == ["signature_key_mismatch", "post_quantum_key"])
        #expect(verdict.problems.last?.message.contains("The key is \(name), a post-quantum algorithm") == true)
    }

    @Test func aVersionOtherThanV1HasItsOwnMessage() throws {
        let key = P256.Signing.PrivateKey()
        let pem = OpenSSL.pem("CERTIFICATE REQUEST", try HandBuiltCSR.p256(key, version: 2, attributes: .none))
        let verdict = CSRCheck.judge(pem, for: CSRRequirement(domain: "example.com", type: .dv))
        #expect(verdict.isReadable)
        #expect(verdict.summary?.commonName == "example.com")   // still decoded for the preview
        #expect(verdict.summary?.signatureVerifies == true)
        #expect(verdict.problems.map(\.code) == ["csr_version"])
        let message = try #require(verdict.problems.first?.message)
        #expect(message.contains("version field is 2"))
        #expect(message.contains("version 1 (PKCS#10), is encoded as 0"))
        // The same key and names with version 0 are accepted.
        #expect(CSRCheck.judge(OpenSSL.pem("CERTIFICATE REQUEST", try HandBuiltCSR.p256(key, attributes: .none)),
                               for: CSRRequirement(domain: "example.com", type: .dv)).isAccepted)
    }

    /// An EC key under an RSA signature algorithm: the old message said "SHA-256 with RSA,
    /// which cannot be checked here. Generate the CSR again with SHA-256".
    @Test func aKeyThatDoesNotMatchTheAlgorithmIsSaidSo() throws {
        let key = P256.Signing.PrivateKey()
        let csr = HandBuiltCSR(publicKey: Array(key.publicKey.derRepresentation), signatureAlgorithm: HandBuiltCSR.sha256WithRSA,
                               nullParameters: true)
        let verdict = try Self.judge(csr, signature: Array(try key.signature(for: try csr.info()).derRepresentation))
        #expect(verdict.problems.map(\.code) == ["signature_key_mismatch"])
        let message = try #require(verdict.problems.first?.message)
        #expect(message.hasPrefix("The key and the signature algorithm do not match: the key is EC P-256, but the CSR says it is signed with SHA-256 with RSA"))
        #expect(message.contains("openssl req -new -key"))
        #expect(!message.contains("cannot be checked"))
        #expect(verdict.summary?.signatureVerifies == false)
    }

    @Test func anAlgorithmNotSupportedHereIsSaidSo() throws {
        let key = P256.Signing.PrivateKey()
        let sha224: ASN1ObjectIdentifier = [1, 2, 840, 10045, 4, 3, 1]
        let csr = HandBuiltCSR(publicKey: Array(key.publicKey.derRepresentation), signatureAlgorithm: sha224)
        let verdict = try Self.judge(csr)
        #expect(verdict.problems.map(\.code) == ["signature_unsupported"])
        let message = try #require(verdict.problems.first?.message)
        #expect(message.hasPrefix("The CSR is signed with ECDSA with SHA-224, a signature algorithm that is not supported here"))
        #expect(message.contains("-sha256"))
        #expect(!message.contains("do not match"))
    }

    /// A real RSA-PSS CSR from openssl: a key and algorithm that match, but not checked here.
    @Test func rsaPSSFromOpenSSLIsNotSupported() throws {
        let openssl = try OpenSSL()
        try openssl.succeed(["req", "-new", "-nodes", "-newkey", "rsa:2048", "-keyout", "pss.key", "-out", "pss.csr",
                             "-subj", "/CN=example.com", "-sha256", "-sigopt", "rsa_padding_mode:pss"])
        let verdict = CSRCheck.judge(try openssl.read("pss.csr"), for: nil)
        #expect(verdict.summary?.signatureAlgorithm == "RSA-PSS")
        #expect(verdict.summary?.keyDescription == "RSA 2048 bits")
        #expect(verdict.problems.map(\.code) == ["signature_unsupported"])
        #expect(verdict.problems.first?.message.contains("without `-sigopt` options") == true)
    }
}
