import Foundation
import Testing
import PanelModel
import PanelStore

/// `certpanel resellers set … --receiver-accepts`, `move-services` with the setting on, and
/// `certpanel moves list|accept|decline|cancel`, through the built binary.
@Suite struct MovesCommandTests {
    let asAlice = ["--as", "customer:\(DemoWorld.alice)"]
    let asBob = ["--as", "customer:\(DemoWorld.bob)"]
    let moveToBob = ["move-services", "1001", "--to-username", "bob@example.net", "--to-customer-id", "\(DemoWorld.bob)", "--yes"]

    /// A demo database where ALVO has the setting on and alice's 1001 waits for bob (move 1).
    func pendingDemo() throws -> DemoFixture {
        let demo = try DemoFixture()
        let set = try demo.cli.run(["--as", "reseller:1", "resellers", "set", "1", "--receiver-accepts", "on"])
        #expect(set.status == 0, "\(set.stderr)")
        #expect(set.stdout.hasPrefix("Reseller 1: moves of its customers' orders now wait for the receiving side to accept them"))
        let moved = try demo.cli.run(asAlice + moveToBob)
        #expect(moved.status == 0, "\(moved.stderr)")
        #expect(moved.stdout.hasPrefix("Move pending (move 1, transaction "))
        #expect(moved.stdout.contains("nothing has moved yet"))
        return demo
    }

    @Test func confirmLeavesTheOrderWithTheSenderUntilTheReceiverAccepts() throws {
        let demo = try pendingDemo()
        let shown = try demo.cli.run(asAlice + ["orders", "show", "1001"])   // still alice's, and says so
        #expect(shown.status == 0)
        #expect(shown.stdout.contains("  Move:        move pending to bob@example.net (Customer ID \(DemoWorld.bob)) until "))
        #expect(try demo.cli.run(asAlice + ["orders", "show", "1002", "--json"]).stdout.contains("\"pendingMove\" : 1"))
        #expect(!(try demo.cli.run(asAlice + ["orders", "show", "1003", "--json"]).stdout.contains("pendingMove")))
        let again = try demo.cli.run(asAlice + moveToBob)
        #expect(again.status == 1)
        #expect(again.stderr.contains("A move of order 1001 to Customer ID \(DemoWorld.bob) is pending (move 1"))
        let list = try demo.cli.run(asBob + ["moves", "list"])
        #expect(list.status == 0, "\(list.stderr)")
        #expect(list.stdout.contains("In (you accept or decline):"))
        #expect(list.stdout.contains("sunrise-bakery.com") && list.stdout.contains("alice@example.com") && list.stdout.contains("pending"))
        let json = try demo.cli.run(asAlice + ["moves", "list", "--json"])
        #expect(json.stdout.contains("\"allowed\" : [\n        \"cancel\"\n      ]"))
        let accepted = try demo.cli.run(asBob + ["moves", "accept", "1"])
        #expect(accepted.status == 0, "\(accepted.stderr)")
        #expect(accepted.stdout.hasPrefix("Move 1 accepted: order 1001 and its related services now belong to Customer ID \(DemoWorld.bob)"))
        #expect(accepted.stdout.contains("1002  Email Hosting  sunrise-bakery.com"))
        #expect(try demo.cli.run(asAlice + ["orders", "show", "1001"]).status == 3)
        #expect(try demo.cli.run(asBob + ["orders", "show", "1002"]).status == 0)
        let twice = try demo.cli.run(asBob + ["moves", "accept", "1"])
        #expect(twice.status == 1 && twice.stderr.contains("already accepted"))
    }

    @Test func exitCodesForTheWrongSideStrangersAndBadInput() throws {
        let demo = try pendingDemo()
        let sender = try demo.cli.run(asAlice + ["moves", "accept", "1"])
        #expect(sender.status == 1 && sender.stderr.contains("Only the receiving customer (Customer ID \(DemoWorld.bob)) or its reseller can accept this move."))
        let stranger = try demo.cli.run(["--as", "customer:\(DemoWorld.xavier)", "moves", "decline", "1"])
        #expect(stranger.status == 3 && stranger.stderr.contains("Pending move 1 not found."))
        #expect(try demo.cli.run(asBob + ["moves", "accept", "one"]).status == 2)
        #expect(try demo.cli.run(asBob + ["moves", "accept", "9"]).status == 3)
        let customerSetting = try demo.cli.run(asAlice + ["resellers", "set", "1", "--receiver-accepts", "off"])
        #expect(customerSetting.status == 1 && customerSetting.stderr.contains("ask your reseller"))
        #expect(try demo.cli.run(["--as", "operator", "resellers", "set", "1", "--receiver-accepts", "maybe"]).status == 2)
        let declined = try demo.cli.run(asBob + ["moves", "decline", "1", "--json"])
        #expect(declined.status == 0 && declined.stdout.contains("\"state\" : \"declined\""))
        #expect(try demo.cli.run(asAlice + ["orders", "show", "1001"]).status == 0)
    }

    @Test func aFailingRuleAtAcceptanceIsListedAndTheMoveStaysPending() throws {
        let demo = try pendingDemo()
        #expect(try demo.cli.run(["--as", "reseller:1", "orders", "suspend", "1001", "--reason", "unpaid"]).status == 0)
        let refused = try demo.cli.run(asBob + ["moves", "accept", "1"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("move 1 cannot be accepted now; it stays pending"))
        #expect(refused.stderr.contains("Attention: This order is suspended."))
        #expect(try demo.cli.run(asBob + ["moves", "list"]).stdout.contains("pending"))
        let cancelled = try demo.cli.run(asAlice + ["moves", "cancel", "1"])
        #expect(cancelled.status == 0 && cancelled.stdout.hasPrefix("Move 1 cancelled: order 1001 stays with Customer ID \(DemoWorld.alice)"))
    }

    @Test func jobsRunExpiresItAfterFiveDays() throws {
        let demo = try pendingDemo()
        let soon = Date().addingTimeInterval(4 * 86_400).formatted(Date.ISO8601FormatStyle().year().month().day())
        #expect(!(try demo.cli.run(["jobs", "run", "--now", soon]).stdout.contains("Move 1")))
        let later = Date().addingTimeInterval(6 * 86_400).formatted(Date.ISO8601FormatStyle().year().month().day())
        let run = try demo.cli.run(["jobs", "run", "--now", later])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("Move 1 of order 1001 to Customer ID \(DemoWorld.bob): expired, nothing moved."))
        #expect(!(try demo.cli.run(["jobs", "run", "--now", later]).stdout.contains("Move 1")))
        let all = try demo.cli.run(asAlice + ["moves", "list", "--all"])
        #expect(all.stdout.contains("expired"))
    }
}
