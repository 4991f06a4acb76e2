import Foundation
import SwiftASN1
import X509

/// A PKCS#10 CSR read field by field with SwiftASN1 and swift-certificates' DistinguishedName,
/// as leniently as OpenSSL where real CSRs need it (see `CSRExtensionRequest`); the signature is
/// checked over `infoBytes` as received, never re-encoded. The public key is kept as raw
/// SubjectPublicKeyInfo rather than loaded by swift-certificates, which refuses RSA keys under
/// 2048 bits, DSA and unknown curves: those must still be described and refused with a reason.
/// A version other than v1 (0) is kept, to be refused with its own reason.
///
///     CertificationRequest ::= SEQUENCE {
///         certificationRequestInfo  SEQUENCE { version, subject, subjectPKInfo, [0] attributes },
///         signatureAlgorithm        AlgorithmIdentifier,
///         signature                 BIT STRING }
struct CSRStructure {
    var der: [UInt8]
    /// The signed bytes: the DER of certificationRequestInfo.
    var infoBytes: ArraySlice<UInt8>
    /// As encoded: 0 is v1, the only version PKCS#10 defines.
    var version: Int
    var subject: DistinguishedName
    var publicKey: SubjectPublicKeyInfoFields
    var requestedExtensions: Certificate.Extensions
    var signatureAlgorithm: ASN1ObjectIdentifier
    var signature: ASN1BitString

    init(der: [UInt8]) throws {
        self.der = der
        let root = try DER.parse(der)
        let (info, algorithm, signature) = try DER.sequence(root, identifier: .sequence) { nodes in
            guard let info = nodes.next(), let algorithm = nodes.next(), let signature = nodes.next() else {
                throw ASN1Error.invalidASN1Object(reason: "a CSR has three parts")
            }
            return (info, try AlgorithmIdentifierFields(derEncoded: algorithm).algorithm, try ASN1BitString(derEncoded: signature))
        }
        infoBytes = info.encodedBytes
        signatureAlgorithm = algorithm
        self.signature = signature
        (version, subject, publicKey, requestedExtensions) = try DER.sequence(info, identifier: .sequence) { nodes in
            let version = try Int(derEncoded: &nodes)
            guard let subjectNode = nodes.next() else { throw ASN1Error.invalidASN1Object(reason: "no subject") }
            let subject = DistinguishedName(try DER.sequence(of: RelativeDistinguishedName.self, identifier: .sequence, rootNode: subjectNode))
            let key = try SubjectPublicKeyInfoFields(derEncoded: &nodes)
            return (version, subject, key, try CSRExtensionRequest.extensions(from: &nodes))
        }
    }

    /// The subjectAltName the CSR asks for, if its extension request has one.
    func requestedAlternativeNames() throws -> SubjectAlternativeNames? {
        try requestedExtensions.subjectAlternativeNames
    }

    /// The CSR re-encoded as PEM: its exact DER bytes, 64-column base64, no surrounding text.
    var canonicalPEM: String {
        PEMDocument(type: "CERTIFICATE REQUEST", derBytes: der).pemString + "\n"
    }
}

/// `AlgorithmIdentifier ::= SEQUENCE { algorithm OID, parameters ANY OPTIONAL }`.
struct AlgorithmIdentifierFields: DERParseable {
    var algorithm: ASN1ObjectIdentifier
    var parameters: ASN1Node?

    init(derEncoded node: ASN1Node) throws {
        (algorithm, parameters) = try DER.sequence(node, identifier: .sequence) { nodes in
            (try ASN1ObjectIdentifier(derEncoded: &nodes), nodes.next())
        }
    }
}

/// `SubjectPublicKeyInfo ::= SEQUENCE { algorithm AlgorithmIdentifier, subjectPublicKey BIT STRING }`.
struct SubjectPublicKeyInfoFields: DERParseable {
    var algorithm: AlgorithmIdentifierFields
    var key: ASN1BitString
    /// The whole SEQUENCE, as swift-certificates' `Certificate.PublicKey(derEncoded:)` reads it.
    var encodedBytes: ArraySlice<UInt8>

    init(derEncoded node: ASN1Node) throws {
        encodedBytes = node.encodedBytes
        (algorithm, key) = try DER.sequence(node, identifier: .sequence) { nodes in
            (try AlgorithmIdentifierFields(derEncoded: &nodes), try ASN1BitString(derEncoded: &nodes))
        }
    }
}
