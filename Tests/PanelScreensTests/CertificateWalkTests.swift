import Foundation
import Testing
import PanelModel
import PanelStore
import Terminal
@testable import PanelScreens

/// Seed 004 in the screens: SSL Certificates, the certificate detail, CSR entry with its
/// preview, reissue, and the Messages list.
@Suite struct CertificateWalkTests {
    static let alice = Principal.customer(CustomerID(DemoWorld.alice))

    /// A CSR for `names` made with swift-certificates (the tmux walk uses openssl's).
    static func csr(_ names: [String], seed: String = "walk") throws -> String {
        try DemoCertificateRequest.make(requirement: CSRRequirement(domain: names[0], type: names.count > 1 ? .multiDomain : .ov,
                                                                    additionalNames: Array(names.dropFirst())),
                                        organization: "Bluebird Studio", keySeed: Array(seed.utf8))
    }

    /// As Alice: C, filter to "Waiting for CSR", open 1003.
    func openWaitingOrder(_ harness: ScreenHarness) {
        harness.press(.char("C"))
        harness.press(.char("s"))
        #expect(harness.contains("State: Waiting for CSR"))
        harness.press(.enter)
        #expect(harness.topTitle == "Certificate 1003")
    }

    @Test func theListShowsEveryCertificateWithStateExpiryAndInvoices() throws {
        let harness = try ScreenHarness(as: Self.alice)
        harness.press(.char("C"))
        #expect(harness.topTitle == "SSL Certificates")
        let lines = harness.lines
        // Sorted by days left: the expired one first, then the expiring one.
        let first = try #require(lines.firstIndex { $0.contains("retired-site.com") })
        let second = try #require(lines.firstIndex { $0.contains("copper-kettle.org") })
        #expect(first < second)
        #expect(lines[first].contains("✗ Expired") && lines[first].contains("✗ -10"))
        #expect(lines[second].contains("! Expiring") && lines[second].contains("! 12"))
        #expect(harness.contains("1/1 paid"))
        #expect(!harness.contains("paella-house.es"))     // Yolanda's, not Alice's
        harness.press(.char("o"))
        #expect(harness.contains("Sort: order"))
        let byOrder = harness.lines
        #expect(try #require(byOrder.firstIndex { $0.contains("sunrise-bakery.com") }) < #require(byOrder.firstIndex { $0.contains("retired-site.com") }))
    }

    @Test func theDetailShowsTheIssuedCertificate() throws {
        let harness = try ScreenHarness(as: Self.alice)
        harness.press(.char("C"), .char("o"), .enter)      // by order: 1001 first
        #expect(harness.topTitle == "Certificate 1001")
        let detail = try harness.database.sslCertificateDetail(order: OrderID(1001), for: Self.alice, now: ScreenHarness.now)
        let certificate = try #require(detail.certificate)
        #expect(harness.contains("Issuer        \(certificate.issuer)"))
        #expect(harness.contains("Serial        \(certificate.serialNumber)"))
        #expect(harness.contains(String(certificate.sha256Fingerprint.prefix(40))))
        #expect(harness.contains("SANs          sunrise-bakery.com"))
        harness.press(.char("v"))
        #expect(harness.contains("-----BEGIN CERTIFICATE-----"))
        harness.press(.char("v"))
        #expect(harness.contains("Serial"))
    }

    @Test func aCustomerEntersACSRAndTheOrderIsIssued() throws {
        let harness = try ScreenHarness(as: Self.alice)
        openWaitingOrder(harness)
        #expect(harness.contains("[c] Enter CSR"))
        harness.press(.char("c"))
        #expect(harness.topTitle == "Enter CSR")
        harness.paste(try Self.csr(["bluebird-studio.com"]))
        #expect(harness.topTitle == "Enter CSR")          // the pasted newlines did not submit anything
        harness.press(.tab, .enter)                        // to Preview (no file field in tests: not a local terminal)
        #expect(harness.contains("CN            bluebird-studio.com"))
        #expect(harness.contains("Key           EC P-256"))
        #expect(harness.contains("✓ the signature verifies"))
        #expect(harness.contains("This CSR can be submitted for order 1003."))
        #expect(try harness.database.sslCertificateDetail(order: OrderID(1003), for: Self.alice, now: ScreenHarness.now).row.state == .awaitingCSR)
        harness.press(.enter)                              // Submit
        #expect(harness.contains("CSR accepted for order 1003."))
        #expect(harness.contains("✓ Issued"))
        // Where to get the PEM is said once for the command line and once for the panel.
        #expect(harness.text.components(separatedBy: "certpanel cert download").count - 1 == 1)
        #expect(harness.contains("v shows the PEM to copy"))
        let detail = try harness.database.sslCertificateDetail(order: OrderID(1003), for: Self.alice, now: ScreenHarness.now)
        #expect(detail.row.state == .issued)
        #expect(detail.certificate?.subjectAlternativeNames.contains("bluebird-studio.com") == true)
        harness.press(.enter)                              // back to the detail, reloaded
        #expect(harness.contains("✓ Issued") && harness.contains("Serial"))
    }

