import Crypto
import Foundation
import Testing
import PanelModel
import TestSupport
@testable import PanelStore

/// A resolver that answers from a table and remembers what it was asked.
final class TableResolver: DNSResolving, @unchecked Sendable {
    private let lock = NSLock()
    private var answers: [String: DNSAnswer]
    private(set) var asked: [String] = []

    init(_ answers: [String: DNSAnswer]) { self.answers = answers }

    func cnameRecords(of name: String) -> DNSAnswer {
        lock.withLock {
            asked.append(name)
            return answers[name] ?? .noSuchName
        }
    }
}

/// A fetcher that must not be used.
struct NoFetcher: HTTPFetching {
    func get(host: String, path: String) -> HTTPOutcome {
        Issue.record("fetched http://\(host)\(path)")
        return .failed("not expected")
    }
}

/// Domain-control validation of the demo world's issued certificates (their CSRs are the
/// demo's): reading the values scoped by principal, choosing a method (audited), checking.
@Suite struct DomainValidationTests {
    let world: TemporaryDatabase
    var database: PanelDatabase { world.database }
    let alice = Principal.customer(CustomerID(DemoWorld.alice))
    let bob = Principal.customer(CustomerID(DemoWorld.bob))
    let now = TestClock.now
    let order = OrderID(1001)   // Alice's sunrise-bakery.com, issued

    init() throws {
        world = try TemporaryDatabase.demoWithAuthority()
    }

    /// The stored CSR's DER, decoded here from its PEM.
    func storedCSRDER() throws -> [UInt8] {
        let pem = try #require(try database.orderDetail(order, as: .operator).certificate?.csrPEM)
        let base64 = pem.split(separator: "\n").filter { !$0.hasPrefix("-----") }.joined()
        return Array(try #require(Data(base64Encoded: base64)))
    }

    @Test func theValuesComeFromTheStoredCSRForThoseWhoMaySeeTheOrder() throws {
        let detail = try database.domainValidation(order: order, for: alice)
        let der = try storedCSRDER()
        #expect(detail.values.csrSHA256 == SHA256.hash(data: der).map { String(format: "%02X", $0) }.joined())
        #expect(detail.values.csrMD5 == Insecure.MD5.hash(data: der).map { String(format: "%02X", $0) }.joined())
        #expect(detail.csr == .order)
        #expect(detail.choice == nil)
        #expect(detail.values.names.map(\.name) == ["sunrise-bakery.com"])
        #expect(detail.values.names[0].approverEmails.first == "admin@sunrise-bakery.com")

        #expect(try database.domainValidation(order: order, for: .operator) == detail)
        #expect(throws: PanelError.orderNotFound(order)) { try database.domainValidation(order: order, for: bob) }
        #expect(throws: PanelError.orderNotFound(OrderID(999_999))) { try database.domainValidation(order: OrderID(999_999), for: .operator) }
        // 1003 waits for its CSR; 1002 is a domain order.
        #expect(throws: PanelError.refused("Order 1003 has no CSR yet, so there is nothing to validate. Enter one first: certpanel csr submit 1003 FILE.")) {
            try database.domainValidation(order: OrderID(1003), for: alice)
        }
        do {
            _ = try database.domainValidation(order: OrderID(1002), for: alice)
            Issue.record("a domain order has validation values")
        } catch let error as PanelError {
            #expect(error.exitCode == 2)
        }
    }

    @Test func choosingAMethodIsStoredAndAuditedAndARefusalWritesNothing() throws {
        let first = try database.chooseDCVMethod(.dns, order: order, by: alice, now: now)
        #expect(first.previous == nil)
        #expect(first.choice == DCVChoice(method: .dns))
        #expect(first.message == "Order 1001 now validates by dns.")
        let second = try database.chooseDCVMethod(.email, email: "webmaster@sunrise-bakery.com", order: order, by: alice, now: now.adding(days: 1))
        #expect(second.message == "Order 1001 now validates by email (webmaster@sunrise-bakery.com) (was dns).")

        let detail = try database.domainValidation(order: order, for: alice)
        #expect(detail.choice == DCVChoice(method: .email, approverEmail: "webmaster@sunrise-bakery.com"))
        #expect(detail.chosenAt == now.adding(days: 1))
        let audit = try database.auditEntries(subject: "order:1001").filter { $0.action == "certificate.dcv_method" }
        #expect(audit.map(\.summary) == ["validation method dns → email (webmaster@sunrise-bakery.com)", "validation method none → dns"])
        #expect(audit.map(\.transactionID) == [second.transactionID, first.transactionID])
        #expect(audit.allSatisfy { $0.principal == alice.description })

        // The same choice again, a refused address and someone else's order: nothing written.
        let before = try database.contentDump()
        let again = try database.chooseDCVMethod(.email, email: "webmaster@sunrise-bakery.com", order: order, by: alice, now: now.adding(days: 2))
        #expect(again.transactionID == nil)
        #expect(again.message == "Order 1001 already validates by email (webmaster@sunrise-bakery.com); nothing changed.")
        #expect(throws: PanelError.self) { try database.chooseDCVMethod(.email, email: "info@sunrise-bakery.com", order: order, by: alice, now: now) }
        #expect(throws: PanelError.orderNotFound(order)) { try database.chooseDCVMethod(.dns, order: order, by: bob, now: now) }
        #expect(try database.contentDump() == before)
    }

