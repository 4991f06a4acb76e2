import Crypto
import Foundation
import SwiftASN1
import X509

/// What the SSL status screen shows about an issued certificate, read from its PEM with
/// swift-certificates. Serial and fingerprint are written as openssl writes them.
public struct CertificateSummary: Codable, Sendable, Hashable {
    /// RFC 4514 order: "CN=example.com, O=Example".
    public var subject: String
    /// DNS names, and IP addresses as text.
    public var subjectAlternativeNames: [String]
    public var issuer: String
    /// Upper-case hex bytes separated by colons ("0A:1B:…").
    public var serialNumber: String
    public var notBefore: Date
    public var notAfter: Date
    /// Upper-case hex of SHA-256 over the DER, colon-separated, as `openssl x509 -fingerprint -sha256`.
    public var sha256Fingerprint: String
    public var keyDescription: String

    /// Reads the first certificate in `pem` (a chain may follow it).
    public init(pem: String) throws(PanelError) {
        let block = PEMScanner.blocks(in: pem).first { CSRCheck.certificateLabels.contains($0.label) && $0.isComplete }
        guard let block, case .success(let der) = block.decodedBytes() else {
            throw .invalidInput("No certificate found: give the PEM text from -----BEGIN CERTIFICATE----- to -----END CERTIFICATE-----.")
        }
        // A damaged RSA key must not reach swift-crypto's DER parser (see RSAKeyGate).
        guard RSAKeyGate.acceptsKey(ofCertificate: der) else {
            throw .invalidInput("The certificate's RSA public key is damaged (it is not a valid RSA key); download the certificate again, or check that the whole PEM block was copied.")
        }
        let certificate: Certificate
        let key: PublicKeyKind
        do {
            certificate = try Certificate(derEncoded: der)
            var spki = DER.Serializer()
            try spki.serialize(certificate.publicKey)
            key = PublicKeyKind(try SubjectPublicKeyInfoFields(derEncoded: spki.serializedBytes))
        } catch {
            throw .invalidInput("The certificate could not be read as X.509 (\(error)); download it again, or check that the whole PEM block was copied.")
        }
        subject = DistinguishedNameText.rfc4514(certificate.subject)
        issuer = DistinguishedNameText.rfc4514(certificate.issuer)
        let names = (try? certificate.extensions.subjectAlternativeNames) ?? nil
        subjectAlternativeNames = (names ?? SubjectAlternativeNames()).compactMap(CSRCheck.text(of:))
        var serial = Array(certificate.serialNumber.bytes)
        if serial.count > 1, serial[0] == 0 { serial.removeFirst() }   // the sign byte of a DER INTEGER
        serialNumber = Self.colonHex(serial)
        notBefore = certificate.notValidBefore
        notAfter = certificate.notValidAfter
        sha256Fingerprint = Self.colonHex(Array(SHA256.hash(data: der)))
        keyDescription = key.description
    }

    static func colonHex(_ bytes: [UInt8]) -> String {
        bytes.map { String(format: "%02X", $0) }.joined(separator: ":")
    }
}
