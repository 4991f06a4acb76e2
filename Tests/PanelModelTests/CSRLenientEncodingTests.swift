import Crypto
import Foundation
import PanelModel
import Testing

/// Real-world CSRs that OpenSSL reads and verifies, but swift-certificates' strict DER parser
/// refuses (issue 14, finding 6): built by hand, proven good with `openssl req -verify`, then judged.
@Suite struct CSRLenientEncodingTests {
    /// openssl 3.0 reports the self-signature on stderr and exits 0 either way.
    static func expectOpenSSLVerifies(_ pem: String, _ openssl: OpenSSL, sourceLocation: SourceLocation = #_sourceLocation) throws {
        try openssl.write("odd.csr", pem)
        let check = try openssl.run(["req", "-in", "odd.csr", "-noout", "-verify"])
        #expect(check.status == 0, sourceLocation: sourceLocation)
        #expect((check.stdout + check.stderr).contains("verify OK"), "\(check.stderr)", sourceLocation: sourceLocation)
        #expect(!(check.stdout + check.stderr).contains("verify failure"), sourceLocation: sourceLocation)
    }

    @Test func explicitCriticalFalseLikeFreeIPAIsAccepted() throws {
        let openssl = try OpenSSL()
        for der in [try HandBuiltCSR.p256(attributes: .explicitCriticalFalse(dnsNames: ["example.com", "www.example.com"])),
                    try HandBuiltCSR.rsa(attributes: .explicitCriticalFalse(dnsNames: ["example.com", "www.example.com"]))] {
            // OID 2.5.29.19 then BOOLEAN FALSE: the DEFAULT value that DER forbids writing.
            #expect(Self.contains(der, [0x06, 0x03, 0x55, 0x1D, 0x13, 0x01, 0x01, 0x00]))
            let pem = OpenSSL.pem("CERTIFICATE REQUEST", der)
            try Self.expectOpenSSLVerifies(pem, openssl)
            let text = try openssl.succeed(["req", "-in", "odd.csr", "-noout", "-text"])
            #expect(text.contains("DNS:example.com, DNS:www.example.com"))

            let verdict = CSRCheck.judge(pem, for: CSRRequirement(domain: "example.com", type: .dv))
            #expect(verdict.problems == [])
            let summary = try #require(verdict.summary)
            #expect(summary.subjectAlternativeNames == ["example.com", "www.example.com"])
            #expect(summary.commonName == "example.com")
            #expect(summary.signatureVerifies)
            // Stored exactly as received: re-encoding would drop the FALSE and break the signature.
            #expect(verdict.canonicalPEM == pem)
        }
    }

    @Test func emptyExtensionRequestSetIsAccepted() throws {
        let openssl = try OpenSSL()
        let der = try HandBuiltCSR.p256(attributes: .emptyExtensionRequest)
        // SEQUENCE { OID extensionRequest, SET {} }
        #expect(Self.contains(der, [0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x09, 0x0E, 0x31, 0x00]))
        let pem = OpenSSL.pem("CERTIFICATE REQUEST", der)
        try Self.expectOpenSSLVerifies(pem, openssl)

        let verdict = CSRCheck.judge(pem, for: CSRRequirement(domain: "example.com", type: .dv))
        #expect(verdict.problems == [])
        #expect(verdict.summary?.keyDescription == "EC P-256")
        #expect(verdict.summary?.signatureAlgorithm == "ECDSA with SHA-256")
        #expect(verdict.summary?.subjectAlternativeNames == [])
        #expect(verdict.summary?.signatureVerifies == true)
        #expect(verdict.canonicalPEM == pem)
    }

    @Test func missingAttributesAreAcceptedAsOpenSSLDoes() throws {
        let openssl = try OpenSSL()
        let pem = OpenSSL.pem("CERTIFICATE REQUEST", try HandBuiltCSR.p256(attributes: .absent))
        try Self.expectOpenSSLVerifies(pem, openssl)
        #expect(CSRCheck.judge(pem, for: CSRRequirement(domain: "example.com", type: .dv)).problems == [])
    }

    /// The signature is checked over the bytes received, so a change after signing is still caught.
    @Test func aLenientCSRChangedAfterSigningDoesNotVerify() throws {
        var der = try HandBuiltCSR.p256(attributes: .explicitCriticalFalse(dnsNames: ["example.com"]))
        let name = Array("example.com".utf8)
        let start = try #require((0...(der.count - name.count)).first { Array(der[$0..<$0 + name.count]) == name })
        der[start] = UInt8(ascii: "f")
        let verdict = CSRCheck.judge(OpenSSL.pem("CERTIFICATE REQUEST", der), for: nil)
        #expect(verdict.problems.map(\.code) == ["signature_invalid"])
        #expect(verdict.summary?.commonName == "fxample.com")
    }

    @Test func theDemoCAIssuesForALenientCSR() throws {
        let openssl = try OpenSSL()
        let now = Date()
        let ca = try DemoCertificateAuthority.generate(now: now.addingTimeInterval(-86_400))
        let pem = OpenSSL.pem("CERTIFICATE REQUEST", try HandBuiltCSR.p256(attributes: .explicitCriticalFalse(dnsNames: ["example.com"])))
        let leaf = try ca.issue(csrPEM: pem, serialNumber: [0x01, 0x02], notBefore: now.addingTimeInterval(-60),
                                notAfter: now.addingTimeInterval(86_400))
        try openssl.write("ca.pem", ca.certificatePEM)
        try openssl.write("leaf.pem", leaf)
        #expect(try openssl.succeed(["verify", "-CAfile", "ca.pem", "leaf.pem"]) == "leaf.pem: OK\n")
        #expect(try openssl.succeed(["x509", "-in", "leaf.pem", "-noout", "-ext", "subjectAltName"]).contains("DNS:example.com"))
    }

    static func contains(_ bytes: [UInt8], _ needle: [UInt8]) -> Bool {
        (0...(bytes.count - needle.count)).contains { Array(bytes[$0..<$0 + needle.count]) == needle }
    }
}
