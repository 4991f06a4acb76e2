import Foundation
import Testing
import PanelModel
import PanelStore

/// `csr submit`, `cert download|reissue`, `ssl status|show`, `invoices`, `outbox` and the
/// certificate part of `jobs run`, through the real binary over a seeded demo world (with its
/// demo CA), on CSRs made by the real openssl.
@Suite struct CertificateCommandTests {
    let asAlice = ["--as", "customer:\(DemoWorld.alice)"]
    let asBob = ["--as", "customer:\(DemoWorld.bob)"]

    func digest(_ path: String) throws -> [String] {
        let database = try PanelDatabase(path: path)
        defer { try? database.close() }
        return try database.contentDump()
    }

    func day(_ date: Date) -> String { date.formatted(Date.ISO8601FormatStyle()) }

    /// Alice's certificate rows as `ssl status --json` prints them.
    func sslRows(_ demo: DemoFixture, _ principal: [String]) throws -> [SSLCertificateRow] {
        let result = try demo.cli.run(principal + ["ssl", "status", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        return try JSONDecoder.iso.decode([SSLCertificateRow].self, from: Data(result.stdout.utf8))
    }

    @Test func csrSubmitIssuesACertificateThatOpenSSLVerifies() throws {
        let demo = try DemoFixture()
        let csr = try CSRCommandTests.makeCSR("bluebird", ["-newkey", "rsa:2048"], subject: "/O=Bluebird Studio/CN=bluebird-studio.com", in: demo)
        let submitted = try demo.cli.run(asAlice + ["csr", "submit", "1003", csr])
        #expect(submitted.status == 0, "\(submitted.stderr)")
        #expect(submitted.stdout.contains("  CN  bluebird-studio.com\n"))
        #expect(submitted.stdout.contains("Key: RSA 2048 bits\n"))
        #expect(submitted.stdout.contains("State: Issued\n"))
        #expect(submitted.stdout.contains("Download it with certpanel cert download 1003."))

        let leaf = demo.directory.appendingPathComponent("leaf.pem").path
        let authority = demo.directory.appendingPathComponent("ca.pem").path
        #expect(try demo.cli.run(asAlice + ["cert", "download", "1003", "--out", leaf]).status == 0)
        #expect(try demo.cli.run(["cert", "download", "--ca", "--out", authority]).status == 0)
        let verified = try CSRCommandTests.openssl(["verify", "-CAfile", authority, leaf], in: demo.directory)
        #expect(verified == "\(leaf): OK\n")
        let text = try CSRCommandTests.openssl(["x509", "-noout", "-text", "-in", leaf], in: demo.directory)
        #expect(text.contains("Subject: O = Bluebird Studio, CN = bluebird-studio.com"))
        // To standard output, the same PEM.
        let printed = try demo.cli.run(asAlice + ["cert", "download", "1003"])
        #expect(printed.stdout == (try String(contentsOfFile: leaf, encoding: .utf8)))

        // A second CSR for the same order is refused: it is issued now.
        let again = try demo.cli.run(asAlice + ["csr", "submit", "1003", csr, "--json"])
        #expect(again.status == 1)
        let refused = try JSONDecoder().decode([String: [String]].self, from: Data(again.stdout.utf8))
        #expect(refused["refused"]?.first?.contains("is issued") == true)
    }

    @Test func csrSubmitRefusalsAndUnreadableInputChangeNothing() throws {
        let demo = try DemoFixture()
        let before = try digest(demo.cli.databasePath)
        let wrong = try CSRCommandTests.makeCSR("wrong", ["-newkey", "rsa:1024"], subject: "/CN=somewhere-else.com", in: demo)
        let refused = try demo.cli.run(asAlice + ["csr", "submit", "1003", wrong])
        #expect(refused.status == 1)
        let lines = refused.stderr.split(separator: "\n")
        #expect(lines.count >= 2)
        #expect(lines.allSatisfy { $0.hasPrefix("Attention: ") })
        #expect(refused.stderr.contains("bluebird-studio.com"))

        let key = demo.directory.appendingPathComponent("wrong.key").path
        let pastedKey = try demo.cli.run(asAlice + ["csr", "submit", "1003", "-"], stdin: try String(contentsOfFile: key, encoding: .utf8))
        #expect(pastedKey.status == 1)
        #expect(pastedKey.stderr.lowercased().contains("private key"))

        let junk = demo.directory.appendingPathComponent("junk.bin")
        try Data((0..<600).map { UInt8(truncatingIfNeeded: $0 &* 37) }).write(to: junk)
        #expect(try demo.cli.run(asAlice + ["csr", "submit", "1003", junk.path]).status == 2)
        #expect(try demo.cli.run(asAlice + ["csr", "submit", "1003", demo.directory.appendingPathComponent("missing.csr").path]).status == 2)
        #expect(try digest(demo.cli.databasePath) == before)
        let keyBody = try String(contentsOfFile: key, encoding: .utf8).split(separator: "\n")[1]
        #expect(!(try digest(demo.cli.databasePath)).contains { $0.contains(keyBody) })
    }

    @Test func anotherCustomersOrderIsNotFound() throws {
        let demo = try DemoFixture()
        let csr = try CSRCommandTests.makeCSR("bluebird", ["-newkey", "rsa:2048"], subject: "/CN=bluebird-studio.com", in: demo)
        let submit = try demo.cli.run(asBob + ["csr", "submit", "1003", csr])
        let missing = try demo.cli.run(asBob + ["csr", "submit", "1999999", csr])
        #expect(submit.status == 3)
        #expect(submit.stderr == missing.stderr.replacingOccurrences(of: "1999999", with: "1003"))
        let download = try demo.cli.run(asBob + ["cert", "download", "1001"])
        #expect(download.status == 3)
        #expect(download.stdout.isEmpty)
        #expect(try demo.cli.run(asBob + ["cert", "reissue", "1001"]).status == 3)
        #expect(try demo.cli.run(asBob + ["ssl", "show", "1001"]).status == 3)
        #expect(try sslRows(demo, asBob).map(\.orderID) == [OrderID(1101)])
        #expect(try demo.cli.run(["csr", "submit", "1003", csr]).status == 2)     // no --as
    }

    @Test func sslStatusFiltersSortsAndLimits() throws {
        let demo = try DemoFixture()
        let expiring = try demo.cli.run(asAlice + ["ssl", "status", "--state", "expiring", "--json"])
        #expect(expiring.status == 0, "\(expiring.stderr)")
        let rows = try JSONDecoder.iso.decode([SSLCertificateRow].self, from: Data(expiring.stdout.utf8))
        #expect(!rows.isEmpty && rows.allSatisfy { $0.state == .expiring })
        let first = try demo.cli.run(asAlice + ["ssl", "status", "--sort", "days-left", "--limit", "1"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("retired-site.com"))            // expired 10 days ago: fewest days left
        #expect(!first.stdout.contains("copper-kettle.org"))
        #expect(first.stdout.contains("(the first 1 of "))
        let bad = try demo.cli.run(asAlice + ["ssl", "status", "--state", "shiny"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("awaiting_csr, validating, issued, expiring, expired, revoked"))
    }

    @Test func sslStatusAndShow() throws {
        let demo = try DemoFixture()
        let rows = try sslRows(demo, asAlice)
        #expect(rows.allSatisfy { $0.customerID == CustomerID(DemoWorld.alice) })
        #expect(rows.first { $0.orderID == OrderID(1008) }?.state == .expiring)
        #expect(rows.first { $0.orderID == OrderID(1003) }?.state == .awaitingCSR)
        let table = try demo.cli.run(asAlice + ["ssl", "status"])
        #expect(table.status == 0)
        let header = try #require(table.stdout.split(separator: "\n").first)
        for column in ["ORDER", "DOMAIN", "TYPE", "STATE", "EXPIRES", "DAYS LEFT", "INVOICES ISSUED/PAID"] { #expect(header.contains(column)) }
        #expect(table.stdout.contains("copper-kettle.org"))
        #expect(table.stdout.contains("2/1"))                     // 1008: a paid and a pending invoice
        let show = try demo.cli.run(asAlice + ["ssl", "show", "1001"])
        #expect(show.status == 0, "\(show.stderr)")
        #expect(show.stdout.contains("Issuer:") && show.stdout.contains(DemoCertificateAuthority.commonName))
        #expect(show.stdout.contains("SHA-256:"))
        let detail = try demo.cli.run(asAlice + ["ssl", "show", "1003", "--json"])
        #expect(try JSONDecoder.iso.decode(SSLCertificateDetail.self, from: Data(detail.stdout.utf8)).csrEntry.purpose == .issue)
    }

    /// Issue 16 on the command line: the term in `ssl status|show`, the one-key reissue, and the
    /// reminder days set by a reseller (audited) and sent once by `jobs run`.
    @Test func termRemindersAndTheOneKeyReissue() throws {
        let demo = try DemoFixture()
        let asALVO = ["--as", "reseller:1"]
        let table = try demo.cli.run(asAlice + ["ssl", "status"])
        let header = try #require(table.stdout.split(separator: "\n").first)
        #expect(header.contains("SUBSCRIPTION UNTIL") && header.contains("REISSUE DUE"))
        let hotel = try #require(try sslRows(demo, asAlice).first { $0.orderID == OrderID(1032) })
        let due = try #require(hotel.nextReissueDue)
        let show = try demo.cli.run(asAlice + ["ssl", "show", "1032"])
        #expect(show.stdout.contains("Term:       subscription until \(hotel.subscriptionUntil!.dayText) · this certificate until \(hotel.validTo!.dayText) · next reissue due \(due.dayText)"))

        #expect(try demo.cli.run(asALVO + ["reminders", "show"]).stdout == "Reseller 1: reminders 30, 14, 7, 1 days before expiry.\n")
        #expect(try demo.cli.run(asALVO + ["reminders", "set", "0,7"]).status == 2)
        #expect(try demo.cli.run(asAlice + ["reminders", "show", "--reseller", "1"]).status == 1)
        #expect(try demo.cli.run(asALVO + ["reminders", "show", "--reseller", "2"]).status == 3)
        let set = try demo.cli.run(asALVO + ["reminders", "set", "10,3"])
        #expect(set.status == 0, "\(set.stderr)")
        #expect(set.stdout.hasPrefix("Reseller 1: reminders now 10, 3 days before expiry"))
        // 1006's certificate ends in 5 days within its subscription: one 10-day reissue reminder, once.
        let now = day(Date())
        let first = try demo.cli.run(["jobs", "run", "--now", now])
        #expect(first.stdout.contains("Certificate 1006 of maple-leaf-tea.com: reissue reminder, 10-day"), "\(first.stdout)")
        #expect(!(try demo.cli.run(["jobs", "run", "--now", now]).stdout.contains("Certificate 1006")))
        let outbox = try demo.cli.run(asAlice + ["outbox", "list"])
        #expect(outbox.stdout.contains("Reissue your SSL certificate for maple-leaf-tea.com"))

        // The one-key reissue: the stored CSR signed again, openssl-verifiable, within the subscription.
        let reissued = try demo.cli.run(asAlice + ["cert", "reissue", "1032", "--reuse-csr", "--json"])
        #expect(reissued.status == 0, "\(reissued.stderr)")
        let result = try JSONDecoder.iso.decode(CSRSubmissionResult.self, from: Data(reissued.stdout.utf8))
        #expect(result.state == .issued)
        #expect(try #require(result.validTo) > hotel.validTo!)
        #expect(try #require(result.validTo) <= hotel.subscriptionUntil!)
        #expect(try demo.cli.run(asAlice + ["cert", "reissue", "1003", "--reuse-csr"]).status == 1)   // waiting for a CSR: nothing to reuse
    }

    @Test func reissueKeepsTheOldCertificateDownloadable() throws {
        let demo = try DemoFixture()
        let old = try demo.cli.run(asAlice + ["cert", "download", "1001"]).stdout
        let reissue = try demo.cli.run(asAlice + ["cert", "reissue", "1001"])
        #expect(reissue.status == 0, "\(reissue.stderr)")
        #expect(reissue.stdout.contains("certpanel csr submit 1001 FILE"))
        #expect(try demo.cli.run(asAlice + ["cert", "download", "1001"]).stdout == old)
        #expect(try sslRows(demo, asAlice).first { $0.orderID == OrderID(1001) }?.state == .awaitingCSR)
        #expect(try demo.cli.run(asAlice + ["cert", "download", "1009"]).status == 1)       // validating: nothing issued yet
    }

    @Test func jobsInvoicesAndOutboxCarryARenewalThrough() throws {
        let demo = try DemoFixture()
        let validTo = try #require(try sslRows(demo, asAlice).first { $0.orderID == OrderID(1001) }?.validTo)
        let early = try demo.cli.run(["jobs", "run", "--now", day(validTo.adding(days: -31))])
        #expect(!early.stdout.contains("Certificate 1001 "))
        let window = try demo.cli.run(["jobs", "run", "--now", day(validTo.adding(days: -30)), "--json"])
        #expect(window.status == 0, "\(window.stderr)")
        let jobs = try JSONDecoder.iso.decode(JobsJSON.self, from: Data(window.stdout.utf8))
        let renewal = try #require(jobs.certificates.first { $0.orderID == OrderID(1001) })
        #expect(renewal.change == .renewalWindow)
        let invoice = try #require(renewal.invoiceNumber)
        let again = try demo.cli.run(["jobs", "run", "--now", day(validTo.adding(days: -30))])
        #expect(again.stdout == "Nothing was due.\n")

        // The invoice, scoped; only an operator pays it, once.
        let list = try demo.cli.run(asAlice + ["invoices", "list", "--json"])
        let invoices = try JSONDecoder.iso.decode([Invoice].self, from: Data(list.stdout.utf8))
        #expect(invoices.contains { $0.number == invoice && $0.kind == .renewal && $0.status == .pending })
        #expect(invoices.allSatisfy { $0.customerID == CustomerID(DemoWorld.alice) })
        #expect(!(try demo.cli.run(asBob + ["invoices", "list"])).stdout.contains(invoice))
        let byCustomer = try demo.cli.run(asAlice + ["invoices", "pay", invoice])
        #expect(byCustomer.status == 1)
        #expect(byCustomer.stderr.contains("Only an operator can mark an invoice as paid"))
        #expect(try demo.cli.run(["--as", "operator", "invoices", "pay", "INV-NOPE"]).status == 3)
        let paid = try demo.cli.run(["--as", "operator", "invoices", "pay", invoice])
        #expect(paid.status == 0, "\(paid.stderr)")
        #expect(paid.stdout.contains("The certificate is renewed once its renewal CSR has been entered"))
        let twice = try demo.cli.run(["--as", "operator", "invoices", "pay", invoice])
        #expect(twice.status == 1)
        #expect(twice.stderr.contains("is already paid"))

        // The notice, to Alice only; exported once into a maildir.
        let outbox = try demo.cli.run(asAlice + ["outbox", "list", "--json"])
        let messages = try JSONDecoder.iso.decode([OutboxMessage].self, from: Data(outbox.stdout.utf8))
        let notice = try #require(messages.first { $0.orderID == OrderID(1001) })
        #expect(notice.subject.contains(invoice))
        #expect(try JSONDecoder.iso.decode([OutboxMessage].self, from: Data(try demo.cli.run(asBob + ["outbox", "list", "--json"]).stdout.utf8)).isEmpty)
        let maildir = demo.directory.appendingPathComponent("Maildir").path
        #expect(try demo.cli.run(asAlice + ["outbox", "export", "--maildir", maildir]).status == 1)
        let export = try demo.cli.run(["--as", "operator", "outbox", "export", "--maildir", maildir])
        #expect(export.status == 0, "\(export.stderr)")
        let everyone = try JSONDecoder.iso.decode([OutboxMessage].self, from: Data(try demo.cli.run(["--as", "operator", "outbox", "list", "--json"]).stdout.utf8))
        #expect(everyone.count > messages.count)                  // Carol's notice too
        let files = try FileManager.default.contentsOfDirectory(atPath: maildir + "/new")
        #expect(files.count == everyone.count)
        let eml = try String(contentsOfFile: maildir + "/new/" + (try #require(files.first { $0.contains("Q\(notice.id)_") })), encoding: .utf8)
        #expect(eml.contains("\r\nTo: alice@example.com\r\n"))
        #expect(eml.contains("\r\nContent-Type: text/plain; charset=utf-8\r\n"))
        #expect(try demo.cli.run(["--as", "operator", "outbox", "export", "--maildir", maildir]).stdout == "Nothing new to export.\n")

        // The renewal CSR completes it: the subscription renewed for 365 more days, the certificate for
        // as long as the validity table allows today (at most 200 days in 2026), within it.
        let csr = try CSRCommandTests.makeCSR("renewal", ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-384"],
                                              subject: "/CN=sunrise-bakery.com", in: demo)
        let renewed = try demo.cli.run(asAlice + ["csr", "submit", "1001", csr, "--json"])
        #expect(renewed.status == 0, "\(renewed.stderr)")
        let result = try JSONDecoder.iso.decode(CSRSubmissionResult.self, from: Data(renewed.stdout.utf8))
        #expect(result.purpose == .renewal)
        #expect(result.state == .issued)
        let row = try #require(try sslRows(demo, asAlice).first { $0.orderID == OrderID(1001) })
        #expect(row.subscriptionUntil == validTo.adding(days: 365))
        let newValidTo = try #require(result.validTo)
        #expect(row.validTo == newValidTo)
        #expect(newValidTo <= Date().adding(days: CertificateValidityTable.rule(on: Date()).maxValidityDays))
        #expect(newValidTo > Date().adding(days: 46))
        // The text says both, as the issue asks.
        let shown = try demo.cli.run(asAlice + ["ssl", "show", "1001"])
        #expect(shown.stdout.contains("Term:       subscription until \(validTo.adding(days: 365).dayText) · this certificate until \(newValidTo.dayText)"))
    }

    /// The shape of `jobs run --json`.
    struct JobsJSON: Decodable {
        var certificates: [CertificateJobOutcome]
    }
}
