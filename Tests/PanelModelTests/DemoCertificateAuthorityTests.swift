import Foundation
import Testing
import PanelModel

/// The demo CA signs CSRs made by openssl; openssl verifies and reads what it issued.
@Suite struct DemoCertificateAuthorityTests {
    static let fixedNow = Date(timeIntervalSince1970: 1_767_268_800)   // 2026-01-01 12:00 UTC
    static let seed = [UInt8](repeating: 0x2A, count: 32)

    static func randomSerial() -> [UInt8] {
        var random = SystemRandomNumberGenerator()
        return (0..<16).map { _ in UInt8.random(in: 0...255, using: &random) }
    }

    @Test(arguments: [OpenSSL.Key.rsa(2048), .ec("P-256"), .ec("P-384")])
    func issuedCertificateVerifiesWithOpenSSL(_ key: OpenSSL.Key) throws {
        let openssl = try OpenSSL()
        let now = Date()
        let ca = try DemoCertificateAuthority.generate(now: now.addingTimeInterval(-86_400))
        let csr = try openssl.makeCSR("site", key: key, subject: "/C=SI/O=Sunrise Bakery/CN=sunrise-bakery.com",
                                      sans: ["DNS:sunrise-bakery.com", "DNS:www.sunrise-bakery.com"])
        let leaf = try ca.issue(csrPEM: csr, serialNumber: Self.randomSerial(), notBefore: now.addingTimeInterval(-3600),
                                notAfter: now.addingTimeInterval(90 * 86_400))
        try openssl.write("ca.pem", ca.certificatePEM)
        try openssl.write("leaf.pem", leaf)

        let verify = try openssl.run(["verify", "-CAfile", "ca.pem", "leaf.pem"])
        #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
        #expect(verify.stdout == "leaf.pem: OK\n")

        let text = try openssl.succeed(["x509", "-in", "leaf.pem", "-noout", "-text"])
        #expect(text.contains("DNS:sunrise-bakery.com, DNS:www.sunrise-bakery.com"))
        #expect(text.contains("CA:FALSE"))
        #expect(text.contains("TLS Web Server Authentication"))
        #expect(text.contains("Digital Signature"))
        #expect(text.contains("X509v3 Authority Key Identifier"))
        #expect(text.contains("X509v3 Subject Key Identifier"))
        #expect(text.contains("Issuer: O = CertPanel demo, CN = CertPanel Demo CA (not trusted)"))
        // The subject is the CSR's, and the key is the CSR's key.
        let csrSubject = try openssl.succeed(["req", "-in", "site.csr", "-noout", "-subject"])
        let leafSubject = try openssl.succeed(["x509", "-in", "leaf.pem", "-noout", "-subject"])
        #expect(csrSubject == leafSubject)
        let csrKey = try openssl.succeed(["req", "-in", "site.csr", "-noout", "-pubkey"])
        let leafKey = try openssl.succeed(["x509", "-in", "leaf.pem", "-noout", "-pubkey"])
        #expect(csrKey == leafKey)
    }

    /// Issued at 12:00:00.9, checked at once: the certificate must already be valid, so its
    /// start is 12:00:00, never rounded up to 12:00:01.
    @Test func aCertificateStartsNoLaterThanTheMomentItIsIssued() throws {
        let ca = try DemoCertificateAuthority.generate(now: Self.fixedNow, keySeed: Self.seed)
        let issuedAt = Self.fixedNow.addingTimeInterval(3600.9)
        let csr = try DemoCertificateRequest.make(requirement: CSRRequirement(domain: "sunrise-bakery.com", wildcard: false),
                                                  organization: nil, keySeed: Self.seed)
        let leaf = try ca.issue(csrPEM: csr, serialNumber: [7], notBefore: issuedAt, notAfter: issuedAt.addingTimeInterval(86_400))
        let summary = try CertificateSummary(pem: leaf)
        #expect(summary.notBefore <= issuedAt)
        #expect(summary.notBefore == Self.fixedNow.addingTimeInterval(3600))
    }

    @Test func theRootIsAProperCA() throws {
        let openssl = try OpenSSL()
        let now = Date()
        let ca = try DemoCertificateAuthority.generate(now: now)
        try openssl.write("ca.pem", ca.certificatePEM)
        let summary = try CertificateSummary(pem: ca.certificatePEM)
        #expect(abs(summary.notBefore.timeIntervalSince(now.addingTimeInterval(-86_400))) <= 1)
        #expect(summary.subject == summary.issuer)
        let text = try openssl.succeed(["x509", "-in", "ca.pem", "-noout", "-text"])
        #expect(text.contains("X509v3 Basic Constraints: critical\n                CA:TRUE"))
        #expect(text.contains("Certificate Sign"))
        #expect(text.contains("Subject: O = CertPanel demo, CN = CertPanel Demo CA (not trusted)"))
        #expect(text.contains("Signature Algorithm: ED25519"))
        // Self-signed: it verifies against itself.
        let verify = try openssl.run(["verify", "-CAfile", "ca.pem", "ca.pem"])
        #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
        #expect(ca.privateKeyPEM.hasPrefix("-----BEGIN PRIVATE KEY-----"))
    }

