import Foundation
import Testing
import PanelModel
import PanelStore
import Terminal
@testable import PanelScreens

/// Marking on SSL Certificates and the bulk actions, walked as a user would: Space marks (a
/// ●, the count in the footer), marks survive a reload, Esc clears them before going back,
/// R and p confirm with Back focused, d asks for a directory, and the result list says what
/// happened to each certificate.
@Suite struct BulkWalkTests {
    static let alice = Principal.customer(CustomerID(DemoWorld.alice))

    /// As Alice, sorted by order: 1001 (issued), 1003 (waits for a CSR), 1005 (suspended) marked.
    func markThree(_ harness: ScreenHarness) {
        harness.press(.char("C"), .char("o"))
        harness.press(.char(" "), .char(" "), .char(" "))
    }

    func line(_ harness: ScreenHarness, _ domain: String) -> String {
        harness.lines.first { $0.contains(domain) } ?? ""
    }

    @Test func marksShowWithoutColourSurviveAReloadAndEscClearsThemFirst() throws {
        let harness = try ScreenHarness(as: Self.alice)
        markThree(harness)
        #expect(line(harness, "sunrise-bakery.com").contains("●"))
        #expect(line(harness, "bluebird-studio.com").contains("●"))
        #expect(!line(harness, "maple-leaf-tea.com").contains("●"))
        #expect(harness.lines.last?.contains("Clear 3 marked") == true)
        #expect(harness.contains("3 marked"))
        harness.press(.char(" "))                               // the fourth row marks too
        harness.press(.up, .char(" "))                          // and unmarks
        #expect(harness.lines.last?.contains("Clear 3 marked") == true)
        harness.press(.ctrl("r"))
        harness.press(.char("s"))                               // another filter: marks are kept by order ID
        harness.press(.char("s"), .char("s"), .char("s"), .char("s"), .char("s"), .char("s"))
        #expect(harness.contains("3 marked"))
        harness.press(.escape)
        #expect(harness.topTitle == "SSL Certificates")
        #expect(!harness.contains("marked") && !harness.contains("●"))
        harness.press(.escape)
        #expect(harness.topTitle != "SSL Certificates")
    }

    @Test func bulkReissueConfirmsWithBackFocusedAndListsEachResult() throws {
        let harness = try ScreenHarness(as: Self.alice)
        markThree(harness)
        harness.press(.char("R"))
        #expect(harness.contains("Reissue these 3 certificates?"))
        #expect(harness.contains("1003  bluebird-studio.com"))
        harness.press(.enter)                                    // Back is focused: nothing happens
        #expect(harness.contains("3 marked") && !harness.contains("Reissue these"))
        #expect(try harness.database.sslCertificateDetail(order: OrderID(1001), for: Self.alice, now: ScreenHarness.now).row.storedState == .issued)
        harness.press(.char("R"), .left, .enter)
        #expect(harness.topTitle == "Results")
        #expect(harness.contains("Reissue: 3 certificates"))
        #expect(harness.contains("1 of 3 done; 2 not done."))
        #expect(harness.contains("✓ 1001  sunrise-bakery.com"))
        #expect(harness.contains("✗ 1003  bluebird-studio.com"))
        #expect(harness.contains("✗ 1005  quiet-harbor.net"))
        #expect(harness.contains("Order 1005 is suspended, so its certificate cannot be reissued."))
        #expect(try harness.database.sslCertificateDetail(order: OrderID(1001), for: Self.alice, now: ScreenHarness.now).row.storedState == .awaitingCSR)
        harness.checkGolden("bulk-results")
        harness.press(.enter)
        #expect(harness.topTitle == "SSL Certificates")
        // What was done is unmarked; the two refused stay marked.
        #expect(harness.contains("2 marked"))
        #expect(!line(harness, "sunrise-bakery.com").contains("●") && line(harness, "quiet-harbor.net").contains("●"))
    }

    @Test func downloadAsksForADirectoryAndWritesTheFiles() throws {
        let harness = try ScreenHarness(as: Self.alice)
        harness.press(.char("C"), .char("o"))
        #expect(harness.app.activeKeyMap.binding(for: "ssl.download") == nil)   // not offered without local files (SSH)
        harness.session.allowsLocalFiles = true
        harness.press(.char(" "), .down, .down, .char(" "))   // 1001 and 1006
        harness.press(.char("d"))
        #expect(harness.contains("Write 2 certificates into this directory"))
        #expect(harness.contains("~/certpanel-certificates"))
        let directory = harness.directory.appendingPathComponent("downloads").path
        for _ in 0..<40 { harness.press(.backspace) }
        harness.type(directory)
        harness.press(.enter)
        #expect(harness.topTitle == "Results")
        #expect(harness.contains("2 of 2 done."))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).sorted() == ["1001-sunrise-bakery.com.pem", "1006-maple-leaf-tea.com.pem"])
        harness.press(.enter, .char("d"))                       // nothing marked now: the selected row
        #expect(harness.contains("Write the certificate of order"))
        harness.press(.escape)
        #expect(harness.topTitle == "SSL Certificates" && !harness.contains("Write the certificate"))
    }

    @Test func recordingPaymentsIsForOperatorsAndConfirmedFirst() throws {
        #expect(try ScreenHarness(as: Self.alice).app.activeKeyMap.binding(for: "ssl.pay") == nil)
        let harness = try ScreenHarness(as: .operator)
        harness.press(.char("C"))
        for _ in CertificateState.allCases where !harness.contains("State: \(CertificateState.expiring.displayName)") { harness.press(.char("s")) }
        let page = try harness.database.sslCertificatePage(SSLCertificateQuery(state: .expiring, limit: 500), for: .operator, now: ScreenHarness.now)
        #expect(page.rows.contains { $0.orderID == OrderID(1008) })    // its renewal invoice is pending
        for _ in page.rows { harness.press(.char(" ")) }
        #expect(harness.contains("\(page.rows.count) marked"))
        harness.press(.char("p"))
        #expect(harness.contains("cannot be undone from the panel"))
        harness.press(.left, .enter)
        #expect(harness.topTitle == "Results")
        #expect(harness.contains("Record payment: \(page.rows.count) certificate"))
        let line = try #require(harness.lines.firstIndex { $0.contains("copper-kettle.org") })
        #expect(harness.lines[line].contains("✓"))
        #expect(harness.lines[line + 1].contains("marked paid."))
        #expect(try harness.database.invoices(for: .operator).filter { $0.orderID == OrderID(1008) && $0.status == .pending }.isEmpty)
    }
}
