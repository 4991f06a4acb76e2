import Foundation
import Testing
@testable import PanelModel

/// `certpanel api` standard input, as `SeedAPICommand.text(ofStandardInput:)` judges it.
@Suite struct SeedAPIInputTests {
    @Test func utf8WithinTheLimitIsText() throws {
        let text = try SeedAPICommand.text(ofStandardInput: Data("command = StatusDomainTransfer\r\ndomain = bücher.de\n".utf8))
        #expect(SeedAPICommand.lines(of: text) == ["command = StatusDomainTransfer", "domain = bücher.de", ""])
        #expect(try SeedAPICommand.text(ofStandardInput: Data()) == "")
    }

    @Test func oversizeAndNonUTF8AreRefused() {
        let limit = SeedAPICommand.maximumInputBytes
        #expect(throws: PanelError.invalidInput("standard input is larger than \(limit) bytes; an API call is a few key = value lines")) {
            try SeedAPICommand.text(ofStandardInput: Data(repeating: 0x61, count: limit + 1))
        }
        #expect((try? SeedAPICommand.text(ofStandardInput: Data(repeating: 0x61, count: limit))) != nil)
        #expect(throws: PanelError.invalidInput("standard input is not UTF-8 text")) {
            try SeedAPICommand.text(ofStandardInput: Data([0x63, 0xFF, 0x0A]))
        }
    }
}
