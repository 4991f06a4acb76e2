import Foundation
import PanelModel
import PanelStore
import Terminal
import Testing
@testable import PanelScreens

/// The CSR entry screen's file field (a local terminal only) reads a DER file as DER.
@Suite struct CSRFileFieldTests {
    @Test func aDERFileInTheFileFieldIsReadAsDER() throws {
        let harness = try ScreenHarness(as: CertificateWalkTests.alice)
        harness.session.allowsLocalFiles = true
        CertificateWalkTests().openWaitingOrder(harness)
        harness.press(.char("c"))
        let pem = try CertificateWalkTests.csr(["bluebird-studio.com"])
        let body = pem.split(separator: "\n").filter { !$0.hasPrefix("-----") }.joined()
        let der = try #require(Data(base64Encoded: body))
        #expect(der.first == 0x30)
        let file = harness.directory.appendingPathComponent("request.der")
        try der.write(to: file)
        harness.press(.tab)
        harness.type(file.path)
        harness.press(.tab, .enter)
        #expect(harness.contains("This CSR can be submitted for order 1003."))
        #expect(!harness.contains("binary"))
    }
}
