import Foundation
import Testing
@testable import PanelModel

/// The CSV writer (RFC 4180 plus a formula guard), certificate file names that cannot leave
/// their directory, and the shared SSL list columns.
@Suite struct BulkExportTests {
    @Test func plainFieldsAreLeftAloneAndRecordsEndInCRLF() {
        #expect(CSV.record(["1001", "sunrise-bakery.com", "Issued"]) == "1001,sunrise-bakery.com,Issued\r\n")
        #expect(CSV.document(header: ["A", "B"], rows: [["1", "2"], ["3", "4"]]) == "A,B\r\n1,2\r\n3,4\r\n")
        #expect(CSV.document(header: ["A"], rows: []) == "A\r\n")
        #expect(CSV.record(["", ""]) == ",\r\n")
    }

    @Test func quotesCommasAndLineBreaksAreQuoted() {
        #expect(CSV.field("Smith, John") == "\"Smith, John\"")
        #expect(CSV.field("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSV.field("two\nlines") == "\"two\nlines\"")
        #expect(CSV.field("carriage\rreturn") == "\"carriage\rreturn\"")
        #expect(CSV.field("crlf\r\ninside") == "\"crlf\r\ninside\"")
        #expect(CSV.field("\"") == "\"\"\"\"")
    }

    @Test func nonASCIIStaysAsItIs() {
        #expect(CSV.field("bäckerei-müller.de") == "bäckerei-müller.de")
        #expect(CSV.field("日本語, テキスト") == "\"日本語, テキスト\"")
        #expect(CSV.record(["🙂"]) == "🙂\r\n")
    }

    @Test func aFieldThatASpreadsheetWouldRunIsGuarded() {
        #expect(CSV.field("=HYPERLINK(\"http://x\")") == "\"'=HYPERLINK(\"\"http://x\"\")\"")
        #expect(CSV.field("+cmd") == "'+cmd")
        #expect(CSV.field("@SUM(A1)") == "'@SUM(A1)")
        #expect(CSV.field("-2+3") == "'-2+3")
        #expect(CSV.field("\tx") == "'\tx")
        #expect(CSV.field("\rx") == "\"'\rx\"")
        // Numbers keep their sign, so a DAYS LEFT column still sorts as numbers.
        #expect(CSV.field("-10") == "-10")
        #expect(CSV.field("+3") == "+3")
        #expect(CSV.field("-1.5") == "-1.5")
        #expect(CSV.field("-") == "-")
        #expect(CSV.field("=") == "=")
        #expect(CSV.field("--") == "'--")
        #expect(CSV.field("a=b") == "a=b")
    }

    @Test func fileNamesKeepToTheirDirectory() {
        #expect(CertificateFileName.name(order: OrderID(1001), domain: "sunrise-bakery.com") == "1001-sunrise-bakery.com.pem")
        #expect(CertificateFileName.name(order: OrderID(1026), domain: "xn--bckerei-mller-7kb5g.de") == "1026-xn--bckerei-mller-7kb5g.de.pem")
        for hostile in ["../../etc/passwd", "/etc/passwd", "..", ".hidden", "a/../b", "a\\..\\b", "x\u{1B}[2Jy", "a\0b", "...."] {
            let name = CertificateFileName.name(order: OrderID(7), domain: hostile)
            #expect(!name.contains("/") && !name.contains("\\") && !name.contains(".."), "\(hostile) → \(name)")
            #expect(name.hasPrefix("7") && name.hasSuffix(".pem"))
            #expect(name.unicodeScalars.allSatisfy { $0.isASCII && $0.value >= 0x20 }, "\(hostile) → \(name)")
        }
        #expect(CertificateFileName.name(order: OrderID(7), domain: "../../etc/passwd") == "7-____etc_passwd.pem")
        #expect(CertificateFileName.name(order: OrderID(7), domain: "") == "7.pem")
        #expect(CertificateFileName.name(order: OrderID(7), domain: String(repeating: "a", count: 500)).count == "7-".count + 100 + ".pem".count)
    }

    @Test func theColumnsGiveTheScreensTitlesAndPlainCells() throws {
        #expect(SSLCertificateColumn.allCases.map(\.title) == ["ORDER", "TYPE", "DOMAIN", "STATE", "EXPIRES", "DAYS LEFT", "SUBSCRIBED", "REISSUE", "INVOICES"])
        let expiry = Date(timeIntervalSince1970: 1_796_000_000)
        let row = SSLCertificateRow(orderID: OrderID(1008), domain: try DomainName("bäckerei-müller.de"), customerID: CustomerID(5),
                                    type: .multiDomain, state: .expiring, storedState: .issued, validTo: expiry, daysLeft: -3,
                                    invoicesIssued: 2, invoicesPaid: 1,
                                    subscriptionUntil: expiry.addingTimeInterval(400 * 86_400), nextReissueDue: expiry.addingTimeInterval(-14 * 86_400))
        #expect(SSLCertificateColumn.allCases.map { $0.text(row) }
                == ["1008", CertificateType.multiDomain.displayName, "bäckerei-müller.de", CertificateState.expiring.displayName,
                    DayText.utc(expiry), "-3", DayText.utc(expiry.addingTimeInterval(400 * 86_400)),
                    DayText.utc(expiry.addingTimeInterval(-14 * 86_400)), "1/2 paid"])
        var unissued = row
        unissued.validTo = nil
        unissued.daysLeft = nil
        unissued.subscriptionUntil = nil
        unissued.nextReissueDue = nil
        #expect(SSLCertificateColumn.expires.text(unissued) == "-" && SSLCertificateColumn.daysLeft.text(unissued) == "-")
        #expect(SSLCertificateColumn.subscriptionUntil.text(unissued) == "-" && SSLCertificateColumn.reissueDue.text(unissued) == "-")
    }

    @Test func theSummaryCountsWhatWasAndWasNotDone() {
        let done = BulkItemResult(orderID: OrderID(1), domain: "a.com", succeeded: true, message: "ok")
        let refused = BulkItemResult(orderID: OrderID(2), domain: "b.com", succeeded: false, message: "no")
        #expect([done, refused, done].summary == "2 of 3 done; 1 not done")
        #expect([done].summary == "1 of 1 done")
    }
}
