import Crypto
import Foundation
import SwiftASN1
import _CryptoExtras

/// CSRs assembled field by field with SwiftASN1 and signed with Swift Crypto over the exact
/// certificationRequestInfo bytes: for encodings `openssl req` never writes (an explicit
/// `critical FALSE`, an empty extensionRequest SET, version 2) and algorithms it cannot make
/// here (MD2/MD4, ML-DSA, ML-KEM).
struct HandBuiltCSR {
    enum Attributes {
        /// A subjectAltName (DNS names) and a basicConstraints whose `critical FALSE` is written
        /// out, as FreeIPA/certmonger do.
        case explicitCriticalFalse(dnsNames: [String])
        /// An extensionRequest attribute whose SET of values is empty.
        case emptyExtensionRequest
        /// `[0]` present but empty, as openssl writes a CSR without extensions.
        case none
        /// No `[0]` at all.
        case absent
    }

    static let extensionRequest: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 1, 9, 14]
    static let ecdsaWithSHA256: ASN1ObjectIdentifier = [1, 2, 840, 10045, 4, 3, 2]
    static let sha256WithRSA: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 1, 1, 11]

    var version = 0
    var commonName = "example.com"
    var attributes = Attributes.none
    /// SubjectPublicKeyInfo DER.
    var publicKey: [UInt8]
    var signatureAlgorithm: ASN1ObjectIdentifier
    /// Whether the AlgorithmIdentifier carries NULL parameters (the RSA PKCS#1 algorithms do).
    var nullParameters = false

    /// The certificationRequestInfo DER: what gets signed.
    func info() throws -> [UInt8] {
        var serializer = DER.Serializer()
        try serializer.appendConstructedNode(identifier: .sequence) { info in
            try info.serialize(version)
            try info.appendConstructedNode(identifier: .sequence) { name in
                try name.appendConstructedNode(identifier: .set) { rdn in
                    try rdn.appendConstructedNode(identifier: .sequence) { attribute in
                        try attribute.serialize(ASN1ObjectIdentifier(arrayLiteral: 2, 5, 4, 3))
                        try attribute.serialize(ASN1UTF8String(contentBytes: ArraySlice(commonName.utf8)))
                    }
                }
            }
            info.serializeRawBytes(publicKey)
            if case .absent = attributes { return }
            try info.appendConstructedNode(identifier: ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific)) { set in
                try Self.serialize(attributes, into: &set)
            }
        }
        return serializer.serializedBytes
    }

    private static func serialize(_ attributes: Attributes, into set: inout DER.Serializer) throws {
        switch attributes {
        case .none, .absent:
            return
        case .emptyExtensionRequest:
            try set.appendConstructedNode(identifier: .sequence) { attribute in
                try attribute.serialize(extensionRequest)
                attribute.appendConstructedNode(identifier: .set) { _ in }
            }
        case .explicitCriticalFalse(let dnsNames):
            try set.appendConstructedNode(identifier: .sequence) { attribute in
                try attribute.serialize(extensionRequest)
                try attribute.appendConstructedNode(identifier: .set) { values in
                    try values.appendConstructedNode(identifier: .sequence) { extensions in
                        // basicConstraints, critical FALSE written out: SEQUENCE {} (cA DEFAULT FALSE).
                        try extensions.appendConstructedNode(identifier: .sequence) { ext in
                            try ext.serialize(ASN1ObjectIdentifier(arrayLiteral: 2, 5, 29, 19))
                            try ext.serialize(false)
                            try ext.serialize(ASN1OctetString(contentBytes: [0x30, 0x00]))
                        }
                        var names = DER.Serializer()
                        names.appendConstructedNode(identifier: .sequence) { general in
                            for name in dnsNames {
                                general.appendPrimitiveNode(identifier: ASN1Identifier(tagWithNumber: 2, tagClass: .contextSpecific)) {
                                    $0.append(contentsOf: Array(name.utf8))
                                }
                            }
                        }
                        // subjectAltName, critical FALSE written out too.
                        try extensions.appendConstructedNode(identifier: .sequence) { ext in
                            try ext.serialize(ASN1ObjectIdentifier(arrayLiteral: 2, 5, 29, 17))
                            try ext.serialize(false)
                            try ext.serialize(ASN1OctetString(contentBytes: ArraySlice(names.serializedBytes)))
                        }
                    }
                }
            }
        }
    }

    /// The whole CertificationRequest, with `sign` applied to the info bytes.
    func der(sign: ([UInt8]) throws -> [UInt8]) throws -> [UInt8] {
        let info = try info()
        let signature = try sign(info)
        var serializer = DER.Serializer()
        try serializer.appendConstructedNode(identifier: .sequence) { request in
            request.serializeRawBytes(info)
            try request.appendConstructedNode(identifier: .sequence) { algorithm in
                try algorithm.serialize(signatureAlgorithm)
                if nullParameters { try algorithm.serialize(ASN1Null()) }
            }
            try request.serialize(ASN1BitString(bytes: ArraySlice(signature)))
        }
        return serializer.serializedBytes
    }

    /// A P-256 CSR signed with ECDSA SHA-256.
    static func p256(_ key: P256.Signing.PrivateKey = .init(), version: Int = 0, commonName: String = "example.com",
                     attributes: Attributes) throws -> [UInt8] {
        let csr = HandBuiltCSR(version: version, commonName: commonName, attributes: attributes,
                               publicKey: Array(key.publicKey.derRepresentation), signatureAlgorithm: ecdsaWithSHA256)
        return try csr.der { Array(try key.signature(for: $0).derRepresentation) }
    }

    /// An RSA 2048 CSR signed with SHA-256 and PKCS#1 v1.5.
    static func rsa(commonName: String = "example.com", attributes: Attributes) throws -> [UInt8] {
        let key = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        let csr = HandBuiltCSR(commonName: commonName, attributes: attributes, publicKey: Array(key.publicKey.derRepresentation),
                               signatureAlgorithm: sha256WithRSA, nullParameters: true)
        return try csr.der { Array(try key.signature(for: SHA256.hash(data: $0), padding: .insecurePKCS1v1_5).rawRepresentation) }
    }

    /// A SubjectPublicKeyInfo for `algorithm` with random key bytes (for keys that are only named).
    static func spki(_ algorithm: ASN1ObjectIdentifier, keyBytes: Int) throws -> [UInt8] {
        var random = SystemRandomNumberGenerator()
        var serializer = DER.Serializer()
        try serializer.appendConstructedNode(identifier: .sequence) { spki in
            try spki.appendConstructedNode(identifier: .sequence) { try $0.serialize(algorithm) }
            try spki.serialize(ASN1BitString(bytes: ArraySlice((0..<keyBytes).map { _ in UInt8.random(in: 0...255, using: &random) })))
        }
        return serializer.serializedBytes
    }
}
