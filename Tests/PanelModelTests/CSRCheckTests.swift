import Foundation
import Testing
import PanelModel

/// CSRs made by the real `openssl req` at test time, judged by `CSRCheck`.
@Suite struct CSRCheckTests {
    // MARK: - Accepted

    struct AcceptedCase: Sendable, CustomTestStringConvertible {
        var label: String
        var key: OpenSSL.Key
        var digest: String?
        var subject: String
        var sans: [String] = []
        var requirement: CSRRequirement?
        var keyDescription: String
        var signatureAlgorithm: String
        var expectedSANs: [String] = []
        var testDescription: String { label }
    }

    static let accepted: [AcceptedCase] = [
        AcceptedCase(label: "RSA 2048 without SANs", key: .rsa(2048), digest: "sha256",
                     subject: "/C=SI/O=Sunrise Bakery d.o.o./CN=sunrise-bakery.com",
                     requirement: CSRRequirement(domain: "sunrise-bakery.com", type: .dv),
                     keyDescription: "RSA 2048 bits", signatureAlgorithm: "SHA-256 with RSA"),
        AcceptedCase(label: "RSA 4096 with SANs", key: .rsa(4096), digest: "sha256",
                     subject: "/CN=example.com/OU=Web/O=Example Ltd/L=London/ST=England/C=GB/emailAddress=ops@example.com",
                     sans: ["DNS:example.com", "DNS:www.example.com"],
                     requirement: CSRRequirement(domain: "example.com", type: .ov),
                     keyDescription: "RSA 4096 bits", signatureAlgorithm: "SHA-256 with RSA",
                     expectedSANs: ["example.com", "www.example.com"]),
        AcceptedCase(label: "EC P-256 with DNS and IP SANs, no order", key: .ec("P-256"), digest: "sha256",
                     subject: "/CN=example.org", sans: ["DNS:example.org", "IP:192.0.2.10", "IP:2001:db8::1"],
                     keyDescription: "EC P-256", signatureAlgorithm: "ECDSA with SHA-256",
                     expectedSANs: ["example.org", "192.0.2.10", "2001:db8::1"]),
        AcceptedCase(label: "EC P-384 wildcard", key: .ec("P-384"), digest: "sha384",
                     subject: "/O=Example/CN=*.example.net", sans: ["DNS:*.example.net", "DNS:example.net"],
                     requirement: CSRRequirement(domain: "example.net", wildcard: true),
                     keyDescription: "EC P-384", signatureAlgorithm: "ECDSA with SHA-384",
                     expectedSANs: ["*.example.net", "example.net"]),
        AcceptedCase(label: "multi-domain", key: .rsa(2048), digest: "sha384",
                     subject: "/CN=example.com", sans: ["DNS:example.com", "DNS:shop.example.net", "DNS:example.org"],
                     requirement: CSRRequirement(domain: "example.com", type: .multiDomain, additionalNames: ["shop.example.net", "example.org"]),
                     keyDescription: "RSA 2048 bits", signatureAlgorithm: "SHA-384 with RSA",
                     expectedSANs: ["example.com", "shop.example.net", "example.org"]),
        AcceptedCase(label: "EC P-521", key: .ec("P-521"), digest: "sha512", subject: "/CN=example.com",
                     requirement: CSRRequirement(domain: "example.com", type: .dv),
                     keyDescription: "EC P-521", signatureAlgorithm: "ECDSA with SHA-512"),
        AcceptedCase(label: "Ed25519", key: .ed25519, digest: nil, subject: "/CN=www.example.com",
                     requirement: CSRRequirement(domain: "www.example.com", type: .dv),
                     keyDescription: "Ed25519", signatureAlgorithm: "Ed25519"),
    ]

    @Test(arguments: accepted)
    func acceptedWithTheRightDecodedFields(_ example: AcceptedCase) throws {
        let openssl = try OpenSSL()
        let pem = try openssl.makeCSR("request", key: example.key, subject: example.subject, sans: example.sans, digest: example.digest)
        let verdict = CSRCheck.judge(pem, for: example.requirement)
        #expect(verdict.problems == [])
        #expect(verdict.isAccepted)
        #expect(verdict.isReadable)
        let summary = try #require(verdict.summary)
        let expectedSubject = example.subject.split(separator: "/").map { part in
            let pieces = part.split(separator: "=", maxSplits: 1).map(String.init)
            return CSRSubjectField(name: pieces[0], value: pieces[1])
        }
        #expect(summary.subject == expectedSubject)
        #expect(summary.commonName == expectedSubject.last { $0.name == "CN" }?.value)
        #expect(summary.subjectAlternativeNames == example.expectedSANs)
        #expect(summary.keyDescription == example.keyDescription)
        #expect(summary.signatureAlgorithm == example.signatureAlgorithm)
        #expect(summary.signatureVerifies)
        // openssl writes canonical PEM already: the stored form is byte for byte the same.
        #expect(verdict.canonicalPEM == pem)
    }

