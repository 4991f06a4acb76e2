import Foundation
import Testing
import PanelModel
import PanelStore
import TestSupport

/// `certpanel dcv show|method|check` through the real binary over a seeded demo world; the
/// HTTP check against a web server on 127.0.0.1 (no other network).
@Suite struct DCVCommandTests {
    let asAlice = ["--as", "customer:\(DemoWorld.alice)"]

    /// `openssl dgst` of order 1001's stored CSR, in DER, upper case.
    func storedCSRDigests(_ demo: DemoFixture) throws -> (md5: String, sha256: String) {
        let database = try PanelDatabase(path: demo.cli.databasePath)
        defer { try? database.close() }
        let pem = try #require(try database.orderDetail(OrderID(1001), as: .operator).certificate?.csrPEM)
        try Data(pem.utf8).write(to: demo.directory.appendingPathComponent("stored.csr"))
        try CSRCommandTests.openssl(["req", "-in", "stored.csr", "-outform", "DER", "-out", "stored.der"], in: demo.directory)
        func digest(_ algorithm: String) throws -> String {
            String(try CSRCommandTests.openssl(["dgst", "-\(algorithm)", "-r", "stored.der"], in: demo.directory).prefix { $0 != " " }).uppercased()
        }
        return (try digest("md5"), try digest("sha256"))
    }

    @Test func showPrintsTheValuesDerivedFromTheStoredCSR() throws {
        let demo = try DemoFixture()
        let (md5, sha256) = try storedCSRDigests(demo)
        let shown = try demo.cli.run(asAlice + ["dcv", "show", "1001"])
        #expect(shown.status == 0, "\(shown.stderr)")
        #expect(shown.stdout.contains("Method: not chosen (certpanel dcv method 1001 email|dns|http)\n"))
        #expect(shown.stdout.contains("  Email  admin@sunrise-bakery.com, administrator@sunrise-bakery.com, hostmaster@sunrise-bakery.com, postmaster@sunrise-bakery.com, webmaster@sunrise-bakery.com\n"))
        #expect(shown.stdout.contains("  DNS    _\(md5).sunrise-bakery.com. CNAME \(sha256.prefix(32)).\(sha256.suffix(32)).comodoca.com.\n"))
        #expect(shown.stdout.contains("  HTTP   http://sunrise-bakery.com/.well-known/pki-validation/\(md5).txt\n"))
        #expect(shown.stdout.contains("content: \(sha256)\n"))

        let json = try demo.cli.run(asAlice + ["dcv", "show", "1001", "--json"])
        let detail = try JSONDecoder.iso.decode(DomainValidationDetail.self, from: Data(json.stdout.utf8))
        #expect(detail.values.csrMD5 == md5 && detail.values.csrSHA256 == sha256)
        #expect(detail.values.names.first?.http?.content == "\(sha256)\ncomodoca.com")

        // Someone else's order reads as not found; no CSR yet is refused; a bad ID is bad usage.
        #expect(try demo.cli.run(["--as", "customer:\(DemoWorld.bob)", "dcv", "show", "1001"]).status == 3)
        let waiting = try demo.cli.run(asAlice + ["dcv", "show", "1003"])
        #expect(waiting.status == 1)
        #expect(waiting.stderr.contains("Order 1003 has no CSR yet"))
        #expect(try demo.cli.run(asAlice + ["dcv", "show", "x"]).status == 2)
    }

