import Foundation
import Testing
import PanelModel

/// Domain-control validation values derived from CSRs made by the real openssl, its hashes
/// checked against `openssl dgst`; the method rules; and how lookups are judged.
@Suite struct DCVValuesTests {
    /// A wildcard CSR with its base name, a subdomain, a repeat of the CN and an IP address.
    func wildcardCSR(_ openssl: OpenSSL) throws -> String {
        try openssl.makeCSR("wild", key: .ec("prime256v1"), subject: "/CN=*.Example.co.uk",
                            sans: ["DNS:*.example.co.uk", "DNS:example.co.uk", "DNS:shop.example.co.uk", "IP:192.0.2.7"])
    }

    /// `openssl dgst -ALGORITHM` of the CSR's DER, in upper case.
    func digest(_ algorithm: String, _ openssl: OpenSSL, _ name: String) throws -> String {
        _ = try openssl.csrDER(name)
        let output = try openssl.succeed(["dgst", "-\(algorithm)", "-r", "\(name).der"])
        return String(output.split(separator: " ")[0]).uppercased()
    }

    @Test func theHashesAreThoseOfTheCSRsDERAndEachNameGetsItsValues() throws {
        let openssl = try OpenSSL()
        let values = try DCVValues.derive(csrPEM: try wildcardCSR(openssl))
        let md5 = try digest("md5", openssl, "wild")
        let sha256 = try digest("sha256", openssl, "wild")
        #expect(values.csrMD5 == md5)
        #expect(values.csrSHA256 == sha256)
        #expect(md5.count == 32 && sha256.count == 64)

        // The CN and its repeat in the SANs are one name; the IP address is not validated here.
        #expect(values.names.map(\.name) == ["*.example.co.uk", "example.co.uk", "shop.example.co.uk"])
        #expect(values.skippedNames == ["192.0.2.7"])

        let wildcard = values.names[0]
        #expect(wildcard.validatedName == "example.co.uk")
        #expect(wildcard.dns == DCVDNSRecord(type: "CNAME", name: "_\(md5).example.co.uk",
                                             value: "\(sha256.prefix(32)).\(sha256.suffix(32)).comodoca.com"))
        #expect(wildcard.http == nil)
        #expect(wildcard.httpUnavailable?.contains("*.example.co.uk") == true)

        let shop = values.names[2]
        #expect(shop.registrableDomain == "example.co.uk")   // the Public Suffix List: co.uk is a suffix
        #expect(shop.approverEmails == ["admin@example.co.uk", "administrator@example.co.uk", "hostmaster@example.co.uk",
                                        "postmaster@example.co.uk", "webmaster@example.co.uk"])
        #expect(shop.dns.name == "_\(md5).shop.example.co.uk")
        #expect(shop.http?.url == "http://shop.example.co.uk/.well-known/pki-validation/\(md5).txt")
        #expect(shop.http?.content == "\(sha256)\ncomodoca.com")
        #expect(values.approverEmails.count == 5)
    }

    @Test func aUniqueValueGoesIntoTheRecordAndTheFile() throws {
        let openssl = try OpenSSL()
        let pem = try openssl.makeCSR("one", key: .ec("prime256v1"), subject: "/CN=example.com")
        let plain = try DCVValues.derive(csrPEM: pem)
        let unique = try DCVValues.derive(csrPEM: pem, uniqueValue: "ABC123")
        #expect(unique.names[0].dns.value == "\(plain.csrSHA256.prefix(32)).\(plain.csrSHA256.suffix(32)).ABC123.comodoca.com")
        #expect(unique.names[0].http?.content == "\(plain.csrSHA256)\ncomodoca.com\nABC123")
        // Another key, another CSR: other values.
        let other = try DCVValues.derive(csrPEM: try openssl.makeCSR("two", key: .ec("prime256v1"), subject: "/CN=example.com"))
        #expect(other.csrMD5 != plain.csrMD5)
    }

    @Test func textWithoutACSRIsBadInput() {
        #expect(throws: PanelError.self) { try DCVValues.derive(csrPEM: "-----BEGIN CERTIFICATE REQUEST-----\n!!\n-----END CERTIFICATE REQUEST-----\n") }
        do {
            _ = try DCVValues.derive(csrPEM: "hello")
            Issue.record("derived values from no CSR")
        } catch {
            #expect(error.exitCode == 2)
            #expect(error.message.contains("Enter the CSR again"))
        }
    }

    // MARK: - Method rules

    @Test func httpCannotValidateAWildcardAndEmailTakesAnOfferedAddress() throws {
        let openssl = try OpenSSL()
        let wild = try DCVValues.derive(csrPEM: try wildcardCSR(openssl))
        #expect(throws: PanelError.refused("HTTP validation cannot cover the wildcard *.example.co.uk; use DNS or email.")) {
            try DCVMethodPolicy.decide(.http, email: nil, for: wild)
        }
        #expect(try DCVMethodPolicy.decide(.dns, email: nil, for: wild) == DCVChoice(method: .dns))
        #expect(try DCVMethodPolicy.decide(.email, email: nil, for: wild) == DCVChoice(method: .email, approverEmail: "admin@example.co.uk"))
        #expect(try DCVMethodPolicy.decide(.email, email: " Hostmaster@Example.co.uk", for: wild).approverEmail == "hostmaster@example.co.uk")
        do {
            _ = try DCVMethodPolicy.decide(.email, email: "info@example.co.uk", for: wild)
            Issue.record("accepted an address no CA offers")
        } catch {
            #expect(error.exitCode == 1)
            #expect(error.message.contains("\"info@example.co.uk\" is not an approver address"))
            #expect(error.message.contains("admin@example.co.uk, administrator@example.co.uk"))
        }
        #expect(throws: PanelError.invalidInput("--email is for the email method only; leave it out for dns.")) {
            try DCVMethodPolicy.decide(.dns, email: "admin@example.co.uk", for: wild)
        }
    }

    @Test func oneApproverAddressCannotCoverTwoRegisteredDomains() throws {
        let openssl = try OpenSSL()
        let pem = try openssl.makeCSR("multi", key: .ec("prime256v1"), subject: "/CN=example.com", sans: ["DNS:example.com", "DNS:www.example.net"])
        let values = try DCVValues.derive(csrPEM: pem)
        #expect(values.approverEmails.count == 10)
        #expect(throws: PanelError.refused("The CSR's names belong to 2 registered domains (example.com, example.net); one approver address covers only one of them. Choose dns or http.")) {
            try DCVMethodPolicy.decide(.email, email: "admin@example.com", for: values)
        }
        #expect(try DCVMethodPolicy.decide(.http, email: nil, for: values).method == .http)
    }

    // MARK: - Judging lookups

    func sampleName() -> DCVName {
        DCVValues.derive(der: Array("not really a CSR".utf8), names: ["www.example.com"]).names[0]
    }

    @Test func aDNSAnswerIsFoundMissingWrongOrNotKnown() throws {
        let name = sampleName()
        let target = name.dns.value
        #expect(DCVCheck.dns(name, answer: .records([target.lowercased() + "."])).status == .found)
        let missing = DCVCheck.dns(name, answer: .noSuchName)
        #expect(missing.status == .missing)
        #expect(missing.message == "No CNAME record at \(name.dns.name). Add this record to the zone of example.com: \(name.dns.name). CNAME \(target).")
        #expect(DCVCheck.dns(name, answer: .records([])).status == .missing)
        let wrong = DCVCheck.dns(name, answer: .records(["elsewhere.example.net"]))
        #expect(wrong.status == .wrong)
        #expect(wrong.message.contains("points to \"elsewhere.example.net\", not to \(target). Change the record to: "))
        let failed = DCVCheck.dns(name, answer: .failed("timeout"))
        #expect(failed.status == .failed)
        #expect(failed.message.contains("failed (timeout). Try again later"))
    }

    @Test func anHTTPAnswerIsFoundOnlyWithTheRightLines() throws {
        let name = sampleName()
        let file = try #require(name.http)
        let sha = String(file.content.prefix(64))
        // CRLF, a final newline and lower-case hex are the same content to a CA.
        #expect(DCVCheck.http(name, outcome: .response(status: 200, location: nil, body: sha.lowercased() + "\r\ncomodoca.com\r\n\r\n")).status == .found)
        let notFound = DCVCheck.http(name, outcome: .response(status: 404, location: nil, body: "no"))
        #expect(notFound.status == .missing)
        #expect(notFound.message == "\(file.url) answered 404 (not found). Put the file \(file.path) on the web server of www.example.com with these lines: \(sha) / comodoca.com")
        let other = DCVCheck.http(name, outcome: .response(status: 200, location: nil, body: "hello\n"))
        #expect(other.status == .wrong)
        #expect(other.message.contains("holds other content (first line \"hello\")"))
        #expect(DCVCheck.http(name, outcome: .response(status: 200, location: nil, body: sha)).status == .wrong)   // the CA line is missing
        let moved = DCVCheck.http(name, outcome: .response(status: 301, location: "https://www.example.com/x", body: ""))
        #expect(moved.status == .wrong)
        #expect(moved.message.contains("answered 301, a redirect to \"https://www.example.com/x\""))
        #expect(DCVCheck.http(name, outcome: .failed("connection refused")).status == .failed)
    }
}
