import Foundation
import Testing
import PanelStore

/// `certpanel transfers list|cancel`: the API's lists and cancel on the command line, with
/// the exit codes of every command (0 ok, 1 refused, 2 bad usage, 3 not found).
@Suite struct TransfersCommandTests {
    struct Row: Decodable { var domain: String; var transferID: Int64; var status: String; var decided: Date? }
    struct Page: Decodable { var first: Int; var last: Int; var count: Int; var total: Int; var limit: Int; var requests: [Row] }

    func page(_ result: CLI.Result) throws -> Page {
        #expect(result.status == 0, "\(result.stderr)")
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(Page.self, from: Data(result.stdout.utf8))
    }

    @Test func theRequesterListsAndCancelsTheHolderCannot() throws {
        let demo = try DemoFixture()
        let incoming = try demo.cli.run(["--as", "reseller:2", "transfers", "list", "--incoming"])
        #expect(incoming.stdout.contains("blue-lagoon.net    pending"))
        #expect(incoming.stdout.hasSuffix("1-2 of 2\n"))

        let holder = try demo.cli.run(["--as", "reseller:2", "transfers", "cancel", "harbor-lights.com"])
        #expect(holder.status == 1)
        #expect(holder.stderr == "error: Only the reseller that requested the transfer of harbor-lights.com can cancel it; you hold the domain, so approve or deny it.\n")
        #expect(try demo.cli.run(["--as", "reseller:5", "transfers", "cancel", "harbor-lights.com"]).status == 3)
        #expect(try demo.cli.run(["--as", "customer:\(DemoWorld.alice)", "transfers", "list"]).status == 2)

        let cancel = try demo.cli.run(["--as", "reseller:1", "transfers", "cancel", "harbor-lights.com"])
        #expect(cancel.status == 0)
        #expect(cancel.stdout.hasPrefix("Internal transfer of harbor-lights.com cancelled (request 2, transaction "))
        let again = try demo.cli.run(["--as", "reseller:1", "transfers", "cancel", "harbor-lights.com"])
        #expect(again.status == 1 && again.stderr.contains("already cancelled"))

        let mine = try page(try demo.cli.run(["--as", "reseller:1", "transfers", "list", "--json"]))
        #expect(mine.requests.map(\.status) == ["CANCELLED"] && mine.requests.first?.decided != nil)
        // Reseller B no longer has harbor-lights.com to decide; --status all still shows it.
        #expect(try page(try demo.cli.run(["--as", "reseller:2", "transfers", "list", "--incoming", "--json"])).requests.map(\.transferID) == [3])
        let all = try page(try demo.cli.run(["--as", "reseller:2", "transfers", "list", "--incoming", "--status", "all", "--json"]))
        #expect(all.requests.map(\.transferID) == [3, 2])
    }

    @Test func pagingAndFiltersAreTheAPIs() throws {
        let demo = try DemoFixture()
        let second = try page(try demo.cli.run(["--as", "operator", "transfers", "list", "--first", "1", "--limit", "1", "--json"]))
        #expect(second.first == 1 && second.last == 1 && second.count == 1 && second.total == 3 && second.requests.map(\.transferID) == [2])
        let net = try page(try demo.cli.run(["--as", "reseller:2", "transfers", "list", "--incoming", "--domain", "*.net", "--json"]))
        #expect(net.requests.map(\.domain) == ["blue-lagoon.net"])
        let bad = try demo.cli.run(["--as", "reseller:1", "transfers", "list", "--status", "lost"])
        #expect(bad.status == 2 && bad.stderr.contains("use pending, completed, denied, timed_out, cancelled or all"))
        #expect(try demo.cli.run(["--as", "reseller:1", "transfers", "list", "--limit", "0"]).status == 2)
        let beyond = try demo.cli.run(["--as", "reseller:1", "transfers", "list", "--first", "5"])
        #expect(beyond.stdout == "No internal transfers from 6 on (1 in all).\n")
    }
}
