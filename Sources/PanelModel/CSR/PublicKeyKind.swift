import Foundation
import SwiftASN1

/// The kind and strength of a public key, read from its SubjectPublicKeyInfo with SwiftASN1
/// (RSA modulus and DSA prime lengths, EC curve OIDs), so that weak keys can be named exactly.
enum PublicKeyKind: Equatable, Sendable {
    case rsa(bits: Int)
    case ec(curve: String, accepted: Bool)
    case ed25519
    case dsa(bits: Int?)
    /// ML-DSA (FIPS 204) or ML-KEM (FIPS 203), by parameter set: "ML-DSA-65", "ML-KEM-768".
    case postQuantum(String)
    case other(String)

    static let rsaEncryption: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 1, 1, 1]
    static let rsaPSS: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 1, 1, 10]
    static let ecPublicKey: ASN1ObjectIdentifier = [1, 2, 840, 10045, 2, 1]
    static let ed25519Key: ASN1ObjectIdentifier = [1, 3, 101, 112]
    static let ed448Key: ASN1ObjectIdentifier = [1, 3, 101, 113]
    static let dsaKey: ASN1ObjectIdentifier = [1, 2, 840, 10040, 4, 1]
    static let minimumRSABits = 2048
    static let mlDSA44: ASN1ObjectIdentifier = [2, 16, 840, 1, 101, 3, 4, 3, 17]
    static let mlDSA65: ASN1ObjectIdentifier = [2, 16, 840, 1, 101, 3, 4, 3, 18]
    static let mlDSA87: ASN1ObjectIdentifier = [2, 16, 840, 1, 101, 3, 4, 3, 19]

    static let postQuantumKeys: [ASN1ObjectIdentifier: String] = [
        mlDSA44: "ML-DSA-44", mlDSA65: "ML-DSA-65", mlDSA87: "ML-DSA-87",
        [2, 16, 840, 1, 101, 3, 4, 4, 1]: "ML-KEM-512",
        [2, 16, 840, 1, 101, 3, 4, 4, 2]: "ML-KEM-768",
        [2, 16, 840, 1, 101, 3, 4, 4, 3]: "ML-KEM-1024",
    ]

    /// Named curves: the three accepted, and the ones people meet by accident (Bitcoin's
    /// secp256k1, Brainpool, old small NIST curves).
    static let curves: [ASN1ObjectIdentifier: (name: String, accepted: Bool)] = [
        [1, 2, 840, 10045, 3, 1, 7]: ("P-256", true),
        [1, 3, 132, 0, 34]: ("P-384", true),
        [1, 3, 132, 0, 35]: ("P-521", true),
        [1, 3, 132, 0, 10]: ("secp256k1", false),
        [1, 3, 132, 0, 33]: ("P-224", false),
        [1, 2, 840, 10045, 3, 1, 1]: ("P-192", false),
        [1, 3, 36, 3, 3, 2, 8, 1, 1, 7]: ("brainpoolP256r1", false),
        [1, 3, 36, 3, 3, 2, 8, 1, 1, 11]: ("brainpoolP384r1", false),
        [1, 3, 36, 3, 3, 2, 8, 1, 1, 13]: ("brainpoolP512r1", false),
    ]

    init(_ info: SubjectPublicKeyInfoFields) {
        let algorithm = info.algorithm.algorithm
        switch algorithm {
        case Self.rsaEncryption:
            self = Self.rsaBits(info.key.bytes).map { .rsa(bits: $0) } ?? .other("malformed RSA key")
        case Self.ecPublicKey:
            guard let parameters = info.algorithm.parameters,
                  let curve = try? ASN1ObjectIdentifier(derEncoded: parameters) else {
                self = .ec(curve: "with explicit parameters", accepted: false)
                return
            }
            let known = Self.curves[curve]
            self = .ec(curve: known?.name ?? curve.description, accepted: known?.accepted ?? false)
        case Self.ed25519Key:
            self = .ed25519
        case Self.ed448Key:
            self = .other("Ed448")
        case Self.rsaPSS:
            self = .other("RSA-PSS")
        case Self.dsaKey:
            self = .dsa(bits: info.algorithm.parameters.flatMap(Self.dsaBits))
        default:
            self = Self.postQuantumKeys[algorithm].map { .postQuantum($0) } ?? .other("OID \(algorithm)")
        }
    }

    /// "RSA 2048 bits", "EC P-256", "Ed25519", "DSA 2048 bits".
    var description: String {
        switch self {
        case .rsa(let bits): "RSA \(bits) bits"
        case .ec(let curve, _): "EC \(curve)"
        case .ed25519: "Ed25519"
        case .dsa(let bits): bits.map { "DSA \($0) bits" } ?? "DSA"
        case .postQuantum(let name): name
        case .other(let what): what
        }
    }

    /// Why a certificate may not carry this key, or nil when it may.
    var problem: CSRProblem? {
        switch self {
        case .rsa(let bits) where bits < Self.minimumRSABits: .rsaTooSmall(bits: bits)
        case .rsa, .ed25519: nil
        case .ec(let curve, let accepted): accepted ? nil : .unsupportedCurve(curve)
        case .dsa: .dsaKey
        case .postQuantum(let name): .postQuantumKey(name)
        case .other(let what): .unsupportedKey(what)
        }
    }

    /// Whether a signature algorithm of this family can have been made with this key.
    func matches(_ family: SignatureAlgorithmName.KeyFamily) -> Bool {
        switch (self, family) {
        case (.rsa, .rsa), (.ec, .ec), (.ed25519, .ed25519), (.dsa, .dsa): true
        case (.postQuantum(let name), .mlDSA): name.hasPrefix("ML-DSA")
        // Ed448, RSA-PSS, malformed and unknown keys are refused for the key itself; a
        // mismatch is only claimed when both sides are known.
        case (.other, _): true
        default: false
        }
    }

    /// `RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER }` inside the BIT STRING.
    private static func rsaBits(_ keyBytes: ArraySlice<UInt8>) -> Int? {
        guard let root = try? DER.parse(keyBytes) else { return nil }
        return try? DER.sequence(root, identifier: .sequence) { nodes in
            guard let modulus = nodes.next() else { throw ASN1Error.invalidASN1Object(reason: "no modulus") }
            _ = nodes.next()
            return try bitLength(ofIntegerNode: modulus)
        }
    }

    /// `Dss-Parms ::= SEQUENCE { p INTEGER, q INTEGER, g INTEGER }`: the key size is p's length.
    private static func dsaBits(_ parameters: ASN1Node) -> Int? {
        try? DER.sequence(parameters, identifier: .sequence) { nodes in
            guard let p = nodes.next() else { throw ASN1Error.invalidASN1Object(reason: "no p") }
            while nodes.next() != nil {}
            return try bitLength(ofIntegerNode: p)
        }
    }

    private static func bitLength(ofIntegerNode node: ASN1Node) throws -> Int {
        guard node.identifier == .integer, case .primitive(let bytes) = node.content else {
            throw ASN1Error.unexpectedFieldType(node.identifier)
        }
        let magnitude = bytes.drop { $0 == 0 }
        guard let first = magnitude.first else { return 0 }
        return (magnitude.count - 1) * 8 + (8 - first.leadingZeroBitCount)
    }
}
