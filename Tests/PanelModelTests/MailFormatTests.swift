import Foundation
import Testing
@testable import PanelModel

@Suite struct MailFormatTests {
    @Test func quotedPrintableKeepsLinesShortAndEncodesWhatMustBe() {
        #expect(QuotedPrintable.encode("plain text\nsecond line\n") == "plain text\r\nsecond line\r\n")
        #expect(QuotedPrintable.encode("a=b") == "a=3Db")
        #expect(QuotedPrintable.encode("Bäckerei") == "B=C3=A4ckerei")
        #expect(QuotedPrintable.encode("trailing space \n") == "trailing space=20\r\n")
        let long = String(repeating: "x", count: 200)
        let encoded = QuotedPrintable.encode(long)
        let lines = encoded.components(separatedBy: "\r\n")
        #expect(lines.allSatisfy { $0.count <= QuotedPrintable.maximumLineLength })
        #expect(lines.dropLast().allSatisfy { $0.hasSuffix("=") })
        #expect(encoded.replacingOccurrences(of: "=\r\n", with: "") == long)
        // An escape is never split by a soft break.
        let umlauts = QuotedPrintable.encode(String(repeating: "ü", count: 40))
        #expect(umlauts.components(separatedBy: "\r\n").allSatisfy { !$0.dropLast().hasSuffix("=") && !$0.hasSuffix("=C") })
    }

    @Test func headersFoldAndEncodeNonASCII() {
        let plain = MailHeaders.unstructured("Subject", "Your SSL certificate for sunrise-bakery.com expires on 2027-06-06: invoice INV-1001-R20270606")
        #expect(plain.components(separatedBy: "\r\n").allSatisfy { $0.count <= 78 })
        #expect(plain.replacingOccurrences(of: "\r\n", with: "") == "Subject: Your SSL certificate for sunrise-bakery.com expires on 2027-06-06: invoice INV-1001-R20270606")
        let idn = MailHeaders.unstructured("Subject", "Your SSL certificate for bäckerei-müller.de expires on 2027-08-25: invoice INV-1026-R20270825")
        #expect(idn.unicodeScalars.allSatisfy { $0.isASCII })
        #expect(idn.components(separatedBy: "\r\n").allSatisfy { $0.count <= 78 })
        let words = MailHeaders.encodedWords("bäckerei-müller.de")
        #expect(words.count == 1)
        let base64 = words[0].dropFirst("=?UTF-8?B?".count).dropLast(2)
        #expect(String(decoding: Data(base64Encoded: String(base64)) ?? Data(), as: UTF8.self) == "bäckerei-müller.de")
        // A header cannot be split into two by a line break in the value.
        #expect(!MailHeaders.unstructured("Subject", "one\r\nBcc: x@example.com").contains("\r\nBcc"))
    }

    @Test func datesInRFC5322Form() {
        #expect(MailHeaders.date(Date(timeIntervalSince1970: 1_795_608_000)) == "Wed, 25 Nov 2026 12:00:00 +0000")
    }

    @Test func onlyEmailAddressesAreMailboxes() {
        #expect(EmailMessage.mailbox("alice@example.com") == "alice@example.com")
        #expect(EmailMessage.mailbox("kim@bücher.de") == "kim@xn--bcher-kva.de")
        #expect(EmailMessage.mailbox("registrar:H20002") == nil)
    }
}
