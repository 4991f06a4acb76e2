import Foundation
import GRDB
import Testing
import PanelModel
import TestSupport
@testable import PanelStore

/// Issue 16: a reissue reuses the domain validation its certificate was issued on only within
/// the reuse period; past it the reissue waits in "validating" until `dcv check` finds the
/// values. Over the demo world (with its authority) at `TestClock.now`; 1032's certificate was
/// issued 171 days ago under the 200-day rule.
@Suite struct ValidationReuseStoreTests {
    let world: TemporaryDatabase
    var database: PanelDatabase { world.database }
    let alice = Principal.customer(CustomerID(DemoWorld.alice))
    let order = OrderID(1032)

    init() throws {
        world = try TemporaryDatabase()
        try DemoWorld.seed(into: world.database, now: TestClock.now, keySeed: DemoWorld.reproducibleKeySeed, clock: FixedClock(TestClock.now))
    }

    func certificate() throws -> CertificateDetails {
        try #require(try database.orderDetail(order, as: .operator).certificate)
    }

    /// When 1032's validation was done: the issue date of its seeded certificate.
    func validatedAt() throws -> Date {
        let old = try certificate()
        #expect(old.validatedAt != nil)
        #expect(old.validatedAt == old.validFrom)
        return try #require(old.validatedAt)
    }

    @Test func aReissueOnTheLastMomentOfTheReusePeriodIssuesAndKeepsTheValidation() throws {
        let old = try certificate()
        let validated = try validatedAt()
        let result = try database.reissueWithStoredCSR(order: order, by: alice, now: validated.adding(days: 200).addingTimeInterval(-1))
        #expect(result.state == .issued)
        let new = try certificate()
        #expect(new.serialNumber != old.serialNumber)
        #expect(new.validatedAt == validated)
        #expect(try database.sslCertificateDetail(order: order, for: alice, now: TestClock.now).validationStatus
                == "Domain validated \(validated.dayText) · reusable until \(validated.adding(days: 200).addingTimeInterval(-1).dayText)")
    }

    @Test func pastTheReusePeriodTheReissueWaitsInValidatingAndSaysWhatToDo() throws {
        let old = try certificate()
        let validated = try validatedAt()
        let at = validated.adding(days: 200)
        let result = try database.reissueWithStoredCSR(order: order, by: alice, now: at)
        #expect(result.state == .validating)
        let until = validated.adding(days: 200).addingTimeInterval(-1).dayText   // validated 11:06:40: the same day
        #expect(result.message.hasPrefix("The domain validation of \(validated.dayText) could be reused until \(until); this reissue validates the domain again"))
        #expect(result.message.contains("`certpanel dcv show 1032`") && result.message.contains("`certpanel dcv check 1032`"))
        let waiting = try certificate()
        #expect(waiting.state == .validating)
        #expect(waiting.serialNumber == old.serialNumber)
        #expect(waiting.validatedAt == validated)
        // The old certificate stays downloadable meanwhile.
        #expect(try database.certificatePEM(order: order, for: alice) == old.certificatePEM)
        let audit = try database.auditEntries(subject: "order:1032")
        #expect(audit.contains { $0.action == "certificate.validation" && $0.transactionID == result.transactionID && $0.summary.contains("reusable until \(until)") })
        #expect(!audit.contains { $0.action == "certificate.issued" })
        #expect(try database.sslCertificateDetail(order: order, for: alice, now: at).validationStatus
                == "Domain validated \(validated.dayText) · reuse ended \(until): the next reissue validates again")
    }

    @Test func aReissueWithANewlyPastedCSRPastThePeriodWaitsToo() throws {
        let old = try certificate()
        let at = try validatedAt().adding(days: 230)   // expired; the subscription runs on
        _ = try database.requestReissue(order: order, by: alice, now: at)
        let result = try database.submitCSR(try #require(old.csrPEM), order: order, by: alice, now: at)
        #expect(result.state == .validating)
        #expect(result.message.contains("this reissue validates the domain again"))
        #expect(try certificate().serialNumber == old.serialNumber)
    }

    @Test func aCheckThatFindsEveryValueIssuesTheWaitingReissueAndAFailingOneChangesNothing() throws {
        let old = try certificate()
        let at = try validatedAt().adding(days: 201)
        #expect(try database.reissueWithStoredCSR(order: order, by: alice, now: at).state == .validating)
        let detail = try database.domainValidation(order: order, for: alice)

        // Nothing published: the report says so, and nothing is written.
        let dump = try database.contentDump(), digest = try world.fileDigest()
        let missing = try database.checkDomainValidation(order: order, method: .dns, for: alice, resolver: TableResolver([:]),
                                                         fetcher: NoFetcher(), now: at)
        #expect(!missing.isComplete)
        #expect(missing.issued == nil)
        #expect(try database.contentDump() == dump)
        #expect(try world.fileDigest() == digest)

        // Every record in place: issued now, validated now, in one audited transaction.
        let checkedAt = at.addingTimeInterval(3_600)
        let resolver = TableResolver(Dictionary(uniqueKeysWithValues: detail.values.names.map { ($0.dns.name, DNSAnswer.records([$0.dns.value])) }))
        let report = try database.checkDomainValidation(order: order, method: .dns, for: alice, resolver: resolver, fetcher: NoFetcher(), now: checkedAt)
        let issued = try #require(report.issued)
        let new = try certificate()
        #expect(new.state == .issued)
        #expect(new.validatedAt == checkedAt)
        #expect(new.serialNumber == issued.serialNumber && new.serialNumber != old.serialNumber)
        #expect(new.validTo == issued.validTo)
        #expect(try database.certificatePEM(order: order, for: alice) != old.certificatePEM)
        let audit = try database.auditEntries(subject: "order:1032").filter { $0.transactionID == issued.transactionID }
        #expect(Set(audit.map(\.action)) == ["certificate.issued", "certificate.validation"])
        // Checking again finds it issued: nothing more happens.
        #expect(try database.checkDomainValidation(order: order, method: .dns, for: alice, resolver: resolver, fetcher: NoFetcher(),
                                                   now: checkedAt).issued == nil)
        #expect(try certificate().serialNumber == new.serialNumber)
    }

    @Test func theResellerConfirmsAnEmailValidationTheCustomerCannot() throws {
        let at = try validatedAt().adding(days: 210)
        #expect(try database.reissueWithStoredCSR(order: order, by: alice, now: at).state == .validating)
        _ = try database.chooseDCVMethod(.email, order: order, by: alice, now: at)
        #expect(throws: PanelError.self) { try database.approveEmailValidation(order: order, by: alice, now: at) }
        #expect(throws: PanelError.orderNotFound(order)) { try database.approveEmailValidation(order: order, by: .reseller(ResellerID(2)), now: at) }
        #expect(try certificate().state == .validating)
        let issued = try database.approveEmailValidation(order: order, by: .reseller(ResellerID(1)), now: at)
        let new = try certificate()
        #expect(new.state == .issued && new.validatedAt == at && new.serialNumber == issued.serialNumber)
        #expect(try database.auditEntries(subject: "order:1032").first { $0.action == "certificate.validation" }?.summary
                == "domain validated by email (admin@grand-hotel.com answered), confirmed")
    }

    @Test func aFirstIssueValidatesNow() throws {
        // 1003 waits for its first CSR: issued at once, validated at the issue.
        let openssl = try OpenSSLWorkspace()
        let (pem, _) = try openssl.csr(commonName: "bluebird-studio.com", names: ["bluebird-studio.com"], key: "rsa:2048")
        let result = try database.submitCSR(pem, order: OrderID(1003), by: alice, now: TestClock.now)
        #expect(result.state == .issued)
        #expect(try database.orderDetail(OrderID(1003), as: .operator).certificate?.validatedAt == TestClock.now)
    }
}

