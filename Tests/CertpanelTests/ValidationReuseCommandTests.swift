import Foundation
import Testing
import PanelModel
import PanelStore
import TestSupport

/// Issue 16 through the real binary: Grace's 3001 (green-valley.org) was issued 205 days before
/// the demo world's seeding day, so its domain validation is past the 200 days it may be reused:
/// `cert reissue --reuse-csr` is accepted and waits in validating; `dcv check` then issues it.
@Suite struct ValidationReuseCommandTests {
    let asGrace = ["--as", "customer:\(DemoWorld.grace)"]

    @Test func aReissuePastTheReusePeriodWaitsUntilTheCheckFindsTheFile() throws {
        let demo = try DemoFixture()
        let before = try JSONDecoder.iso.decode(SSLCertificateDetail.self,
                                                from: Data(try demo.cli.run(asGrace + ["ssl", "show", "3001", "--json"]).stdout.utf8))
        let validated = try #require(before.validatedAt)
        let until = validated.adding(days: 200).addingTimeInterval(-1).dayText
        let shown = try demo.cli.run(asGrace + ["ssl", "show", "3001"])
        #expect(shown.stdout.contains("  Validation: Domain validated \(validated.dayText) · reuse ended \(until): the next reissue validates again\n"))
        #expect(before.validationStatus?.hasPrefix("Domain validated \(validated.dayText) · reuse ended") == true)
        let old = try demo.cli.run(asGrace + ["cert", "download", "3001"]).stdout

        let reissued = try demo.cli.run(asGrace + ["cert", "reissue", "3001", "--reuse-csr"])
        #expect(reissued.status == 0, "\(reissued.stderr)")
        #expect(reissued.stdout.hasPrefix("State: Validating\nThe domain validation of \(validated.dayText) could be reused until \(until); this reissue validates the domain again: publish the values of `certpanel dcv show 3001` (or d on the certificate) and run `certpanel dcv check 3001`."))
        #expect(try demo.cli.run(asGrace + ["cert", "download", "3001"]).stdout == old)

        // Nothing published yet: exit 1, nothing issued.
        let database = try PanelDatabase(path: demo.cli.databasePath)
        defer { try? database.close() }
        let values = try database.domainValidation(order: OrderID(3001), for: .operator).values
        let name = try #require(values.names.first)
        let file = try #require(name.http)
        let server = try LocalHTTPServer()
        let environment = [PlainHTTPFetcher.baseVariable: server.base]
        let missing = try demo.cli.run(asGrace + ["dcv", "check", "3001", "--method", "http"], environment: environment)
        #expect(missing.status == 1)
        #expect(!missing.stdout.contains("certificate issued"))
        #expect(try database.sslCertificateDetail(order: OrderID(3001), for: .operator, now: Date()).row.storedState == .validating)

        // The file in place: the check issues the certificate, validated today.
        try server.serve(file.content + "\n", host: file.host, path: file.path)
        let found = try demo.cli.run(asGrace + ["dcv", "check", "3001", "--method", "http"], environment: environment)
        #expect(found.status == 0, "\(found.stdout) \(found.stderr)")
        #expect(found.stdout.contains("Domain validated; certificate issued, valid until "))
        let after = try database.sslCertificateDetail(order: OrderID(3001), for: .operator, now: Date())
        #expect(after.row.storedState == .issued)
        #expect(after.validatedAt.map { abs($0.timeIntervalSinceNow) < 600 } == true)
        #expect(try demo.cli.run(asGrace + ["cert", "download", "3001"]).stdout != old)
        #expect(try demo.cli.run(asGrace + ["ssl", "show", "3001"]).stdout.contains("  Validation: Domain validated \(Date().dayText) · reusable until "))
    }

    @Test func anEmailValidationIsConfirmedByAnOperatorNotByTheCustomer() throws {
        let demo = try DemoFixture()
        #expect(try demo.cli.run(asGrace + ["cert", "reissue", "3001", "--reuse-csr"]).status == 0)
        #expect(try demo.cli.run(asGrace + ["dcv", "method", "3001", "email"]).status == 0)
        let byCustomer = try demo.cli.run(asGrace + ["dcv", "approve", "3001"])
        #expect(byCustomer.status == 1)
        #expect(byCustomer.stderr.contains("confirmed by your reseller once the approver has answered the mail"))
        #expect(try demo.cli.run(["--as", "operator", "dcv", "approve", "9999"]).status == 3)
        let approved = try demo.cli.run(["--as", "operator", "dcv", "approve", "3001", "--json"])
        #expect(approved.status == 0, "\(approved.stderr)")
        let issued = try JSONDecoder.iso.decode(DCVIssued.self, from: Data(approved.stdout.utf8))
        #expect(issued.message.hasPrefix("Email validation confirmed; certificate issued"))
        let database = try PanelDatabase(path: demo.cli.databasePath)
        defer { try? database.close() }
        let detail = try database.sslCertificateDetail(order: OrderID(3001), for: .operator, now: Date())
        #expect(detail.row.storedState == .issued)
        #expect(detail.certificate?.serialNumber == issued.serialNumber)
        #expect(try database.auditEntries(subject: "order:3001").contains { $0.action == "certificate.validation" && $0.transactionID == issued.transactionID })
        // Nothing waits any more: a second approval is refused.
        #expect(try demo.cli.run(["--as", "operator", "dcv", "approve", "3001"]).status == 1)
    }
}