    @Test func keySizesAgreeWithOpenSSL() throws {
        let openssl = try OpenSSL()
        let pem = try openssl.makeCSR("request", key: .rsa(3072), subject: "/CN=example.com")
        let text = try openssl.succeed(["req", "-in", "request.csr", "-noout", "-text"])
        #expect(text.contains("Public-Key: (3072 bit)"))
        #expect(CSRCheck.judge(pem, for: nil).summary?.keyDescription == "RSA 3072 bits")
    }

    @Test func textAroundTheBlockIsIgnored() throws {
        let openssl = try OpenSSL()
        let pem = try openssl.makeCSR("request", key: .ec("P-256"), subject: "/CN=example.com")
        // openssl's own dump ("Certificate Request: Data: …") followed by the PEM block.
        let dump = try openssl.succeed(["req", "-in", "request.csr", "-text"])
        #expect(dump.hasPrefix("Certificate Request:"))
        let fromDump = CSRCheck.judge("Hello, here is our CSR:\n\n" + dump + "\nRegards,\nAlice\n", for: CSRRequirement(domain: "example.com", type: .dv))
        #expect(fromDump.isAccepted)
        #expect(fromDump.canonicalPEM == pem)
        // Pasted indented, with CRLF line ends, or as one long line.
        let lines = pem.split(separator: "\n")
        for variant in [lines.map { "    " + $0 }.joined(separator: "\r\n"), lines.joined(separator: " ")] {
            let verdict = CSRCheck.judge(variant, for: nil)
            #expect(verdict.isAccepted, "\(verdict.problems)")
            #expect(verdict.canonicalPEM == pem)
        }
    }

    @Test func newCertificateRequestLabelIsAccepted() throws {
        let openssl = try OpenSSL()
        let pem = try openssl.makeCSR("request", key: .rsa(2048), subject: "/CN=example.com")
        let legacy = pem.replacingOccurrences(of: "CERTIFICATE REQUEST", with: "NEW CERTIFICATE REQUEST")
        let verdict = CSRCheck.judge(legacy, for: nil)
        #expect(verdict.isAccepted)
        #expect(verdict.canonicalPEM == pem)
    }

    @Test func internationalizedDomainMatchesItsALabel() throws {
        let openssl = try OpenSSL()
        let ascii = try DomainName("bäckerei-müller.de").ascii
        #expect(ascii.hasPrefix("xn--"))
        let pem = try openssl.makeCSR("request", key: .ec("P-256"), subject: "/CN=\(ascii)")
        #expect(CSRCheck.judge(pem, for: CSRRequirement(domain: "bäckerei-müller.de", type: .dv)).isAccepted)
    }

    // MARK: - Refused: the key and the signature

    @Test func rsa1024IsRefusedAndNamed() throws {
        let openssl = try OpenSSL()
        let pem = try openssl.makeCSR("weak", key: .rsa(1024), subject: "/CN=example.com")
        let verdict = CSRCheck.judge(pem, for: CSRRequirement(domain: "example.com", type: .dv))
        #expect(verdict.problems.map(\.code) == ["rsa_key_too_small"])
        #expect(verdict.problems.first?.message.contains("RSA 1024 bits") == true)
        #expect(verdict.problems.first?.message.contains("at least 2048 bits") == true)
        #expect(verdict.summary?.keyDescription == "RSA 1024 bits")
        #expect(verdict.summary?.signatureVerifies == true)   // checked with Swift Crypto directly
        #expect(verdict.isReadable)
        #expect(verdict.canonicalPEM == nil)
    }

    @Test func sha1SignatureIsRefused() throws {
        let openssl = try OpenSSL()
        let pem = try openssl.makeCSR("old", key: .rsa(2048), subject: "/CN=example.com", digest: "sha1")
        let verdict = CSRCheck.judge(pem, for: nil)
        #expect(verdict.problems.map(\.code) == ["weak_signature"])
        #expect(verdict.summary?.signatureAlgorithm == "SHA-1 with RSA")
        #expect(verdict.summary?.signatureVerifies == true)
        #expect(verdict.problems.first?.message.contains("SHA-256") == true)
    }