    /// Order 1003 (bluebird-studio.com) issued for a CSR with its www name too.
    func bluebird() throws -> DomainValidationDetail {
        let openssl = try OpenSSLWorkspace()
        let (csr, _) = try openssl.csr(commonName: "bluebird-studio.com", names: ["bluebird-studio.com", "www.bluebird-studio.com"], key: "rsa:2048")
        _ = try database.submitCSR(csr, order: OrderID(1003), by: alice, now: now)
        return try database.domainValidation(order: OrderID(1003), for: alice)
    }

    @Test func theDNSCheckAsksTheResolverForEachNameAndSaysWhatIsMissing() throws {
        let detail = try bluebird()
        let (bare, www) = (detail.values.names[0], detail.values.names[1])
        #expect([bare.name, www.name] == ["bluebird-studio.com", "www.bluebird-studio.com"])
        let resolver = TableResolver([bare.dns.name: .records([bare.dns.value + "."]), www.dns.name: .records(["parked.example.net"])])
        let report = try database.checkDomainValidation(order: OrderID(1003), method: nil, for: alice, resolver: resolver, fetcher: NoFetcher())
        #expect(resolver.asked == [bare.dns.name, www.dns.name])
        #expect(report.method == .dns)
        #expect(report.findings.map(\.status) == [.found, .wrong])
        #expect(report.findings[1].message.contains("Change the record to: \(www.dns.name). CNAME \(www.dns.value)."))
        #expect(!report.isComplete)
        #expect(report.summary == "1 of 2 names of order 1003 are ready for DNS (CNAME) validation; fix the others as said above.")

        let fixed = TableResolver([bare.dns.name: .records([bare.dns.value]), www.dns.name: .records([www.dns.value])])
        #expect(try database.checkDomainValidation(order: OrderID(1003), method: .dns, for: alice, resolver: fixed, fetcher: NoFetcher()).isComplete)
        // Email has nothing to look up; Bob cannot check Alice's order.
        #expect(throws: PanelError.self) {
            try database.checkDomainValidation(order: OrderID(1003), method: .email, for: alice, resolver: fixed, fetcher: NoFetcher())
        }
        #expect(throws: PanelError.orderNotFound(OrderID(1003))) {
            try database.checkDomainValidation(order: OrderID(1003), method: .dns, for: bob, resolver: fixed, fetcher: NoFetcher())
        }
    }

    @Test func theHTTPCheckFetchesTheFilesFromALocalServer() throws {
        let detail = try bluebird()
        let (bare, www) = (detail.values.names[0], detail.values.names[1])
        let (bareFile, wwwFile) = (try #require(bare.http), try #require(www.http))
        let server = try LocalHTTPServer()
        let fetcher = try PlainHTTPFetcher(base: server.base)
        _ = try database.chooseDCVMethod(.http, order: OrderID(1003), by: alice, now: now)
        let noDNS = TableResolver([:])
        func check() throws -> DCVCheckReport {
            try database.checkDomainValidation(order: OrderID(1003), method: nil, for: alice, resolver: noDNS, fetcher: fetcher)
        }

        try server.serve(bareFile.content + "\n", host: "bluebird-studio.com", path: bareFile.path)
        var report = try check()
        #expect(report.method == .http)   // the order's chosen method
        #expect(report.findings.map(\.status) == [.found, .missing])
        #expect(report.findings[1].message.hasPrefix("\(wwwFile.url) answered 404 (not found). Put the file \(wwwFile.path) on the web server of www.bluebird-studio.com"))

        try server.serve("placeholder\n", host: "www.bluebird-studio.com", path: wwwFile.path)
        report = try check()
        #expect(report.findings.map(\.status) == [.found, .wrong])
        #expect(report.findings[1].message.contains("(first line \"placeholder\")"))

        try server.serve(wwwFile.content.replacingOccurrences(of: "\n", with: "\r\n"), host: "www.bluebird-studio.com", path: wwwFile.path)
        report = try check()
        #expect(report.isComplete)
        #expect(report.summary == "All 2 names of order 1003 are ready for HTTP file validation.")
        #expect(noDNS.asked.isEmpty)

        try FileManager.default.removeItem(at: server.root.appendingPathComponent("bluebird-studio.com"))
        try server.redirect(host: "bluebird-studio.com", path: bareFile.path, to: "https://bluebird-studio.com\(bareFile.path)")
        report = try check()
        #expect(report.findings[0].status == .wrong)
        #expect(report.findings[0].message.contains("answered 301, a redirect to \"https://bluebird-studio.com/.well-known/pki-validation/"))
        #expect(report.findings[0].message.contains("Serve the file at that address itself (no redirect)"))

        // Nothing listens on port 1: the check says it could not fetch, not that the file is missing.
        let closed = try database.checkDomainValidation(order: OrderID(1003), method: .http, for: alice, resolver: noDNS,
                                                        fetcher: try PlainHTTPFetcher(base: "http://127.0.0.1:1"))
        #expect(closed.findings.allSatisfy { $0.status == .failed })
        #expect(closed.findings[0].message.contains("cannot connect to 127.0.0.1 port 1"))
    }

    @Test func aNameOnAPrivateAddressIsNotFetched() {
        // localhost comes from /etc/hosts: no name server is asked.
        let outcome = PlainHTTPFetcher(timeoutSeconds: 2).get(host: "localhost", path: "/.well-known/pki-validation/X.txt")
        #expect(outcome == .failed("localhost resolves to a private or local address, which no certificate authority can reach; point it at the public web server"))
        #expect(!PlainHTTPFetcher.isPublic([192, 168, 1, 10]) && !PlainHTTPFetcher.isPublic([172, 20, 0, 1]) && !PlainHTTPFetcher.isPublic([100, 100, 0, 1]))
        #expect(PlainHTTPFetcher.isPublic([192, 0, 2, 7]) && PlainHTTPFetcher.isPublic([172, 32, 0, 1]))
        #expect(!PlainHTTPFetcher.isPublic([UInt8](repeating: 0, count: 15) + [1]))
        #expect(!PlainHTTPFetcher.isPublic([UInt8](repeating: 0, count: 10) + [0xFF, 0xFF, 10, 0, 0, 1]))
        #expect(!PlainHTTPFetcher.isPublic([0xFE, 0x80] + [UInt8](repeating: 0, count: 14)))
        #expect(PlainHTTPFetcher.isPublic([0x20, 0x01, 0x0D, 0xB8] + [UInt8](repeating: 0, count: 12)))
    }

    @Test func theTestBaseMustBeAPlainHTTPAddress() {
        #expect(throws: PanelError.self) { try PlainHTTPFetcher(base: "ftp://127.0.0.1") }
        #expect(PlainHTTPFetcher.parse(Array("HTTP/1.0 404 Not Found\r\nServer: x\r\n\r\ngone".utf8))
                == .response(status: 404, location: nil, body: "gone"))
        #expect(PlainHTTPFetcher.parse(Array("SSH-2.0-OpenSSH\r\n\r\n".utf8)) == .failed("the answer is not an HTTP response"))
    }
}

