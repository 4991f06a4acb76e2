import Foundation
import Testing
@testable import PanelModel

/// CertificateSummary agrees with what openssl reads from the same certificate.
@Suite struct CertificateSummaryTests {
    /// The value after the first "=" of openssl's `-fingerprint`/`-serial` line.
    static func value(_ line: String) -> String {
        String(line.split(separator: "=", maxSplits: 1).last ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test(arguments: [false, true])
    func agreesWithOpenSSL(issuedByTheDemoCA: Bool) throws {
        let openssl = try OpenSSL()
        if issuedByTheDemoCA {
            let now = Date()
            let ca = try DemoCertificateAuthority.generate(now: now.addingTimeInterval(-60))
            let csr = try openssl.makeCSR("site", key: .rsa(2048), subject: "/C=SI/O=Example, d.o.o./CN=example.com",
                                          sans: ["DNS:example.com", "DNS:www.example.com", "IP:192.0.2.7"])
            var serial: [UInt8] = [0x80] + (1...15).map { UInt8($0) }   // high bit set: DER adds a sign byte
            serial[15] = 0xFF
            try openssl.write("cert.pem", try ca.issue(csrPEM: csr, serialNumber: serial, notBefore: now.addingTimeInterval(-30),
                                                       notAfter: now.addingTimeInterval(397 * 86_400)))
        } else {
            try openssl.succeed(["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-384", "-nodes",
                                 "-keyout", "self.key", "-out", "cert.pem", "-subj", "/O=Example/CN=example.org",
                                 "-addext", "subjectAltName=DNS:example.org", "-days", "30"])
        }
        let summary = try CertificateSummary(pem: try openssl.read("cert.pem"))

        let fingerprint = Self.value(try openssl.succeed(["x509", "-in", "cert.pem", "-noout", "-fingerprint", "-sha256"]))
        #expect(summary.sha256Fingerprint == fingerprint)
        #expect(summary.sha256Fingerprint.count == 32 * 3 - 1)
        let serial = Self.value(try openssl.succeed(["x509", "-in", "cert.pem", "-noout", "-serial"]))
        #expect(summary.serialNumber.replacingOccurrences(of: ":", with: "") == serial)
        let rfc4514 = ["-nameopt", "RFC2253,sep_comma_plus_space"]
        let subject = Self.value(try openssl.succeed(["x509", "-in", "cert.pem", "-noout", "-subject"] + rfc4514))
        #expect(summary.subject == subject)
        let issuer = Self.value(try openssl.succeed(["x509", "-in", "cert.pem", "-noout", "-issuer"] + rfc4514))
        #expect(summary.issuer == issuer)

        let dates = try openssl.succeed(["x509", "-in", "cert.pem", "-noout", "-startdate", "-enddate", "-dateopt", "iso_8601"])
        let parsed = dates.split(separator: "\n").map { Self.value(String($0)) }.map { text -> Date? in
            try? Date(text.replacingOccurrences(of: " ", with: "T"), strategy: .iso8601)
        }
        #expect(parsed == [summary.notBefore, summary.notAfter])

        if issuedByTheDemoCA {
            #expect(summary.subject == "CN=example.com, O=Example\\, d.o.o., C=SI")
            #expect(summary.subjectAlternativeNames == ["example.com", "www.example.com", "192.0.2.7"])
            #expect(summary.keyDescription == "RSA 2048 bits")
            #expect(summary.issuer == "CN=CertPanel Demo CA (not trusted), O=CertPanel demo")
            #expect(summary.serialNumber.hasPrefix("80:01:02"))
        } else {
            #expect(summary.subjectAlternativeNames == ["example.org"])
            #expect(summary.keyDescription == "EC P-384")
        }
    }

    @Test func notACertificateSaysWhatToGive() throws {
        let openssl = try OpenSSL()
        let csr = try openssl.makeCSR("site", key: .ec("P-256"), subject: "/CN=example.com")
        for input in ["", "hello", csr] {
            #expect {
                try CertificateSummary(pem: input)
            } throws: { error in
                (error as? PanelError)?.exitCode == 2 && (error as? PanelError)?.message.contains("-----BEGIN CERTIFICATE-----") == true
            }
        }
    }

    /// A certificate whose RSA key BoringSSL refuses (an even public exponent) is named as such
    /// and never reaches swift-crypto's DER parser, which frees a refused key twice.
    @Test func aDamagedRSAKeyIsRefusedByName() throws {
        let openssl = try OpenSSL()
        try openssl.succeed(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "rsa.key", "-out", "rsa.pem",
                             "-subj", "/CN=example.com", "-days", "30"])
        let pem = try openssl.read("rsa.pem")
        #expect(throws: Never.self) { try CertificateSummary(pem: pem) }
        // The exponent 65537 is the INTEGER 02 03 01 00 01 right after the modulus; make it even.
        let block = try #require(PEMScanner.blocks(in: pem).first)
        guard case .success(let der) = block.decodedBytes() else { Issue.record("the PEM did not decode"); return }
        var bytes = Array(der)
        let exponent: [UInt8] = [0x02, 0x03, 0x01, 0x00, 0x01]
        let at = try #require((0...(bytes.count - exponent.count)).first { Array(bytes[$0..<($0 + exponent.count)]) == exponent } as Int?)
        bytes[at + 4] = 0x02
        #expect(RSAKeyGate.acceptsKey(ofCertificate: Array(der)))
        #expect(!RSAKeyGate.acceptsKey(ofCertificate: bytes))
        #expect {
            try CertificateSummary(pem: OpenSSL.pem("CERTIFICATE", bytes))
        } throws: { error in
            (error as? PanelError)?.message.contains("RSA public key is damaged") == true
        }
    }
}
