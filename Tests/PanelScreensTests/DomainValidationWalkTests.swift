import Foundation
import Testing
import PanelModel
import PanelStore
import Terminal
@testable import PanelScreens

/// Lookups with fixed answers, so no screen test reaches the network.
struct FixedLookups: DNSResolving, HTTPFetching {
    var dns: [String: DNSAnswer] = [:]
    var http: [String: HTTPOutcome] = [:]

    func cnameRecords(of name: String) -> DNSAnswer { dns[name] ?? .failed("offline test") }
    func get(host: String, path: String) -> HTTPOutcome { http[host + path] ?? .failed("offline test") }

    var lookups: DomainValidationLookups { DomainValidationLookups(resolver: self, fetcher: self) }
}

extension DomainValidationLookups {
    /// What the screen tests' sessions use unless a test sets its own: every lookup fails.
    static var offline: DomainValidationLookups { FixedLookups().lookups }
}

/// The domain-validation screen, reached with `d` from a certificate: the values, choosing
/// the method (stored and audited through the store), and checking with injected lookups.
@Suite struct DomainValidationWalkTests {
    static let alice = Principal.customer(CustomerID(DemoWorld.alice))
    let order = OrderID(1001)

    /// As Alice: C, by order, 1001, d.
    func openValidation() throws -> (ScreenHarness, DomainValidationDetail) {
        let harness = try ScreenHarness(as: Self.alice)
        harness.press(.char("C"), .char("o"), .enter)
        #expect(harness.topTitle == "Certificate 1001")
        harness.press(.char("d"))
        #expect(harness.topTitle == "Validation 1001")
        return (harness, try harness.database.domainValidation(order: order, for: Self.alice))
    }

    @Test func theScreenShowsEachValueAndChoosingEmailTakesThePickedApprover() throws {
        let (harness, detail) = try openValidation()
        #expect(harness.contains("_\(detail.values.csrMD5).sunrise-bakery.com."))
        #expect(harness.contains(String(detail.values.csrSHA256.prefix(32))))
        #expect(harness.contains("HTTP      http://sunrise-bakery.com"))
        #expect(harness.contains("          /.well-known/pki-validation/\(detail.values.csrMD5).txt"))
        #expect(harness.contains("admin@sunrise-bakery.com, administrator@sunrise-bakery.com"))
        #expect(harness.contains("[m] not chosen yet"))
        #expect(harness.contains("Approver  admin@sunrise-bakery.com"))
        harness.press(.char("a"))
        #expect(harness.contains("Approver  administrator@sunrise-bakery.com"))

        harness.press(.char("m"))
        #expect(harness.contains("Validation method"))
        harness.press(.left, .enter)                       // from DNS (the default) to Email
        #expect(harness.contains("Order 1001 now validates by email (administrator@sunrise-bakery.com)."))
        #expect(harness.contains("Email to administrator@sunrise-bakery.com"))
        let stored = try harness.database.domainValidation(order: order, for: Self.alice)
        #expect(stored.choice == DCVChoice(method: .email, approverEmail: "administrator@sunrise-bakery.com"))
        #expect(try harness.database.auditEntries(subject: "order:1001").first?.action == "certificate.dcv_method")

        // Esc leaves the dialog without a change.
        harness.press(.char("m"), .escape)
        #expect(!harness.contains("Validation method"))
        #expect(try harness.database.domainValidation(order: order, for: Self.alice).choice == stored.choice)
    }

    @Test func checkSaysWhatIsFoundAndWhatToFix() throws {
        let (harness, detail) = try openValidation()
        let name = try #require(detail.values.names.first)
        harness.session.domainValidationLookups = FixedLookups(dns: [name.dns.name: .noSuchName]).lookups
        harness.press(.char("c"))
        #expect(harness.contains("Check (DNS (CNAME))"))
        #expect(harness.contains("✗ missing  sunrise-bakery.com"))
        #expect(harness.contains("No CNAME record at _\(detail.values.csrMD5).sunrise-bakery.com."))
        #expect(harness.contains("0 of 1 names of order 1001 are ready"))

        harness.session.domainValidationLookups = FixedLookups(dns: [name.dns.name: .records([name.dns.value])]).lookups
        harness.press(.char("c"))
        #expect(harness.contains("✓ found  sunrise-bakery.com"))
        #expect(harness.contains("All 1 names of order 1001 are ready for DNS (CNAME) validation."))

        // With HTTP chosen, c fetches the file.
        let file = try #require(name.http)
        harness.session.domainValidationLookups = FixedLookups(http: [file.host + file.path: .response(status: 404, location: nil, body: "")]).lookups
        harness.press(.char("m"), .right, .enter)          // DNS → HTTP
        #expect(try harness.database.domainValidation(order: order, for: Self.alice).choice?.method == .http)
        harness.press(.char("c"))
        #expect(harness.contains("Check (HTTP file)"))
        #expect(harness.contains("answered 404 (not found)"))
    }

    @Test func aCertificateWithoutACSROffersNoValidation() throws {
        let harness = try ScreenHarness(as: Self.alice)
        harness.press(.char("C"), .char("s"), .enter)      // Waiting for CSR: 1003
        #expect(harness.topTitle == "Certificate 1003")
        #expect(harness.app.activeKeyMap.binding(for: "cert.dcv") == nil)
        harness.press(.char("d"))
        #expect(harness.topTitle == "Certificate 1003")
    }
}
