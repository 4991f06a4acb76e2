import Foundation

/// One attribute of a CSR's subject, named as openssl names it ("CN", "O", "OU", "C", "ST", "L",
/// "emailAddress"; a dotted OID for types without a short name).
public struct CSRSubjectField: Codable, Sendable, Hashable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// What a CSR says, decoded for the preview before submission.
public struct CSRSummary: Codable, Sendable, Hashable {
    /// The subject's attributes in the CSR's order.
    public var subject: [CSRSubjectField]
    public var commonName: String?
    /// DNS names from the subjectAltName extension request, and IP addresses as text.
    public var subjectAlternativeNames: [String]
    /// "RSA 2048 bits", "EC P-256", "Ed25519", "DSA 2048 bits", "EC secp256k1"…
    public var keyDescription: String
    /// "SHA-256 with RSA", "ECDSA with SHA-384", "SHA-1 with RSA"…
    public var signatureAlgorithm: String
    /// Whether the CSR's self-signature verifies with its own public key. False also when the
    /// signature cannot be checked at all (DSA keys, MD5 signatures), which is refused anyway.
    public var signatureVerifies: Bool

    public init(subject: [CSRSubjectField], commonName: String?, subjectAlternativeNames: [String],
                keyDescription: String, signatureAlgorithm: String, signatureVerifies: Bool) {
        self.subject = subject
        self.commonName = commonName
        self.subjectAlternativeNames = subjectAlternativeNames
        self.keyDescription = keyDescription
        self.signatureAlgorithm = signatureAlgorithm
        self.signatureVerifies = signatureVerifies
    }

    /// The subject as one line in the CSR's order ("C=SI, O=Example, CN=example.com").
    public var subjectLine: String {
        subject.map { "\($0.name)=\($0.value)" }.joined(separator: ", ")
    }
}