    @Test func enterInTheTextAreaIsANewLineNotASubmit() throws {
        let harness = try ScreenHarness(as: Self.alice)
        openWaitingOrder(harness)
        harness.press(.char("c"))
        harness.type("first line")
        harness.press(.enter)
        harness.type("second line")
        #expect(harness.topTitle == "Enter CSR")
        #expect(harness.lines.contains { $0.hasPrefix("first line") })
        #expect(harness.lines.contains { $0.hasPrefix("second line") })
        #expect(!harness.contains("Decoded CSR") && !harness.contains("Attention"))
    }

    @Test func aRefusedCSRShowsEveryProblemAndStoresNothing() throws {
        let harness = try ScreenHarness(as: Self.alice)
        let before = try harness.database.contentDump()
        openWaitingOrder(harness)
        harness.press(.char("c"))
        harness.paste(try Self.csr(["wrong-site.com"]))
        harness.press(.tab, .enter)
        #expect(harness.contains("! Attention"))
        #expect(harness.contains("bluebird-studio.com"))   // the problem names the missing name
        #expect(harness.contains("[ Edit ]") || harness.contains("< Edit >"))
        #expect(!harness.contains("Submit"))
        harness.press(.enter)                              // Edit: back to the text, kept
        #expect(harness.contains("-----END CERTIFICATE REQUEST-----"))
        #expect(try harness.database.contentDump() == before)
    }

    @Test func aPastedPrivateKeyIsRefusedAndNeverShown() throws {
        let harness = try ScreenHarness(as: Self.alice)
        let before = try harness.database.contentDump()
        openWaitingOrder(harness)
        harness.press(.char("c"))
        let key = "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIJ+DYvh6SEqVTm50DFtMDoQikTmiCqirVv9mWG9qfSnF\n-----END PRIVATE KEY-----\n"
        harness.paste(key)
        harness.press(.tab, .enter)
        #expect(harness.contains("! Attention"))
        #expect(harness.text.lowercased().contains("private key"))
        #expect(!harness.contains("MC4CAQAwBQYDK2VwBCIE"))  // the preview never echoes it
        #expect(try harness.database.contentDump() == before)
        harness.press(.backTab, .backTab)                  // back in the text area: the key is gone from it too
        #expect(!harness.contains("MC4CAQAwBQYDK2VwBCIE"))
        #expect(harness.contains("Paste the CSR here"))    // the empty area's placeholder
    }

    @Test func ctrlUClearsThePastedText() throws {
        let harness = try ScreenHarness(as: Self.alice)
        openWaitingOrder(harness)
        harness.press(.char("c"))
        harness.paste("not a CSR at all\nsecond line")
        #expect(harness.contains("not a CSR at all"))
        #expect(harness.contains("Ctrl-U Clear"))
        harness.press(.ctrl("u"))
        #expect(!harness.contains("not a CSR at all"))
        #expect(harness.contains("Paste the CSR here"))
        harness.press(.escape)                             // nothing left to lose: no question
        #expect(harness.topTitle == "Certificate 1003")
    }

    @Test func reissueAsksFirstThenWaitsForANewCSR() throws {
        let harness = try ScreenHarness(as: Self.alice)
        harness.press(.char("C"), .char("o"), .enter)      // 1001, issued
        #expect(!harness.contains("[c] Enter CSR"))
        harness.press(.char("R"))
        #expect(harness.contains("Reissue the certificate of order 1001"))
        harness.press(.enter)                              // Cancel is focused first
        #expect(try harness.database.sslCertificateDetail(order: OrderID(1001), for: Self.alice, now: ScreenHarness.now).row.state == .issued)
        harness.press(.char("R"), .left, .enter)
        #expect(try harness.database.sslCertificateDetail(order: OrderID(1001), for: Self.alice, now: ScreenHarness.now).row.state == .awaitingCSR)
        #expect(harness.contains("[c] Enter CSR"))
    }

