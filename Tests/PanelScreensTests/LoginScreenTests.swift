import Foundation
import Testing
import PanelModel
import PanelStore
import Terminal
@testable import PanelScreens

/// The login screen tells a demo visitor how to log in, and where help is.
@Suite struct LoginScreenTests {
    @Test func theDemoWorldsLoginsShowUnderTheForm() throws {
        let harness = try ScreenHarness(as: nil, size: Size(width: 80, height: 24))
        #expect(harness.session.demoLogins.first == "alice@example.com")
        // Only accounts that can log in are offered.
        #expect(!harness.session.demoLogins.contains("erin@example.com"))
        #expect(!harness.session.demoLogins.contains("dave@example.com"))
        #expect(harness.contains("Demo world"))
        #expect(harness.contains("Log in as alice@example.com (or bob@example.net,"))
        #expect(harness.contains("password \(DemoWorld.password)."))
    }

    @Test func aDatabaseThatIsNotTheDemoWorldShowsNoLogins() throws {
        let harness = try ScreenHarness(as: nil)
        harness.session.demoLogins = []
        #expect(!harness.contains("Demo world"))
        #expect(!harness.contains(DemoWorld.password))
    }

    @Test func f1OpensHelpWhileQuestionMarkTypes() throws {
        let harness = try ScreenHarness(as: nil)
        #expect(harness.lines.last?.contains("F1 Help") == true)
        harness.type("a?")
        #expect(harness.app.help == nil)
        harness.press(.function(1))
        #expect(harness.app.help != nil)
        #expect(harness.contains("? types into the fields here"))
    }
}