    @Test(arguments: [OpenSSL.Key.rsa(2048), .ec("P-256"), .ed25519])
    func flippedSignatureByteDoesNotVerify(_ key: OpenSSL.Key) throws {
        let openssl = try OpenSSL()
        try openssl.makeCSR("request", key: key, subject: "/CN=example.com", digest: nil)
        var der = try openssl.csrDER("request")
        der[der.count - 1] ^= 0x01   // the last byte belongs to the signature
        let verdict = CSRCheck.judge(OpenSSL.pem("CERTIFICATE REQUEST", der), for: nil)
        #expect(verdict.problems.map(\.code) == ["signature_invalid"])
        #expect(verdict.summary?.signatureVerifies == false)
        #expect(verdict.canonicalPEM == nil)
        // openssl agrees (3.0 says so on stderr but still exits 0).
        try openssl.write("tampered.csr", OpenSSL.pem("CERTIFICATE REQUEST", der))
        let check = try openssl.run(["req", "-in", "tampered.csr", "-noout", "-verify"])
        #expect((check.stdout + check.stderr).contains("verify failure"))
    }

    @Test func subjectChangedAfterSigningDoesNotVerify() throws {
        let openssl = try OpenSSL()
        try openssl.makeCSR("request", key: .rsa(2048), subject: "/CN=example.com")
        var der = try openssl.csrDER("request")
        let name = Array("example.com".utf8)
        let start = try #require((0...(der.count - name.count)).first { Array(der[$0..<$0 + name.count]) == name })
        der[start] = UInt8(ascii: "f")   // "fxample.com": still well-formed, no longer what was signed
        let verdict = CSRCheck.judge(OpenSSL.pem("CERTIFICATE REQUEST", der), for: nil)
        #expect(verdict.summary?.commonName == "fxample.com")
        #expect(verdict.problems.map(\.code) == ["signature_invalid"])
    }

    @Test func curvesOtherThanTheNISTThreeAreRefused() throws {
        let openssl = try OpenSSL()
        let pem = try openssl.makeCSR("request", key: .ec("secp256k1"), subject: "/CN=example.com")
        let verdict = CSRCheck.judge(pem, for: nil)
        #expect(verdict.summary?.keyDescription == "EC secp256k1")
        #expect(verdict.problems.map(\.code) == ["unsupported_curve"])
        #expect(verdict.problems.first?.message.contains("P-256, P-384 or P-521") == true)
    }

    @Test func dsaKeysAreRefused() throws {
        let openssl = try OpenSSL()
        try openssl.succeed(["genpkey", "-genparam", "-algorithm", "DSA", "-pkeyopt", "dsa_paramgen_bits:2048", "-out", "dsa.params"])
        try openssl.succeed(["req", "-new", "-nodes", "-newkey", "dsa:dsa.params", "-keyout", "dsa.key", "-out", "dsa.csr", "-subj", "/CN=example.com"])
        let verdict = CSRCheck.judge(try openssl.read("dsa.csr"), for: nil)
        #expect(verdict.summary?.keyDescription == "DSA 2048 bits")
        #expect(verdict.problems.map(\.code) == ["dsa_key"])
    }

    // MARK: - Refused: not a CSR

