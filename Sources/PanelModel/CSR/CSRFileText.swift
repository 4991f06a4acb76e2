import Foundation
import SwiftASN1

/// A CSR file's bytes as the text `CSRCheck` reads. PEM stays the normal path; a DER file
/// (`openssl req -outform DER`, Windows' binary .req) is wrapped as PEM with the label its shape
/// calls for, so that it is judged like its PEM twin — and a DER private key or certificate is
/// refused by name, not as a CSR. Text pasted into the panel never comes through here.
public enum CSRFileText {
    public static func text<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> String {
        let der = Array(bytes)
        // DER starts with a SEQUENCE; anything else (PEM, openssl's text dump, junk) is text.
        guard der.first == 0x30, let root = try? DER.parse(der), let label = label(root) else {
            return String(decoding: der, as: UTF8.self)
        }
        return PEMDocument(type: label, derBytes: der).pemString + "\n"
    }

    /// "CERTIFICATE REQUEST", "CERTIFICATE", "PRIVATE KEY" or "PUBLIC KEY" by the top-level
    /// fields; nil for DER of anything else, which stays binary and is refused as such.
    static func label(_ root: ASN1Node) -> String? {
        guard case .constructed(let collection) = root.content else { return nil }
        let fields = Array(collection)
        let tags = fields.map(\.identifier)
        // CertificationRequest and Certificate: SEQUENCE { SEQUENCE, AlgorithmIdentifier, BIT STRING }.
        if tags == [.sequence, .sequence, .bitString], case .constructed(let signedFields) = fields[0].content {
            let signed = Array(signedFields)
            // tbsCertificate starts with [0] version (v2, v3) or has six or more fields (v1);
            // certificationRequestInfo has four. A damaged CSR stays a CSR, to be called damaged.
            let explicitVersion = ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific)
            return signed.first?.identifier == explicitVersion || signed.count >= 6 ? "CERTIFICATE" : "CERTIFICATE REQUEST"
        }
        if tags == [.sequence, .bitString] { return "PUBLIC KEY" }
        // PKCS#8 { version, algorithm, OCTET STRING key, … }, SEC1 { 1, OCTET STRING key, … },
        // PKCS#1 RSA and OpenSSL's DSA { version and five or more INTEGERs }.
        if tags.first == .integer {
            if tags.count >= 2, tags[1] == .octetString { return "PRIVATE KEY" }
            if tags.count >= 3, tags[1] == .sequence, tags[2] == .octetString { return "PRIVATE KEY" }
            if tags.count >= 6, tags.allSatisfy({ $0 == .integer }) { return "PRIVATE KEY" }
        }
        return nil
    }
}