    /// Issue 16: the subscription apart from the certificate, and the one-key reissue.
    @Test func theTermShowsAndTheStoredCSRIsReusedAfterAConfirmation() throws {
        let harness = try ScreenHarness(as: Self.alice)
        harness.press(.char("C"), .char("o"))               // by order: 1001 selected
        let bakery = try #require(try harness.database.sslCertificates(for: Self.alice, now: ScreenHarness.now).first { $0.orderID == OrderID(1001) })
        #expect(harness.contains("1001: subscription until \(bakery.validTo!.dayText) · this certificate until \(bakery.validTo!.dayText) · renewal at the end"))
        // At 100 columns the domain keeps its room (row 1 has the term); from 120 the term has columns.
        #expect(!harness.contains("SUBSCRIBED") && harness.contains("sunrise-bakery.com"))
        let wide = try ScreenHarness(as: Self.alice, size: Size(width: 120, height: 30))
        wide.press(.char("C"), .char("o"))
        #expect(wide.contains("SUBSCRIBED") && wide.contains("REISSUE") && wide.contains("sunrise-bakery.com"))
        let hotel = try harness.database.sslCertificateDetail(order: OrderID(1032), for: Self.alice, now: ScreenHarness.now).row
        let due = try #require(hotel.nextReissueDue)
        // Open 1032 from the list (the last of Alice's by order).
        for _ in 0..<40 where !harness.contains("1032: subscription until") { harness.press(.down) }
        harness.press(.enter)
        #expect(harness.topTitle == "Certificate 1032")
        #expect(harness.contains("Term          subscription until \(hotel.subscriptionUntil!.dayText) · this certificate until"))
        #expect(harness.contains("next reissue due"))
        #expect(harness.contains(due.dayText))             // wrapped onto the next line at 100 columns
        harness.press(.char("R"))
        #expect(harness.contains("Reuse stored CSR"))
        harness.press(.enter)                              // Cancel is focused first
        #expect(try harness.database.sslCertificateDetail(order: OrderID(1032), for: Self.alice, now: ScreenHarness.now).row.validTo == hotel.validTo)
        harness.press(.char("R"), .left, .left, .enter)    // Reuse stored CSR
        let reissued = try harness.database.sslCertificateDetail(order: OrderID(1032), for: Self.alice, now: ScreenHarness.now).row
        #expect(reissued.state == .issued)
        #expect(reissued.validTo == ScreenHarness.now.adding(days: 200).addingTimeInterval(-1))
        #expect(harness.contains("Certificate reissued with the stored CSR"))
    }

    @Test func orderDetailsOffersCSREntryOnlyWhenTheOrderWaitsForOne() throws {
        let harness = try ScreenHarness(as: Self.alice)
        harness.openOrder(1001)
        #expect(harness.topTitle == "Order 1001")
        #expect(!harness.contains("c Enter CSR"))
        harness.press(.char("c"))
        #expect(harness.topTitle == "Order 1001")
        let waiting = try ScreenHarness(as: Self.alice)
        waiting.openOrder(1003)
        #expect(waiting.contains("c Enter CSR"))
        waiting.press(.char("c"))
        #expect(waiting.topTitle == "Enter CSR")
        #expect(waiting.contains("the CSR must name bluebird-studio.com"))
    }

    @Test func messagesListTheRenewalNoticeAndOpenIt() throws {
        let harness = try ScreenHarness(as: Self.alice)
        harness.press(.char("M"))
        #expect(harness.topTitle == "Messages")
        let jobs = try harness.database.runCertificateJobs(now: ScreenHarness.now)
        #expect(!jobs.isEmpty)
        harness.press(.char("q"), .char("M"))              // reopened: loads again
        let notice = try #require(try harness.database.outboxMessages(for: Self.alice).first)
        #expect(harness.contains(String(notice.subject.prefix(40))))
        #expect(harness.contains("i waiting"))
        harness.press(.enter)
        #expect(harness.topTitle == "Message")
        #expect(harness.contains("To       alice@example.com"))
        #expect(harness.contains(String(notice.body.split(separator: "\n")[0].prefix(30))))
    }

    /// Issue 16: a reissue reminder (1006's certificate ends in 5 days, its subscription runs on) on Messages.
    @Test func messagesShowTheReissueReminder() throws {
        let harness = try ScreenHarness(as: Self.alice)
        _ = try harness.database.runCertificateJobs(now: ScreenHarness.now)
        harness.press(.char("M"))
        #expect(harness.contains("Reissue your SSL certificate for maple-leaf"))
        let messages = try harness.database.outboxMessages(for: Self.alice)
        let index = try #require(messages.firstIndex { $0.subject.hasPrefix("Reissue your SSL certificate for maple-leaf-tea.com") })
        for _ in 0..<index { harness.press(.down) }
        harness.press(.enter)
        #expect(harness.topTitle == "Message")
        #expect(harness.contains("so there is nothing to pay"))
        #expect(harness.contains("cert reissue 1006 --reuse-csr"))
    }

    @Test func inALocalTerminalTheCSRCanComeFromAFile() throws {
        let harness = try ScreenHarness(as: Self.alice)
        harness.session.allowsLocalFiles = true
        openWaitingOrder(harness)
        harness.press(.char("c"))
        #expect(harness.contains("or read it from a file"))
        harness.press(.tab)
        harness.type(harness.directory.appendingPathComponent("missing.csr").path)
        harness.press(.tab, .enter)
        #expect(harness.contains("There is no file at"))
        let file = harness.directory.appendingPathComponent("request.csr")
        try Self.csr(["bluebird-studio.com"]).write(to: file, atomically: true, encoding: .utf8)
        harness.press(.backTab)
        for _ in 0..<"missing.csr".count { harness.press(.backspace) }
        harness.type("request.csr")
        harness.press(.tab, .enter)
        #expect(harness.contains("This CSR can be submitted for order 1003."))
    }

    @Test func overSSHThereIsNoFileField() throws {
        let harness = try ScreenHarness(as: Self.alice)
        openWaitingOrder(harness)
        harness.press(.char("c"))
        #expect(!harness.contains("or read it from a file"))
    }
}