    @Test func aCertificateIsNotACSR() throws {
        let openssl = try OpenSSL()
        try openssl.succeed(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "site.key", "-out", "site.crt",
                             "-subj", "/CN=example.com", "-days", "1"])
        let verdict = CSRCheck.judge(try openssl.read("site.crt"), for: nil)
        #expect(verdict.problems.map(\.code) == ["certificate_not_csr"])
        #expect(verdict.problems.first?.message.hasPrefix("This is a certificate, not a certificate signing request") == true)
        #expect(verdict.isReadable)
        #expect(verdict.summary == nil)
    }

    /// Every private-key form a customer might paste, alone or beside their CSR.
    @Test func privateKeysAreRefusedAndNeverEchoed() throws {
        let openssl = try OpenSSL()
        let csr = try openssl.makeCSR("rsa", key: .rsa(2048), subject: "/CN=example.com")
        try openssl.makeCSR("ec", key: .ec("P-256"), subject: "/CN=example.com")
        try openssl.succeed(["rsa", "-in", "rsa.key", "-traditional", "-out", "traditional.key"])
        try openssl.succeed(["ec", "-in", "ec.key", "-out", "sec1.key"])
        try openssl.succeed(["pkcs8", "-topk8", "-in", "rsa.key", "-v2", "aes-256-cbc", "-passout", "pass:secret", "-out", "encrypted.key"])
        var random = SystemRandomNumberGenerator()
        let opensshBody = Data((0..<400).map { _ in UInt8.random(in: 0...255, using: &random) }).base64EncodedString(options: .lineLength64Characters)
        let keys: [(label: String, text: String)] = [
            ("PRIVATE KEY", try openssl.read("rsa.key")),
            ("RSA PRIVATE KEY", try openssl.read("traditional.key")),
            ("EC PRIVATE KEY", try openssl.read("sec1.key")),
            ("ENCRYPTED PRIVATE KEY", try openssl.read("encrypted.key")),
            ("OPENSSH PRIVATE KEY", "-----BEGIN OPENSSH PRIVATE KEY-----\n\(opensshBody)\n-----END OPENSSH PRIVATE KEY-----\n"),
        ]
        let encoder = JSONEncoder()
        for key in keys {
            #expect(key.text.contains("-----BEGIN \(key.label)-----"))
            for input in [key.text, key.text + csr, csr + "\n" + key.text] {
                let verdict = CSRCheck.judge(input, for: CSRRequirement(domain: "example.com", type: .dv))
                #expect(verdict.problems.map(\.code) == ["private_key"], "\(key.label)")
                #expect(verdict.summary == nil)
                #expect(verdict.canonicalPEM == nil)
                #expect(verdict.isReadable)
                let message = try #require(verdict.problems.first?.message)
                #expect(message.contains("keep it secret"))
                #expect(message.contains("generate a new key and a new CSR"))
                let json = String(decoding: try encoder.encode(verdict), as: UTF8.self)
                let keyLines = key.text.split(separator: "\n").filter { !$0.hasPrefix("-----") && $0.count >= 16 }
                #expect(!keyLines.isEmpty)
                #expect(keyLines.allSatisfy { !json.contains($0) && !json.contains($0.replacingOccurrences(of: "/", with: "\\/")) }, "\(key.label)")
            }
        }
    }

    @Test func twoCSRsAreOneTooMany() throws {
        let openssl = try OpenSSL()
        let first = try openssl.makeCSR("one", key: .ec("P-256"), subject: "/CN=example.com")
        let second = try openssl.makeCSR("two", key: .ec("P-256"), subject: "/CN=example.com")
        let verdict = CSRCheck.judge(first + "\n" + second, for: nil)
        #expect(verdict.problems.map(\.code) == ["multiple_csrs"])
        #expect(verdict.problems.first?.message.contains("2 CSRs") == true)
    }

    // MARK: - Unreadable

    @Test func truncatedPEMIsUnreadable() throws {
        let openssl = try OpenSSL()
        let pem = try openssl.makeCSR("request", key: .rsa(2048), subject: "/CN=example.com")
        let lines = pem.split(separator: "\n")
        let cutEnd = lines.dropLast(2).joined(separator: "\n")               // no END line
        let cutTop = lines.dropFirst(3).joined(separator: "\n")              // no BEGIN line
        let cutMiddle = (lines.prefix(4) + lines.suffix(2)).joined(separator: "\n")   // lines lost in between
        for (input, code) in [(cutEnd, "truncated"), (cutTop, "truncated"), (cutMiddle, nil)] {
            let verdict = CSRCheck.judge(input, for: nil)
            #expect(!verdict.isReadable)
            #expect(verdict.summary == nil)
            #expect(verdict.problems.count == 1)
            if let code { #expect(verdict.problems.first?.code == code) }
        }
        #expect(CSRCheck.judge(cutEnd, for: nil).problems.first?.message.contains("-----END CERTIFICATE REQUEST-----") == true)
    }

    @Test func badBase64NamesTheLine() throws {
        let openssl = try OpenSSL()
        let pem = try openssl.makeCSR("request", key: .rsa(2048), subject: "/CN=example.com")
        var lines = pem.split(separator: "\n").map(String.init)
        lines[3] = String(lines[3].prefix(10)) + "!" + String(lines[3].dropFirst(11))   // third base64 line
        let verdict = CSRCheck.judge(lines.joined(separator: "\n"), for: nil)
        #expect(verdict.problems.map(\.code) == ["bad_base64"])
        #expect(verdict.problems.first?.message.contains("line 3") == true)
        #expect(!verdict.isReadable)
    }

    @Test func binaryJunkIsUnreadable() throws {
        let openssl = try OpenSSL()
        try openssl.makeCSR("request", key: .rsa(2048), subject: "/CN=example.com")
        var random = SystemRandomNumberGenerator()
        let junk = (0..<4096).map { _ in UInt8.random(in: 0...255, using: &random) }
        for bytes in [junk, try openssl.csrDER("request")] {
            let verdict = CSRCheck.judge(String(decoding: bytes, as: UTF8.self), for: nil)
            #expect(verdict.problems.map(\.code) == ["binary"])
            #expect(!verdict.isReadable)
        }
        #expect(CSRCheck.judge(String(decoding: junk, as: UTF8.self), for: nil).problems.first?.message.contains("openssl req -inform DER") == true)
    }

    @Test func oneMegabyteOfTextIsTooLarge() {
        let text = String(repeating: "Lorem ipsum dolor sit amet, consectetur adipiscing elit.\n", count: 1_048_576 / 57 + 1)
        #expect(text.utf8.count > 1_000_000)
        let verdict = CSRCheck.judge(text, for: nil)
        #expect(verdict.problems.map(\.code) == ["too_large"])
        #expect(verdict.problems.first?.message.contains("64 KiB") == true)
        #expect(!verdict.isReadable)
        // The limit itself is fine; one byte more is not.
        #expect(CSRCheck.judge(String(repeating: "a", count: CSRCheck.maximumInputBytes), for: nil).problems.map(\.code) == ["not_pem"])
        #expect(CSRCheck.judge(String(repeating: "a", count: CSRCheck.maximumInputBytes + 1), for: nil).problems.map(\.code) == ["too_large"])
    }

    @Test func emptyAndPlainTextAreUnreadable() {
        for empty in ["", "  \n\t\r\n"] {
            #expect(CSRCheck.judge(empty, for: nil).problems.map(\.code) == ["empty"])
        }
        let prose = CSRCheck.judge("Hi, please issue a certificate for example.com. Thanks!", for: nil)
        #expect(prose.problems.map(\.code) == ["not_pem"])
        #expect(!prose.isReadable)
    }

    // MARK: - Names

    @Test func namesThatDoNotCoverTheDomainAreNamed() throws {
        let openssl = try OpenSSL()
        let pem = try openssl.makeCSR("request", key: .rsa(2048), subject: "/CN=other.com", sans: ["DNS:other.com"])
        let verdict = CSRCheck.judge(pem, for: CSRRequirement(domain: "example.com", type: .dv))
        #expect(verdict.problems.map(\.code) == ["names_missing", "names_not_in_order"])
        #expect(verdict.problems[0].message.contains("does not cover example.com"))
        #expect(verdict.problems[0].message.contains("it names other.com"))
        #expect(verdict.problems[1].message.contains("also names other.com"))
        #expect(verdict.summary != nil)   // the preview still shows what the CSR says
    }

    @Test func wildcardOrderNeedsTheStarName() throws {
        let openssl = try OpenSSL()
        let pem = try openssl.makeCSR("request", key: .ec("P-256"), subject: "/CN=example.com", sans: ["DNS:example.com"])
        let verdict = CSRCheck.judge(pem, for: CSRRequirement(domain: "example.com", wildcard: true))
        #expect(verdict.problems.map(\.code) == ["names_missing"])
        #expect(verdict.problems[0].message.contains("does not cover *.example.com"))
        #expect(verdict.problems[0].message.contains("wildcard"))
        // The same CSR is fine for a single-name order.
        #expect(CSRCheck.judge(pem, for: CSRRequirement(domain: "example.com", wildcard: false)).isAccepted)
    }

    @Test func multiDomainOrderNamesEveryMissingName() throws {
        let openssl = try OpenSSL()
        let pem = try openssl.makeCSR("request", key: .rsa(2048), subject: "/CN=example.com", sans: ["DNS:example.com", "DNS:example.org"])
        let requirement = CSRRequirement(domain: "example.com", type: .multiDomain, additionalNames: ["example.org", "shop.example.net", "example.de"])
        let verdict = CSRCheck.judge(pem, for: requirement)
        #expect(verdict.problems.map(\.code) == ["names_missing"])
        #expect(verdict.problems[0].message.contains("does not cover shop.example.net and example.de"))
    }

    @Test func aCSRWithoutAnyNameIsRefusedEvenWithoutAnOrder() throws {
        let openssl = try OpenSSL()
        let pem = try openssl.makeCSR("request", key: .rsa(2048), subject: "/O=Example Ltd/C=GB")
        #expect(CSRCheck.judge(pem, for: nil).problems.map(\.code) == ["no_names"])
    }
}
