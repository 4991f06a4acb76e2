import Crypto
import Foundation
import SwiftASN1
import X509
import _CryptoExtras

/// The demo world's certificate authority: a local root that signs real X.509 certificates for
/// accepted CSRs, so that `openssl verify -CAfile` accepts them. Not trusted by anyone else.
public struct DemoCertificateAuthority: Sendable {
    public let certificatePEM: String
    public let privateKeyPEM: String
    private let certificate: Certificate
    private let privateKey: Certificate.PrivateKey

    public static let commonName = "CertPanel Demo CA (not trusted)"
    public static let organization = "CertPanel demo"
    public static let validityYears = 10

    /// A new demo root ("CertPanel Demo CA (not trusted)"), Ed25519 so that its signatures are deterministic:
    /// the same key, CSR, serial and dates always give the same certificate bytes (reproducible screenshots).
    /// `keySeed` (32 bytes) makes the key itself reproducible; nil draws a random one.
    /// Valid from a day before `now` for ten years.
    public static func generate(now: Date, keySeed: [UInt8]? = nil) throws(PanelError) -> DemoCertificateAuthority {
        let key: Curve25519.Signing.PrivateKey
        if let keySeed {
            guard keySeed.count == 32, let seeded = try? Curve25519.Signing.PrivateKey(rawRepresentation: keySeed) else {
                throw .invalidInput("The demo CA's key seed must be exactly 32 bytes (it was \(keySeed.count)).")
            }
            key = seeded
        } else {
            key = Curve25519.Signing.PrivateKey()
        }
        let privateKey = Certificate.PrivateKey(key)
        // Valid from a day before `now`: the root must not be "not yet valid" to a checker whose
        // clock lags, or within the second it was made (times are whole seconds).
        let notBefore = now.addingTimeInterval(-86_400)
        let notAfter = utcCalendar.date(byAdding: .year, value: validityYears, to: now) ?? now.addingTimeInterval(Double(validityYears) * 365 * 86_400)
        return try signing {
            let name = try DistinguishedName {
                OrganizationName(organization)
                CommonName(commonName)
            }
            let certificate = try Certificate(
                version: .v3,
                serialNumber: Certificate.SerialNumber(bytes: rootSerial(key: key.publicKey.rawRepresentation, now: now)),
                publicKey: privateKey.publicKey,
                notValidBefore: notBefore.wholeSecondsDown,
                notValidAfter: notAfter,
                issuer: name,
                subject: name,
                signatureAlgorithm: .ed25519,
                extensions: try Certificate.Extensions {
                    Critical(BasicConstraints.isCertificateAuthority(maxPathLength: 0))
                    Critical(KeyUsage(digitalSignature: true, keyCertSign: true, cRLSign: true))
                    SubjectKeyIdentifier(hash: privateKey.publicKey)
                },
                issuerPrivateKey: privateKey)
            return try DemoCertificateAuthority(certificate: certificate, privateKey: privateKey)
        }
    }

    /// The demo CA as stored: its certificate and its PKCS#8 private key.
    public init(certificatePEM: String, privateKeyPEM: String) throws(PanelError) {
        let certificate: Certificate
        let privateKey: Certificate.PrivateKey
        do {
            certificate = try Certificate(pemEncoded: certificatePEM)
            privateKey = try Certificate.PrivateKey(pemEncoded: privateKeyPEM)
        } catch {
            throw .invalidInput("The stored demo CA cannot be read (\(error)); seed the demo world again to make a new one.")
        }
        guard privateKey.publicKey == certificate.publicKey else {
            throw .invalidInput("The stored demo CA's private key does not belong to its certificate; seed the demo world again to make a new one.")
        }
        guard case .isCertificateAuthority = (try? certificate.extensions.basicConstraints) ?? nil else {
            throw .invalidInput("The stored demo CA certificate is not a CA certificate; seed the demo world again to make a new one.")
        }
        try self.init(certificate: certificate, privateKey: privateKey)
    }

    private init(certificate: Certificate, privateKey: Certificate.PrivateKey) throws(PanelError) {
        self.certificate = certificate
        self.privateKey = privateKey
        do {
            certificatePEM = try certificate.serializeAsPEM().pemString + "\n"
            privateKeyPEM = try privateKey.serializeAsPEM().pemString + "\n"
        } catch {
            throw .invalidInput("The demo CA could not be written as PEM (\(error)).")
        }
    }