/// The v13 migration on a database written before it: an issued certificate was validated
/// when it was issued; one never issued has no validation date.
@Suite struct ValidatedAtMigrationTests {
    @Test func issuedCertificatesTakeTheirIssueDateAndOthersNone() throws {
        // A SQLite migration (PostgreSQL's schema starts at v13), on SQLite in both passes.
        let world = try TemporaryDatabase(engine: .sqlite)
        try DemoWorld.seed(into: world.database, now: TestClock.now, keySeed: DemoWorld.reproducibleKeySeed, clock: FixedClock(TestClock.now))
        let path = world.path
        try world.database.close()
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: """
                ALTER TABLE certificates DROP COLUMN validated_at;
                DELETE FROM grdb_migrations WHERE identifier = 'v13-certificate-validated-at';
                """)
        }
        try queue.close()
        let migrated = try PanelDatabase(path: path)
        defer { try? migrated.close() }
        let rows = try migrated.read { db in
            try SQLRow.fetchAll(db, sql: "SELECT certificate_pem IS NOT NULL AS issued, valid_from, validated_at FROM certificates")
        }
        let issued = rows.filter { $0["issued"] as Bool }
        #expect(issued.count > 5)
        #expect(issued.allSatisfy { ($0["validated_at"] as Date?) != nil && ($0["validated_at"] as Date?) == ($0["valid_from"] as Date?) })
        let never = rows.filter { !($0["issued"] as Bool) }
        #expect(!never.isEmpty)
        #expect(never.allSatisfy { ($0["validated_at"] as Date?) == nil })
    }
}