/// The system resolver's reading of DNS responses (the query itself needs a name server, which
/// no test reaches): built by hand here, with a compressed name as real servers send them.
@Suite struct DNSResponseParsingTests {
    static func labels(_ name: String) -> [UInt8] {
        name.split(separator: ".").flatMap { [UInt8($0.utf8.count)] + Array($0.utf8) } + [0]
    }

    static func record(type: UInt16, _ data: [UInt8]) -> [UInt8] {
        [0xC0, 12, UInt8(type >> 8), UInt8(type & 0xFF), 0, 1, 0, 0, 0x01, 0x2C, UInt8(data.count >> 8), UInt8(data.count & 0xFF)] + data
    }

    /// A response for `_abc.example.com` with two CNAMEs (one ending in a pointer to
    /// "example.com" in the question, at offset 17) and one TXT of two strings.
    static let response: [UInt8] = {
        let header: [UInt8] = [0x12, 0x34, 0x81, 0x80, 0, 1, 0, 3, 0, 0, 0, 0]
        let question = labels("_abc.example.com") + [0, 5, 0, 1]
        let first = record(type: 5, labels("abc.comodoca.com"))
        let second = record(type: 5, [4] + Array("next".utf8) + [0xC0, 17])
        let text = record(type: 16, [5] + Array("hello".utf8) + [5] + Array("world".utf8))
        return header + question + first + second + text
    }()

    @Test func cnameAndTXTRecordsAreReadFromTheAnswerSection() {
        #expect(SystemDNSResolver.parse(Self.response, type: SystemDNSResolver.cname) == .records(["abc.comodoca.com", "next.example.com"]))
        #expect(SystemDNSResolver.parse(Self.response, type: SystemDNSResolver.txt) == .records(["helloworld"]))
        #expect(SystemDNSResolver.parse(Array(Self.response.prefix(20)), type: SystemDNSResolver.cname) == .failed("no answer from the name servers"))
    }
}