    /// Signs an accepted CSR: subject from the CSR, SANs from the CSR (CN added as a SAN if missing), key usage
    /// and extended key usage for a TLS server, basic constraints CA:false, authority/subject key identifiers.
    public func issue(csrPEM: String, serialNumber: [UInt8], notBefore: Date, notAfter: Date) throws(PanelError) -> String {
        let verdict = CSRCheck.judge(csrPEM, for: nil)
        guard verdict.isAccepted, let canonicalPEM = verdict.canonicalPEM else {
            throw .refused("The CSR cannot be signed: " + verdict.problems.map(\.message).joined(separator: " "))
        }
        guard !serialNumber.isEmpty, serialNumber.count <= 20, serialNumber.contains(where: { $0 != 0 }) else {
            throw .invalidInput("A certificate serial number must be 1 to 20 bytes and not zero (it was \(serialNumber.count) bytes).")
        }
        guard notBefore < notAfter else {
            throw .invalidInput("A certificate must start before it ends (\(notBefore) is not before \(notAfter)).")
        }
        return try Self.signing {
            // CSRStructure, not swift-certificates' CertificateSigningRequest: CSRCheck accepts CSRs
            // that its strict parser refuses (an explicit `critical FALSE`, an empty extension request).
            let request = try CSRStructure(der: PEMDocument(pemString: canonicalPEM).derBytes)
            let publicKey = try Certificate.PublicKey(derEncoded: request.publicKey.encodedBytes)
            let names = try Self.alternativeNames(for: request)
            let isRSA = _RSA.Signing.PublicKey(publicKey) != nil
            let authorityKeyID = try certificate.extensions.subjectKeyIdentifier?.keyIdentifier
                ?? SubjectKeyIdentifier(hash: certificate.publicKey).keyIdentifier
            let leaf = try Certificate(
                version: .v3,
                serialNumber: Certificate.SerialNumber(bytes: serialNumber),
                publicKey: publicKey,
                // Whole seconds, rounded down: encoded as is, a fraction can round the start up to
                // the next second, and a certificate checked at once reads "not yet valid".
                notValidBefore: notBefore.wholeSecondsDown,
                notValidAfter: notAfter.wholeSecondsDown,
                issuer: certificate.subject,
                subject: request.subject,
                signatureAlgorithm: .ed25519,
                extensions: try Certificate.Extensions {
                    Critical(BasicConstraints.notCertificateAuthority)
                    Critical(KeyUsage(digitalSignature: true, keyEncipherment: isRSA))
                    try ExtendedKeyUsage([.serverAuth])
                    // RFC 5280 4.2.1.6: with an empty subject the names live only here, and critically.
                    if request.subject.isEmpty { Critical(names) } else { names }
                    SubjectKeyIdentifier(hash: publicKey)
                    AuthorityKeyIdentifier(keyIdentifier: authorityKeyID)
                },
                issuerPrivateKey: privateKey)
            return try leaf.serializeAsPEM().pemString + "\n"
        }
    }

    /// The CSR's DNS and IP names, with its Common Name first when the SANs lack it.
    private static func alternativeNames(for request: CSRStructure) throws -> SubjectAlternativeNames {
        let requested = try request.requestedAlternativeNames() ?? SubjectAlternativeNames()
        var names = requested.filter {
            switch $0 {
            case .dnsName, .ipAddress: true
            default: false
            }
        }
        let commonName = DistinguishedNameText.fields(request.subject).last { $0.name == "CN" }?.value
        if let commonName {
            let normalized = CSRNames.normalized(commonName)
            let present = names.compactMap { name -> String? in
                if case .dnsName(let dns) = name { return CSRNames.normalized(dns) }
                return nil
            }
            if !present.contains(normalized) { names.insert(.dnsName(normalized), at: 0) }
        }
        return SubjectAlternativeNames(names)
    }

    /// The root's serial: derived from its key and start so that a seeded CA is reproducible,
    /// 16 bytes, positive.
    private static func rootSerial(key: Data, now: Date) -> [UInt8] {
        var input = Array(key)
        input += Array("CertPanel demo root \(Int64(now.timeIntervalSince1970.rounded()))".utf8)
        var serial = Array(SHA256.hash(data: input).prefix(16))
        serial[0] = serial[0] & 0x7F | 0x40
        return serial
    }

    /// Gregorian in UTC, for the ten-year validity.
    private static let utcCalendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0) ?? calendar.timeZone
        return calendar
    }()

    /// Runs swift-certificates' building and signing, which throw untyped errors.
    private static func signing<T>(_ body: () throws -> T) throws(PanelError) -> T {
        do {
            return try body()
        } catch let error as PanelError {
            throw error
        } catch {
            throw .invalidInput("The demo CA could not sign the certificate (\(error)).")
        }
    }
}
