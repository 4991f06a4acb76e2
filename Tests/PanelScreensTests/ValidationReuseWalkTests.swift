import Foundation
import Testing
import PanelModel
import PanelStore
import Terminal
@testable import PanelScreens

/// Issue 16: a reissue past the reuse period of its domain validation, walked as Alice with the
/// session's clock on the day the reuse of 1032's validation ended: the validation line, R →
/// Reuse stored CSR saying what to do, then d and c issuing it once every record is found.
@Suite struct ValidationReuseWalkTests {
    static let alice = Principal.customer(CustomerID(DemoWorld.alice))

    @Test func pastTheReusePeriodReissueSaysWhatToDoAndTheCheckIssues() throws {
        let seeded = try ScreenHarness(as: Self.alice)
        let validated = try #require(try seeded.database.sslCertificateDetail(order: OrderID(1032), for: Self.alice, now: ScreenHarness.now).validatedAt)
        let until = validated.adding(days: 200).addingTimeInterval(-1).dayText
        let later = validated.adding(days: 200)
        let harness = try ScreenHarness(as: Self.alice, clock: later)
        harness.press(.char("C"), .char("o"))
        for _ in 0..<40 where !harness.contains("1032: subscription until") { harness.press(.down) }
        harness.press(.enter)
        #expect(harness.topTitle == "Certificate 1032")
        #expect(harness.contains("Validation    Domain validated \(validated.dayText) · reuse ended \(until): the next"))

        harness.press(.char("R"), .left, .left, .enter)    // Reuse stored CSR
        #expect(harness.contains("Domain validation needed"))
        #expect(harness.contains("The domain validation of \(validated.dayText) could be"))
        #expect(harness.contains("`certpanel dcv check") && harness.contains("1032`."))
        let waiting = try harness.database.sslCertificateDetail(order: OrderID(1032), for: Self.alice, now: later)
        #expect(waiting.row.storedState == .validating)
        harness.press(.enter)                              // OK: closes it, nothing more
        #expect(!harness.contains("Domain validation needed") && !harness.contains("Attention"))
        #expect(try harness.database.auditEntries(subject: "order:1032").filter { $0.action == "certificate.reissue" }.count == 1)

        // d, then c with every CNAME in place: issued, validated today.
        let detail = try harness.database.domainValidation(order: OrderID(1032), for: Self.alice)
        harness.session.domainValidationLookups = FixedLookups(
            dns: Dictionary(uniqueKeysWithValues: detail.values.names.map { ($0.dns.name, DNSAnswer.records([$0.dns.value])) })).lookups
        harness.press(.char("d"))
        #expect(harness.topTitle == "Validation 1032")
        harness.press(.char("c"))
        #expect(harness.contains("Domain validated; certificate issued"))
        let issued = try harness.database.sslCertificateDetail(order: OrderID(1032), for: Self.alice, now: later)
        #expect(issued.row.storedState == .issued)
        #expect(issued.validatedAt == later)
        harness.press(.char("q"))
        #expect(harness.topTitle == "Certificate 1032")
        #expect(harness.contains("Validation    Domain validated \(later.dayText) · reusable until"))
    }
}
