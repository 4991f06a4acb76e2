import Foundation
import Testing
import PanelModel
import PanelStore
import Terminal
@testable import PanelScreens

/// Every key a screen offers (footer or `?`) does something there: it changes what the
/// screen shows, opens or leaves a screen, or says why not. Each key is pressed on a fresh
/// demo world, in each screen and mode a user reaches.
@Suite struct KeyTableWalkTests {
    static let alice = Principal.customer(CustomerID(DemoWorld.alice))
    static let alvo = Principal.reseller(ResellerID(1))

    /// A screen in one of its modes, reached the way a user would.
    struct Place: CustomTestStringConvertible, Sendable {
        var name: String
        var principal: Principal
        var keys: [Key]
        var typed: String = ""
        var testDescription: String { name }
    }

    static let places: [Place] = [
        Place(name: "order list (customer)", principal: alice, keys: []),
        Place(name: "order list (reseller)", principal: alvo, keys: []),
        Place(name: "order list, searching", principal: alice, keys: [.char("/")], typed: "bakery"),
        Place(name: "order details 1001", principal: alice, keys: [.char("/"), .char("1"), .char("0"), .char("0"), .char("1"), .enter, .enter]),
        Place(name: "order details 1005 (reseller)", principal: alvo, keys: [.char("/"), .char("1"), .char("0"), .char("0"), .char("5"), .enter, .enter]),
        Place(name: "move services form", principal: alice, keys: [.char("/"), .char("1"), .char("0"), .char("0"), .char("1"), .enter, .enter, .char("m"), .tab, .tab]),
        Place(name: "ssl certificates", principal: alice, keys: [.char("C")]),
        Place(name: "certificate 1001", principal: alice, keys: [.char("C"), .char("o"), .enter]),
        Place(name: "domain validation 1001", principal: alice, keys: [.char("C"), .char("o"), .enter, .char("d")]),
        Place(name: "ssl certificates, marked", principal: alice, keys: [.char("C"), .char("o"), .char(" ")]),
        Place(name: "ssl certificates, marked (operator)", principal: .operator, keys: [.char("C"), .char(" ")]),
        Place(name: "ssl certificates, confirming a bulk reissue", principal: alice, keys: [.char("C"), .char("o"), .char(" "), .char("R")]),
        Place(name: "bulk results", principal: alice, keys: [.char("C"), .char("o"), .char(" "), .char("R"), .left, .enter]),
        Place(name: "internal transfers", principal: alvo, keys: [.char("T")]),
        Place(name: "profile", principal: alice, keys: [.char("P")]),
        Place(name: "messages", principal: alice, keys: [.char("M")]),
        Place(name: "ssh keys", principal: alice, keys: [.char("K")]),
        Place(name: "pending moves", principal: alice, keys: [.char("W")]),
        Place(name: "order history 1005", principal: alice, keys: [.char("/"), .char("1"), .char("0"), .char("0"), .char("5"), .enter, .enter, .char("h")]),
    ]

    static func reach(_ place: Place) throws -> ScreenHarness {
        let harness = try ScreenHarness(as: place.principal)
        for key in place.keys { harness.press(key) }
        harness.type(place.typed)
        return harness
    }

    /// What a key can change: the frame's text and styles, the screen stack, the overlays.
    static func observable(_ harness: ScreenHarness) -> [String] {
        let frame = harness.app.render()
        return frame.lines + frame.styleRuns + harness.app.stack.map(\.title)
            + ["running \(harness.app.isRunning)", "help \(harness.app.help != nil)", "palette \(harness.app.palette != nil)"]
    }

    @Test(arguments: places)
    func everyOfferedKeyDoesSomething(place: Place) throws {
        let keys = try Self.reach(place).app.activeKeyMap.bindings
        #expect(!keys.isEmpty)
        // Scrolling at an edge of content that fits legitimately changes nothing.
        for binding in keys where !binding.action.rawValue.hasSuffix(".up") && !binding.action.rawValue.hasSuffix(".down") {
            guard let key = binding.keys.first else { continue }
            let harness = try Self.reach(place)
            let before = Self.observable(harness)
            harness.press(key)
            if Self.observable(harness) == before {
                Issue.record("\(place.name): \(binding.keyText) (\(binding.label)) did nothing")
            }
        }
    }

    /// The keys the README's "In the panel" paragraph names exist in the screens' tables.
    @Test func theReadmeNamesOnlyKeysTheScreensHave() throws {
        let readme = try String(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../README.md").standardized, encoding: .utf8)
        let start = try #require(readme.range(of: "In the panel:"))
        let end = try #require(readme.range(of: "## Demo logins"))
        let paragraph = String(readme[start.upperBound..<end.lowerBound])
        var offered = Set<String>()
        for place in Self.places {
            let harness = try Self.reach(place)
            for binding in harness.app.activeKeyMap.bindings + AppConfiguration.defaultGlobalKeys.bindings {
                for key in binding.keys { offered.insert(key.description) }
            }
        }
        // Single keys in backticks: `m`, `Esc`, `Ctrl-R`, and the pairs written `a`/`x`.
        let named = paragraph.matches(of: /`([^`\s,]{1,7})`/).map { String($0.1) }.filter { !$0.hasPrefix("-") }
        #expect(named.count > 20)
        for key in named where !offered.contains(key) {
            Issue.record("README names `\(key)`, which no screen binds")
        }
    }
}