    @Test func anotherCADoesNotVouchForTheCertificate() throws {
        let openssl = try OpenSSL()
        let now = Date()
        let ca = try DemoCertificateAuthority.generate(now: now.addingTimeInterval(-86_400))
        let stranger = try DemoCertificateAuthority.generate(now: now.addingTimeInterval(-86_400))
        let csr = try openssl.makeCSR("site", key: .ec("P-256"), subject: "/CN=example.com")
        try openssl.write("leaf.pem", try ca.issue(csrPEM: csr, serialNumber: [1], notBefore: now.addingTimeInterval(-60), notAfter: now.addingTimeInterval(86_400)))
        try openssl.write("stranger.pem", stranger.certificatePEM)
        #expect(try openssl.run(["verify", "-CAfile", "stranger.pem", "leaf.pem"]).status != 0)
    }

    @Test func commonNameBecomesASANWhenTheCSRHasNone() throws {
        let openssl = try OpenSSL()
        let now = Date()
        let ca = try DemoCertificateAuthority.generate(now: now.addingTimeInterval(-60))
        let csr = try openssl.makeCSR("site", key: .rsa(2048), subject: "/CN=example.com")
        try openssl.write("leaf.pem", try ca.issue(csrPEM: csr, serialNumber: [0x42], notBefore: now, notAfter: now.addingTimeInterval(86_400)))
        let text = try openssl.succeed(["x509", "-in", "leaf.pem", "-noout", "-ext", "subjectAltName"])
        #expect(text.contains("DNS:example.com"))
    }

    @Test func sameInputsGiveTheSameCertificateBytes() throws {
        let openssl = try OpenSSL()
        let csr = try openssl.makeCSR("site", key: .ec("P-256"), subject: "/CN=example.com", sans: ["DNS:example.com"])
        let first = try DemoCertificateAuthority.generate(now: Self.fixedNow, keySeed: Self.seed)
        let second = try DemoCertificateAuthority.generate(now: Self.fixedNow, keySeed: Self.seed)
        #expect(first.certificatePEM == second.certificatePEM)
        #expect(first.privateKeyPEM == second.privateKeyPEM)
        let serial: [UInt8] = [0x10, 0x01, 0x03]
        let notAfter = Self.fixedNow.addingTimeInterval(365 * 86_400)
        let issued = try first.issue(csrPEM: csr, serialNumber: serial, notBefore: Self.fixedNow, notAfter: notAfter)
        #expect(try second.issue(csrPEM: csr, serialNumber: serial, notBefore: Self.fixedNow, notAfter: notAfter) == issued)
        // Loaded back from its stored PEM, it is the same CA.
        let reloaded = try DemoCertificateAuthority(certificatePEM: first.certificatePEM, privateKeyPEM: first.privateKeyPEM)
        #expect(try reloaded.issue(csrPEM: csr, serialNumber: serial, notBefore: Self.fixedNow, notAfter: notAfter) == issued)
        // A different seed is a different CA.
        let other = try DemoCertificateAuthority.generate(now: Self.fixedNow, keySeed: [UInt8](repeating: 1, count: 32))
        #expect(other.certificatePEM != first.certificatePEM)
    }

    @Test func refusesWhatItMustNotSign() throws {
        let openssl = try OpenSSL()
        let now = Date()
        let ca = try DemoCertificateAuthority.generate(now: now)
        let weak = try openssl.makeCSR("weak", key: .rsa(1024), subject: "/CN=example.com")
        #expect {
            try ca.issue(csrPEM: weak, serialNumber: [1], notBefore: now, notAfter: now.addingTimeInterval(86_400))
        } throws: { error in
            (error as? PanelError)?.exitCode == 1 && (error as? PanelError)?.message.contains("RSA 1024 bits") == true
        }
        let good = try openssl.makeCSR("good", key: .ec("P-256"), subject: "/CN=example.com")
        #expect(throws: PanelError.self) { try ca.issue(csrPEM: good, serialNumber: [], notBefore: now, notAfter: now.addingTimeInterval(60)) }
        #expect(throws: PanelError.self) { try ca.issue(csrPEM: good, serialNumber: [1], notBefore: now, notAfter: now) }
        #expect(throws: PanelError.self) { try DemoCertificateAuthority.generate(now: now, keySeed: [1, 2, 3]) }
    }

    @Test func aKeyThatIsNotTheCertificatesIsRefused() throws {
        let one = try DemoCertificateAuthority.generate(now: Self.fixedNow)
        let two = try DemoCertificateAuthority.generate(now: Self.fixedNow)
        #expect {
            try DemoCertificateAuthority(certificatePEM: one.certificatePEM, privateKeyPEM: two.privateKeyPEM)
        } throws: { error in
            (error as? PanelError)?.message.contains("does not belong to its certificate") == true
        }
    }
}
