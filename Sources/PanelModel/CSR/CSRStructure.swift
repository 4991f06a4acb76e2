import Foundation
import SwiftASN1
import X509

/// A PKCS#10 CSR read field by field with SwiftASN1 and swift-certificates' own types
/// (DistinguishedName, CSR attributes, extension request). The public key is kept as raw
/// SubjectPublicKeyInfo rather than loaded by swift-certificates, which refuses RSA keys under
/// 2048 bits, DSA and unknown curves: those must still be described and refused with a reason.
///
///     CertificationRequest ::= SEQUENCE {
///         certificationRequestInfo  SEQUENCE { version, subject, subjectPKInfo, [0] attributes },
///         signatureAlgorithm        AlgorithmIdentifier,
///         signature                 BIT STRING }
struct CSRStructure {
    var der: [UInt8]
    /// The signed bytes: the DER of certificationRequestInfo.
    var infoBytes: ArraySlice<UInt8>
    var subject: DistinguishedName
    var publicKey: SubjectPublicKeyInfoFields
    var attributes: CertificateSigningRequest.Attributes
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
        (subject, publicKey, attributes) = try DER.sequence(info, identifier: .sequence) { nodes in
            let version = try Int(derEncoded: &nodes)
            guard version == 0 else { throw ASN1Error.invalidASN1Object(reason: "CSR version \(version)") }
            guard let subjectNode = nodes.next() else { throw ASN1Error.invalidASN1Object(reason: "no subject") }
            let subject = DistinguishedName(try DER.sequence(of: RelativeDistinguishedName.self, identifier: .sequence, rootNode: subjectNode))
            let key = try SubjectPublicKeyInfoFields(derEncoded: &nodes)
            let attributes = try DER.set(
                of: CertificateSigningRequest.Attribute.self,
                identifier: ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific),
                nodes: &nodes)
            return (subject, key, CertificateSigningRequest.Attributes(attributes))
        }
    }

    /// The subjectAltName the CSR asks for, if its extension request has one.
    func requestedAlternativeNames() throws -> SubjectAlternativeNames? {
        try attributes.extensionRequest?.extensions.subjectAlternativeNames
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
