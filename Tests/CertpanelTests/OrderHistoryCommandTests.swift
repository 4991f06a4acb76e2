import Foundation
import Testing
import PanelModel
import PanelStore

@Suite struct OrderHistoryCommandTests {
    struct Event: Decodable { var at: Date; var kind: String; var text: String; var by: String; var transactionID: String? }
    struct Moved: Decodable { var transactionID: String }

    @Test func theHistoryOfAMovedOrderAsEachSideReadsIt() throws {
        let demo = try DemoFixture()
        let suspended = try demo.cli.run(["--as", "reseller:1", "orders", "suspend", "1001", "--reason", "chargeback review"])
        #expect(suspended.status == 0, "\(suspended.stderr)")
        #expect(try demo.cli.run(["--as", "reseller:1", "orders", "unsuspend", "1001", "--reason", "withdrawn"]).status == 0)
        let moved = try demo.cli.run(["--as", "customer:\(DemoWorld.alice)", "move-services", "1001", "--to-username", "bob@example.net",
                                      "--to-customer-id", "\(DemoWorld.bob)", "--yes", "--json"])
        #expect(moved.status == 0, "\(moved.stderr)")
        let transaction = try JSONDecoder.iso.decode(Moved.self, from: Data(moved.stdout.utf8)).transactionID

        // Bob: only the move that brought the order in, every key present, no source customer.
        let bob = try demo.cli.run(["--as", "customer:\(DemoWorld.bob)", "orders", "history", "1001", "--json"])
        #expect(bob.status == 0, "\(bob.stderr)")
        let events = try JSONDecoder.iso.decode([Event].self, from: Data(bob.stdout.utf8)).filter { $0.transactionID != nil }
        #expect(events.map(\.kind) == ["moved"])
        #expect(events.first?.transactionID == transaction)
        #expect(events.first?.text.contains("from another customer") == true)
        #expect(bob.stdout.contains("\"transactionID\" : null"))   // the invoices' events: the key is there, empty

        // ALVO: the whole story in a table, oldest first.
        let reseller = try demo.cli.run(["--as", "reseller:1", "orders", "history", "1001"])
        #expect(reseller.status == 0, "\(reseller.stderr)")
        let lines = reseller.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("WHEN (UTC)") == true)
        let kinds = lines.dropFirst().compactMap { line in ["Suspended", "Unsuspended", "Moved"].first { line.contains("  \($0)  ") } }
        #expect(kinds == ["Suspended", "Unsuspended", "Moved"])
        #expect(reseller.stdout.contains(transaction))

        // Alice no longer owns it; nobody's history of a missing order.
        let alice = try demo.cli.run(["--as", "customer:\(DemoWorld.alice)", "orders", "history", "1001"])
        #expect(alice.status == 3)
        #expect(alice.stderr.contains("1001"))
        #expect(try demo.cli.run(["--as", "operator", "orders", "history", "abc"]).status == 2)
    }
}
