import Foundation
import PanelModel
import Testing

/// A CSR file's bytes: DER (`openssl … -outform DER`) is read as DER; PEM and text stay as they are.
@Suite struct CSRFileTextTests {
    static func bytes(_ openssl: OpenSSL, _ name: String) throws -> Data {
        try Data(contentsOf: openssl.directory.appendingPathComponent(name))
    }

    @Test func aDERCSRReadsAsItsPEMTwin() throws {
        let openssl = try OpenSSL()
        let pem = try openssl.makeCSR("request", key: .ec("P-256"), subject: "/CN=example.com")
        let der = try openssl.csrDER("request")
        #expect(der.first == 0x30)
        #expect(CSRFileText.text(der) == pem)
        let verdict = CSRCheck.judge(CSRFileText.text(der), for: CSRRequirement(domain: "example.com", type: .dv))
        #expect(verdict.isAccepted)
        #expect(verdict.canonicalPEM == pem)
        // PEM bytes pass through untouched, and text pasted as DER bytes is still refused as binary.
        #expect(CSRFileText.text(Array(pem.utf8)) == pem)
        #expect(CSRCheck.judge(String(decoding: der, as: UTF8.self), for: nil).problems.map(\.code) == ["binary"])
    }

    @Test func aDERPrivateKeyIsRefusedAsAPrivateKey() throws {
        let openssl = try OpenSSL()
        try openssl.makeCSR("rsa", key: .rsa(2048), subject: "/CN=example.com")
        try openssl.makeCSR("ec", key: .ec("P-256"), subject: "/CN=example.com")
        try openssl.succeed(["pkey", "-in", "rsa.key", "-outform", "DER", "-out", "pkcs8.der"])
        try openssl.succeed(["rsa", "-in", "rsa.key", "-traditional", "-outform", "DER", "-out", "pkcs1.der"])
        try openssl.succeed(["ec", "-in", "ec.key", "-outform", "DER", "-out", "sec1.der"])
        for name in ["pkcs8.der", "pkcs1.der", "sec1.der"] {
            let verdict = CSRCheck.judge(CSRFileText.text(try Self.bytes(openssl, name)), for: nil)
            #expect(verdict.problems.map(\.code) == ["private_key"], "\(name)")
            #expect(verdict.summary == nil)
        }
    }

    @Test func aDERCertificateOrPublicKeyIsNamed() throws {
        let openssl = try OpenSSL()
        try openssl.succeed(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "site.key", "-outform", "DER",
                             "-out", "site.der", "-subj", "/CN=example.com", "-days", "1"])
        try openssl.succeed(["pkey", "-in", "site.key", "-pubout", "-outform", "DER", "-out", "public.der"])
        let certificate = CSRCheck.judge(CSRFileText.text(try Self.bytes(openssl, "site.der")), for: nil)
        #expect(certificate.problems.map(\.code) == ["certificate_not_csr"])
        let publicKey = CSRCheck.judge(CSRFileText.text(try Self.bytes(openssl, "public.der")), for: nil)
        #expect(publicKey.problems.map(\.code) == ["not_a_csr"])
        #expect(publicKey.problems.first?.message.hasPrefix("This is a PUBLIC KEY") == true)
    }

    @Test func junkAndDamagedDERStayBinary() throws {
        let openssl = try OpenSSL()
        try openssl.makeCSR("request", key: .rsa(2048), subject: "/CN=example.com")
        let der = try openssl.csrDER("request")
        // Cut short: a SEQUENCE that no longer parses is not treated as DER.
        for bytes in [Array(der.dropLast(10)), [0x30, 0x03, 0x02, 0x01], [0x31, 0x00]] {
            #expect(CSRCheck.judge(CSRFileText.text(bytes), for: nil).problems.map(\.code) == ["binary"])
        }
    }
}