    @Test func methodIsStoredAndAuditedAndBadChoicesExitWithTheirCodes() throws {
        let demo = try DemoFixture()
        let chosen = try demo.cli.run(asAlice + ["dcv", "method", "1001", "email", "--email", "hostmaster@sunrise-bakery.com"])
        #expect(chosen.status == 0, "\(chosen.stderr)")
        #expect(chosen.stdout == "Order 1001 now validates by email (hostmaster@sunrise-bakery.com).\n")
        let json = try demo.cli.run(asAlice + ["dcv", "method", "1001", "dns", "--json"])
        let change = try JSONDecoder.iso.decode(DCVMethodChange.self, from: Data(json.stdout.utf8))
        #expect(change.previous == DCVChoice(method: .email, approverEmail: "hostmaster@sunrise-bakery.com"))
        #expect(change.choice == DCVChoice(method: .dns))
        #expect(try demo.cli.run(asAlice + ["dcv", "show", "1001"]).stdout.contains("Method: dns\n"))

        let refused = try demo.cli.run(asAlice + ["dcv", "method", "1001", "email", "--email", "info@sunrise-bakery.com"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("Choose one of: admin@sunrise-bakery.com"))
        #expect(try demo.cli.run(asAlice + ["dcv", "method", "1001", "carrier-pigeon"]).status == 2)
        #expect(try demo.cli.run(asAlice + ["dcv", "method", "1001", "dns", "--email", "admin@sunrise-bakery.com"]).status == 2)
        #expect(try demo.cli.run(["--as", "customer:\(DemoWorld.bob)", "dcv", "method", "1001", "http"]).status == 3)

        let database = try PanelDatabase(path: demo.cli.databasePath)
        defer { try? database.close() }
        let audit = try database.auditEntries(subject: "order:1001").filter { $0.action == "certificate.dcv_method" }
        #expect(audit.map(\.summary) == ["validation method email (hostmaster@sunrise-bakery.com) → dns",
                                         "validation method none → email (hostmaster@sunrise-bakery.com)"])
        #expect(audit.first?.transactionID == change.transactionID)
    }

    @Test func checkFetchesTheFileFromALocalServerAndExitsOneUntilItIsThere() throws {
        let demo = try DemoFixture()
        let (md5, sha256) = try storedCSRDigests(demo)
        let server = try LocalHTTPServer()
        let environment = [PlainHTTPFetcher.baseVariable: server.base]
        let path = "/.well-known/pki-validation/\(md5).txt"

        let missing = try demo.cli.run(asAlice + ["dcv", "check", "1001", "--method", "http"], environment: environment)
        #expect(missing.status == 1)
        #expect(missing.stdout.contains("sunrise-bakery.com: MISSING\n"))
        #expect(missing.stdout.contains("http://sunrise-bakery.com\(path) answered 404 (not found). Put the file \(path) on the web server of sunrise-bakery.com with these lines: \(sha256) / comodoca.com"))
        #expect(missing.stdout.contains("0 of 1 names of order 1001 are ready for HTTP file validation"))

        try server.serve("\(sha256)\ncomodoca.com\n", host: "sunrise-bakery.com", path: path)
        let found = try demo.cli.run(asAlice + ["dcv", "check", "1001", "--method", "http", "--json"], environment: environment)
        #expect(found.status == 0, "\(found.stdout) \(found.stderr)")
        let report = try JSONDecoder.iso.decode(DCVCheckReport.self, from: Data(found.stdout.utf8))
        #expect(report.findings.map(\.status) == [.found])
        #expect(report.isComplete)

        // The chosen method is what check looks up without --method.
        #expect(try demo.cli.run(asAlice + ["dcv", "method", "1001", "http"]).status == 0)
        #expect(try demo.cli.run(asAlice + ["dcv", "check", "1001"], environment: environment).stdout.contains("sunrise-bakery.com: found\n"))

        #expect(try demo.cli.run(asAlice + ["dcv", "check", "1001", "--method", "email"], environment: environment).status == 2)
        #expect(try demo.cli.run(asAlice + ["dcv", "check", "1001"], environment: [PlainHTTPFetcher.baseVariable: "ftp://127.0.0.1"]).status == 2)
        #expect(try demo.cli.run(["--as", "customer:\(DemoWorld.bob)", "dcv", "check", "1001", "--method", "http"], environment: environment).status == 3)
    }
}
