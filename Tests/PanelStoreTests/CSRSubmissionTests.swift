import Foundation
import GRDB
import Testing
import PanelModel
@testable import PanelStore

extension TemporaryDatabase {
    /// The demo world as `db seed --demo` writes it: with its demo CA and signed certificates.
    static func demoWithAuthority(now: Date = TestClock.now) throws -> TemporaryDatabase {
        let temporary = try TemporaryDatabase()
        try DemoWorld.seed(into: temporary.database, now: now, keySeed: DemoWorld.reproducibleKeySeed, clock: FixedClock(now))
        return temporary
    }
}

/// CSR entry, issue by the demo CA, reissue and download, with CSRs made by the real openssl.
@Suite struct CSRSubmissionTests {
    let world: TemporaryDatabase
    let openssl: OpenSSLWorkspace
    var database: PanelDatabase { world.database }
    let alice = Principal.customer(CustomerID(DemoWorld.alice))
    let bob = Principal.customer(CustomerID(DemoWorld.bob))
    let now = TestClock.now

    init() throws {
        world = try TemporaryDatabase.demoWithAuthority()
        openssl = try OpenSSLWorkspace()
    }

    func certificate(_ id: Int64) throws -> CertificateDetails {
        try #require(try database.orderDetail(OrderID(id), as: .operator).certificate)
    }

    /// A CSR openssl makes for 1003 bluebird-studio.com (an OV order waiting for a CSR).
    func bluebirdCSR(key: String = "rsa:2048") throws -> (csr: String, key: String) {
        try openssl.csr(commonName: "bluebird-studio.com", names: ["bluebird-studio.com", "www.bluebird-studio.com"], key: key)
    }

    @Test func anAcceptedCSRIsIssuedAtOnceAndOpenSSLVerifiesTheCertificate() throws {
        let (csr, _) = try bluebirdCSR()
        #expect(try certificate(1003).state == .awaitingCSR)
        let result = try database.submitCSR(csr, order: OrderID(1003), by: alice, now: now)
        #expect(result.state == .issued)
        #expect(result.purpose == .issue)
        #expect(result.csr.commonName == "bluebird-studio.com")
        #expect(result.csr.subjectAlternativeNames == ["bluebird-studio.com", "www.bluebird-studio.com"])
        // Issued in 2026 after 15 March: 200 days (counted inclusively), within the 362-day subscription.
        let twoHundredDays = now.adding(days: 200).addingTimeInterval(-1)
        #expect(result.validTo == twoHundredDays)

        let stored = try certificate(1003)
        #expect(stored.state == .issued)
        #expect(stored.validFrom == now)
        #expect(stored.validTo == twoHundredDays)
        #expect(stored.subscriptionUntil == now.adding(days: 362))
        #expect(stored.nextReissueDue == twoHundredDays.adding(days: -14))
        #expect(stored.csrPEM?.hasPrefix("-----BEGIN CERTIFICATE REQUEST-----") == true)
        let pem = try database.certificatePEM(order: OrderID(1003), for: alice)
        #expect(pem == stored.certificatePEM)
        let verified = try openssl.verify(pem, authority: try database.certificateAuthorityPEM(), at: now.adding(days: 1))
        #expect(verified.status == 0, "\(verified.stdout) \(verified.stderr)")
        #expect(verified.stdout.hasSuffix(": OK\n"))
        let text = try openssl.text(of: pem)
        #expect(text.contains("DNS:bluebird-studio.com, DNS:www.bluebird-studio.com"))
        #expect(text.contains("Issuer: O = CertPanel demo, CN = CertPanel Demo CA (not trusted)"))
        // Serials come from the CA's counter: the demo world's certificates took the first ones.
        let serials = try database.read { db in try String.fetchAll(db, sql: "SELECT serial FROM certificates WHERE serial IS NOT NULL") }
        #expect(Set(serials).count == serials.count)
        #expect(stored.serialNumber == String(format: "%02X", serials.count))
        // Audited, with what the CSR says but never the CSR itself.
        let audit = try database.auditEntries(subject: "order:1003")
        #expect(Set(audit.map(\.action)).isSuperset(of: ["certificate.csr", "certificate.issued"]))
        #expect(!audit.contains { $0.summary.contains("BEGIN") })
        // The order's expiry is the subscription's end, which the first certificate does not move.
        #expect(try database.orderDetail(OrderID(1003), as: alice).order.expiresAt == now.adding(days: 362))
    }

