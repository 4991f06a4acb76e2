import Foundation
import GRDB
import Testing
import PanelModel
@testable import PanelStore

@Suite struct OutboxExportTests {
    let world: TemporaryDatabase
    var database: PanelDatabase { world.database }
    var maildir: String { world.directory.appendingPathComponent("Maildir").path }

    init() throws {
        world = try TemporaryDatabase.demo()
        // Renewal notices for 1008 (Alice) and 1201 (Carol), already expiring, then for the IDN
        // bäckerei-müller.de (1026) and the others of Alice's that enter their window with it.
        try world.database.runCertificateJobs(now: TestClock.now)
        let validTo = try #require(try world.database.orderDetail(OrderID(1026), as: .operator).certificate?.validTo)
        try world.database.runCertificateJobs(now: validTo.adding(days: -30))
    }

    func files(_ sub: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: maildir + "/" + sub).sorted()
    }

    @Test func customersReadTheirOwnNoticesAndOperatorsAll() throws {
        let all = try database.outboxMessages(for: .operator)
        #expect(Set(all.map(\.recipient)).isSuperset(of: ["alice@example.com", "carol@example.org"]))
        let alices = try database.outboxMessages(for: .customer(CustomerID(DemoWorld.alice)))
        #expect(!alices.isEmpty)
        #expect(alices.allSatisfy { $0.recipient == "alice@example.com" })
        #expect(try database.outboxMessages(for: .customer(CustomerID(DemoWorld.bob))).allSatisfy { $0.recipient == "bob@example.net" })
        // Both customers are ALVO's; Reseller B sees none of it.
        #expect(Set(try database.outboxMessages(for: .reseller(ResellerID(1))).map(\.id)) == Set(all.map(\.id)))
        #expect(try database.outboxMessages(for: .reseller(ResellerID(2))).isEmpty)
    }

    @Test func exportWritesReadableMessagesOnceAndMarksThemSent() throws {
        #expect(throws: PanelError.self) {
            try database.exportOutbox(toMaildir: maildir, from: "certpanel@example.com", by: .customer(CustomerID(DemoWorld.alice)), now: TestClock.now)
        }
        let unsent = try database.outboxMessages(for: .operator, unsentOnly: true)
        let export = try database.exportOutbox(toMaildir: maildir, from: "CertPanel <certpanel@example.com>", by: .operator, now: TestClock.now)
        #expect(export.written.count == unsent.count)
        #expect(try files("tmp").isEmpty)
        #expect(try files("new").count == unsent.count)
        #expect(Set(try files("new")).count == unsent.count)     // unique names
        #expect(try database.outboxMessages(for: .operator, unsentOnly: true).isEmpty)
        #expect(try database.outboxMessages(for: .operator).allSatisfy { $0.sentAt == TestClock.now })

        for written in export.written {
            let message = try #require(unsent.first { $0.id == written.id })
            let parsed = try ExternalTool.parseEmail(at: written.file)
            #expect(parsed["to"] == message.recipient)
            #expect(parsed["from"] == "CertPanel <certpanel@example.com>")
            #expect(parsed["subject"] == message.subject)
            #expect(parsed["body"] == message.body)
            #expect(parsed["mime"] == "1.0")
            #expect(parsed["content_type"] == "text/plain")
            #expect(parsed["charset"] == "utf-8")
            #expect(parsed["transfer_encoding"] == "quoted-printable")
            #expect(parsed["message_id"]?.hasPrefix("<outbox-\(message.id).") == true)
            #expect(parsed["date_parsed"]?.isEmpty == false)
            #expect(parsed["defects"] == "0")
            #expect(parsed["bare_lf"] == "0")                     // CRLF line ends only
            #expect(Int(parsed["longest_line"] ?? "") ?? 999 <= 78)
        }
        // The IDN domain's subject is not ASCII: it went out RFC 2047 encoded and came back intact.
        let idn = try #require(export.written.first { written in unsent.first { $0.id == written.id }?.subject.contains("bäckerei-müller.de") == true })
        let raw = try String(contentsOfFile: idn.file, encoding: .utf8)
        #expect(raw.contains("Subject: =?UTF-8?B?"))
        #expect(raw.unicodeScalars.allSatisfy { $0.isASCII })

        let again = try database.exportOutbox(toMaildir: maildir, from: "certpanel@example.com", by: .operator, now: TestClock.now.adding(days: 1))
        #expect(again.written.isEmpty)
        #expect(try files("new").count == unsent.count)
    }

    @Test func registrarNoticesStayInTheOutbox() throws {
        try database.write { db in
            _ = try Outbox.queue(to: "registrar:H20002", subject: "Domain pushed to you", body: "text\n", orderID: nil, customerID: nil,
                                 invoiceNumber: nil, now: TestClock.now, db)
        }
        let export = try database.exportOutbox(toMaildir: maildir, from: "certpanel@example.com", by: .operator, now: TestClock.now)
        #expect(export.skipped.map(\.recipient) == ["registrar:H20002"])
        #expect(try database.outboxMessages(for: .operator, unsentOnly: true).map(\.recipient) == ["registrar:H20002"])
    }
}