    @Test func aRefusedCSRChangesNothingAndSaysEveryProblem() throws {
        let before = try database.contentDump()
        let weak = try openssl.csr(commonName: "other-site.com", key: "rsa:1024").csr
        do {
            _ = try database.submitCSR(weak, order: OrderID(1003), by: alice, now: now)
            Issue.record("a 1024-bit CSR for another domain was accepted")
        } catch let error as PanelError {
            guard case .refused(let text) = error else { Issue.record("expected a refusal, got \(error)"); return }
            let lines = text.split(separator: "\n")
            #expect(lines.count >= 2)                              // the key size and the names, each on a line
            #expect(text.contains("1024"))
            #expect(text.contains("bluebird-studio.com"))
        }
        #expect(throws: PanelError.self) { try database.submitCSR("not a CSR at all", order: OrderID(1003), by: alice, now: now) }
        let binary = #expect(throws: PanelError.self) {
            try database.submitCSR("\u{0}\u{1}binary", order: OrderID(1003), by: alice, now: now)
        }
        #expect(binary?.exitCode == 2)                            // unreadable input, not a refusal
        #expect(try database.contentDump() == before)
    }

    @Test func aPastedPrivateKeyIsRefusedAndNeverStoredOrLogged() throws {
        let (csr, key) = try bluebirdCSR()
        let before = try database.contentDump()
        let keyBody = key.split(separator: "\n").dropFirst().first.map(String.init) ?? ""
        #expect(keyBody.count > 40)
        for pasted in [key, csr + "\n" + key] {
            let refusal = #expect(throws: PanelError.self) { try database.submitCSR(pasted, order: OrderID(1003), by: alice, now: now) }
            #expect(refusal?.message.lowercased().contains("private key") == true)
        }
        // Told about the key even where no CSR could be entered anyway.
        let onIssued = #expect(throws: PanelError.self) { try database.submitCSR(key, order: OrderID(1001), by: alice, now: now) }
        #expect(onIssued?.message.lowercased().contains("private key") == true)
        let after = try database.contentDump()
        #expect(after == before)
        #expect(!after.contains { $0.contains(keyBody) })
        // Not in the file or its write-ahead log either (SQLite; on PostgreSQL the dump is all there is).
        try database.checkpoint()
        for suffix in database.dialect == .sqlite ? ["", "-wal"] : [] {
            let bytes = (try? Data(contentsOf: URL(fileURLWithPath: database.path + suffix))) ?? Data()
            #expect(bytes.range(of: Data(keyBody.utf8)) == nil)
        }
        #expect(try certificate(1003).state == .awaitingCSR)
    }

    @Test func theStateDecidesWhetherACSRMayBeEntered() throws {
        let csr = try openssl.csr(commonName: "sunrise-bakery.com").csr
        #expect(throws: PanelError.refused("The certificate of order 1001 is issued, so no CSR is needed now. To replace it with a new key, request a reissue (R on this certificate in SSL Certificates, or certpanel cert reissue 1001); for the renewal, enter the new CSR after the renewal notice, 30 days before expiry.")) {
            try database.submitCSR(csr, order: OrderID(1001), by: alice, now: now)
        }
        let wildcard = try openssl.csr(commonName: "*.fresh-start.io").csr
        #expect(throws: PanelError.self) { try database.submitCSR(wildcard, order: OrderID(1009), by: alice, now: now) }   // validating
        #expect(throws: PanelError.invalidInput("Order 1011 is a Domain order; certificates belong to Digital Certificate orders (certpanel ssl status lists yours).")) {
            try database.submitCSR(csr, order: OrderID(1011), by: alice, now: now)
        }
    }

    @Test func anotherCustomersOrderReadsLikeAMissingOne() throws {
        let (csr, _) = try bluebirdCSR()
        let before = try database.contentDump()
        #expect(throws: PanelError.orderNotFound(OrderID(1003))) { try database.submitCSR(csr, order: OrderID(1003), by: bob, now: now) }
        #expect(throws: PanelError.orderNotFound(OrderID(1001))) { try database.certificatePEM(order: OrderID(1001), for: bob) }
        #expect(throws: PanelError.orderNotFound(OrderID(1001))) { try database.requestReissue(order: OrderID(1001), by: bob, now: now) }
        #expect(throws: PanelError.orderNotFound(OrderID(1001))) { try database.sslCertificateDetail(order: OrderID(1001), for: bob, now: now) }
        #expect(throws: PanelError.orderNotFound(OrderID(999_999))) { try database.certificatePEM(order: OrderID(999_999), for: bob) }
        #expect(try database.contentDump() == before)
        // Alice's reseller may act for her.
        #expect(try database.submitCSR(csr, order: OrderID(1003), by: .reseller(ResellerID(1)), now: now).state == .issued)
    }

    @Test func aReissueKeepsTheOldCertificateUntilTheNewOneAndKeepsTheExpiry() throws {
        let old = try certificate(1001)
        _ = try database.requestReissue(order: OrderID(1001), by: alice, now: now)
        #expect(try certificate(1001).state == .awaitingCSR)
        #expect(try database.certificatePEM(order: OrderID(1001), for: alice) == old.certificatePEM)
        #expect(try database.auditEntries(subject: "order:1001").first?.action == "certificate.reissue")

        let ec = try openssl.csr(commonName: "sunrise-bakery.com", names: ["sunrise-bakery.com"], key: "ec:P-256")
        let result = try database.submitCSR(ec.csr, order: OrderID(1001), by: alice, now: now)
        #expect(result.state == .issued)
        #expect(result.validTo == old.validTo)
        #expect(result.certificate?.keyDescription.contains("P-256") == true)
        let new = try certificate(1001)
        #expect(new.certificatePEM != old.certificatePEM)
        #expect(new.serialNumber != old.serialNumber)
        #expect(new.validTo == old.validTo)
        let verified = try openssl.verify(try #require(new.certificatePEM), authority: try database.certificateAuthorityPEM(), at: now)
        #expect(verified.status == 0, "\(verified.stderr)")
        #expect(throws: PanelError.refused("The certificate's state is Validating; it cannot be reissued now.")) {
            try database.requestReissue(order: OrderID(1009), by: alice, now: now)
        }
    }
}
