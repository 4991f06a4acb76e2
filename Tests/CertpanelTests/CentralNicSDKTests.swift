import Foundation
import Testing
import PanelStore
import TestSupport

/// `certpanel api` driven by a client no one here wrote: the official CentralNic Reseller
/// Python SDK (centralnicreseller-apiconnector 6.0.0, installed by scripts/install-deps),
/// through scripts/cnr-sdk-bridge. The SDK builds each command (sorted upper-case KEY=value
/// lines) and parses each answer; these tests assert on what it parsed. Without the SDK the
/// bridge exits 3 and every test here fails.
struct CentralNicSDK {
    let demo: DemoFixture

    struct Call: Encodable {
        var `as`: String
        var command: [String: String]
        var mode = "request"
    }

    /// One answer as the SDK's `Response` read it.
    struct Page: Decodable {
        var code: Int
        var description: String
        var columns: [String]
        var records: [[String: String]]
        var totalCount: Int
        var limit: Int
        var firstIndex: Int?
        var lastIndex: Int?
        var currentPage: Int?
        var pages: Int
        var hasNextPage: Bool
        var hasPreviousPage: Bool
        var isSuccess: Bool
        var isError: Bool
        var plain: String

        /// The first record's value for a column (the row of a single-object answer).
        subscript(column: String) -> String? { records.first?[column] }
        /// A column's values across the rows.
        func column(_ name: String) -> [String] { records.compactMap { $0[name] } }
    }

    static var script: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../scripts/cnr-sdk-bridge").standardized
    }

    /// Runs the calls in order, each through the SDK; returns each call's pages.
    func run(_ calls: [Call]) throws -> [[Page]] {
        let input = String(decoding: try JSONEncoder().encode(calls), as: UTF8.self)
        let result = try Program.run("python3", [Self.script.path, CLI.binary.path, demo.cli.databasePath], stdin: input)
        guard result.status == 0 else {
            throw Program.Failure("scripts/cnr-sdk-bridge exited \(result.status): \(result.stderr)")
        }
        return try JSONDecoder().decode([[Page]].self, from: Data(result.stdout.utf8))
    }

    /// One plain request.
    func request(_ principal: String, _ command: [String: String]) throws -> Page {
        try #require(try run([Call(as: principal, command: command)]).first?.first)
    }
}

@Suite struct CentralNicSDKTests {
    @Test func statusTransferApproveDenyAndModifyRegistrarParseAsColumns() throws {
        let sdk = CentralNicSDK(demo: try DemoFixture())
        let results = try sdk.run([
            .init(as: "reseller:2", command: ["COMMAND": "StatusDomainTransfer", "DOMAIN": "harbor-lights.com"]),
            .init(as: "reseller:1", command: ["COMMAND": "TransferDomain", "DOMAIN": "olive-grove.com", "ACTION": "usertransfer",
                                               "CUSTOMER": String(DemoWorld.bob), "AUTH": "olive-auth", "NORENEW": "1"]),
            .init(as: "reseller:2", command: ["COMMAND": "TransferDomain", "DOMAIN": "harbor-lights.com", "ACTION": "APPROVE"]),
            .init(as: "reseller:2", command: ["COMMAND": "TransferDomain", "DOMAIN": "olive-grove.com", "ACTION": "DENY"]),
            .init(as: "reseller:1", command: ["COMMAND": "ModifyRegistrar", "INTERNAL-TRANSFER-RENEW": "REGISTRY"]),
        ]).map { try #require($0.first) }
        let status = results[0]
        #expect(status.code == 200 && status.description == "Command completed successfully" && status.isSuccess)
        #expect(status.columns == ["DOMAIN", "TRANSFERID", "STATUS", "AUTHCODE", "NORENEW", "DEADLINE"])
        #expect(status["DOMAIN"] == "harbor-lights.com" && status["TRANSFERID"] == "2" && status["STATUS"] == "PENDING")
        #expect(status["AUTHCODE"] == "0" && status["NORENEW"] == "0")
        #expect(status["DEADLINE"].flatMap { try? Date.ISO8601FormatStyle().parse($0) } != nil)
        #expect(status.totalCount == 1 && !status.hasNextPage)

        let request = results[1]
        #expect(request.code == 200 && request["STATUS"] == "PENDING" && request["AUTHCODE"] == "1" && request["NORENEW"] == "1")
        #expect(request["TRANSFERID"] == "4" && request["TRANSACTIONID"]?.isEmpty == false)
        #expect(results[2]["STATUS"] == "COMPLETED" && results[2]["RENEWED"] == "1")
        #expect(results[3]["STATUS"] == "DENIED" && results[3]["RENEWED"] == "0")
        #expect(results[4].code == 200 && results[4]["INTERNAL-TRANSFER-RENEW"] == "REGISTRY")
        #expect(results[4]["TRANSACTIONID"]?.isEmpty == false)
    }

    @Test func theRequesterCancelsAPendingRequestAndItIsAudited() throws {
        let sdk = CentralNicSDK(demo: try DemoFixture())
        let results = try sdk.run([
            .init(as: "reseller:1", command: ["COMMAND": "TransferDomain", "DOMAIN": "harbor-lights.com", "ACTION": "CANCEL"]),
            .init(as: "reseller:2", command: ["COMMAND": "StatusDomainTransfer", "DOMAIN": "harbor-lights.com"]),
            // Cancelled, the domain is free to be asked for again.
            .init(as: "reseller:1", command: ["COMMAND": "TransferDomain", "DOMAIN": "harbor-lights.com", "ACTION": "USERTRANSFER",
                                               "CUSTOMER": String(DemoWorld.bob)]),
        ]).map { try #require($0.first) }
        #expect(results[0].code == 200 && results[0]["STATUS"] == "CANCELLED" && results[0]["TRANSFERID"] == "2")
        let transaction = try #require(results[0]["TRANSACTIONID"])
        #expect(results[1]["STATUS"] == "CANCELLED")
        #expect(results[2].code == 200 && results[2]["STATUS"] == "PENDING" && results[2]["TRANSFERID"] == "4")
        // The domain did not move, and the cancellation is in the audit log under its transaction.
        #expect(try sdk.demo.cli.run(["--as", "customer:\(DemoWorld.xavier)", "orders", "show", "2002"]).status == 0)
        let audit = try Program.succeed("sqlite3", [sdk.demo.cli.databasePath,
            "SELECT principal, action, subject, summary FROM audit_log WHERE transaction_id = '\(transaction)'"])
        #expect(audit == "reseller:1|transfer.cancel|transfer:2|harbor-lights.com: cancelled\n")
    }

    @Test func refusalsComeBackAsErrorsTheSDKReads() throws {
        let sdk = CentralNicSDK(demo: try DemoFixture())
        let cancel = { (domain: String) in ["COMMAND": "TransferDomain", "DOMAIN": domain, "ACTION": "cancel"] }
        let results = try sdk.run([
            .init(as: "reseller:1", command: cancel("no-such-domain.com")),                    // unknown domain
            .init(as: "reseller:6", command: cancel("harbor-lights.com")),                     // another reseller's request
            .init(as: "reseller:2", command: cancel("harbor-lights.com")),                     // the holder
            .init(as: "reseller:1", command: ["COMMAND": "TransferDomain", "DOMAIN": "harbor-lights.com", "ACTION": "approve"]),
            .init(as: "reseller:1", command: cancel("harbor-lights.com")),
            .init(as: "reseller:1", command: cancel("harbor-lights.com")),                     // now decided
            .init(as: "reseller:1", command: ["COMMAND": "TransferDomain", "DOMAIN": "harbor-lights.com", "ACTION": "withdraw"]),
            .init(as: "customer:\(DemoWorld.alice)", command: ["COMMAND": "QueryTransferList"]),
            .init(as: "reseller:1", command: ["COMMAND": "QueryTransferList", "STATUS": "LOST"]),
            .init(as: "reseller:1", command: ["COMMAND": "QueryTransferList", "LIMIT": "0"]),
        ]).map { try #require($0.first) }
        #expect(results[0].code == 545 && results[0].isError)
        #expect(results[0].description == "No internal transfer of no-such-domain.com found for your account.")
        #expect(results[1].code == 545 && results[1].description == "No internal transfer of harbor-lights.com found for your account.")
        #expect(results[2].code == 549)
        #expect(results[2].description == "Only the reseller that requested the transfer of harbor-lights.com can cancel it; you hold the domain, so approve or deny it.")
        #expect(results[3].code == 549)
        #expect(results[3].description == "Only the reseller holding harbor-lights.com can approve or deny its transfer; you requested it, so you can cancel it while it is pending.")
        #expect(results[4].code == 200 && results[4]["STATUS"] == "CANCELLED")
        #expect(results[5].code == 549 && results[5].description == "This transfer request is already cancelled; nothing more can be done with it.")
        #expect(results[6].code == 505 && results[6].description == "action withdraw is not supported; use usertransfer, approve, deny or cancel")
        #expect(results[7].code == 505 && results[7].description == "internal transfers belong to reseller accounts: act as reseller:ID")
        #expect(results[8].code == 505 && results[8].description == "STATUS must be PENDING, COMPLETED, DENIED, TIMED_OUT or CANCELLED (or ALL), not \"LOST\"")
        #expect(results[9].code == 505 && results[9].description == "LIMIT must be a whole number from 1 to 1000, not \"0\"")
        #expect(results.allSatisfy { $0.records.isEmpty || $0.code == 200 })
    }

    @Test func listsPageThroughTheSDKAndAreScopedByReseller() throws {
        let sdk = CentralNicSDK(demo: try DemoFixture())
        // ALVO asks for olive-grove.com and withdraws it six times: six cancelled requests
        // (ids 4-9) besides its pending harbor-lights.com (2): seven in all.
        var seeding: [CentralNicSDK.Call] = []
        for _ in 0..<6 {
            seeding.append(.init(as: "reseller:1", command: ["COMMAND": "TransferDomain", "DOMAIN": "olive-grove.com", "ACTION": "usertransfer",
                                                             "CUSTOMER": String(DemoWorld.bob)]))
            seeding.append(.init(as: "reseller:1", command: ["COMMAND": "TransferDomain", "DOMAIN": "olive-grove.com", "ACTION": "cancel"]))
        }
        #expect(try sdk.run(seeding).allSatisfy { $0.first?.code == 200 })

        let results = try sdk.run([
            .init(as: "reseller:1", command: ["COMMAND": "QueryTransferList", "LIMIT": "3"], mode: "all"),
            .init(as: "reseller:2", command: ["COMMAND": "QueryForeignTransferList", "LIMIT": "1"], mode: "next"),
            .init(as: "reseller:2", command: ["COMMAND": "QueryForeignTransferList", "STATUS": "cancelled", "DOMAIN": "olive-grove.com"]),
            .init(as: "reseller:2", command: ["COMMAND": "QueryForeignTransferList", "STATUS": "ALL", "DOMAIN": "*.net"]),
            .init(as: "reseller:5", command: ["COMMAND": "QueryTransferList"]),
            .init(as: "reseller:1", command: ["COMMAND": "QueryTransferList", "FIRST": "50"]),
        ])
        // requestAllResponsePages: three pages of 3, 3 and 1, newest first, each request once.
        let pages = results[0]
        #expect(pages.count == 3)
        #expect(pages.map { $0.column("TRANSFERID") } == [["9", "8", "7"], ["6", "5", "4"], ["2"]])
        #expect(pages.allSatisfy { $0.totalCount == 7 && $0.limit == 3 && $0.pages == 3 })
        #expect(pages.map(\.currentPage) == [1, 2, 3])
        #expect(pages.map(\.hasNextPage) == [true, true, false])
        #expect(pages.map(\.hasPreviousPage) == [false, true, true])
        #expect(pages.map(\.firstIndex) == [0, 3, 6] && pages.map(\.lastIndex) == [2, 5, 6])
        #expect(pages[2]["DOMAIN"] == "harbor-lights.com" && pages[2]["STATUS"] == "PENDING" && pages[2]["LOSINGRESELLER"] == "2")
        #expect(pages[0].column("STATUS") == ["CANCELLED", "CANCELLED", "CANCELLED"])
        #expect(pages[0].column("DECIDEDDATE").allSatisfy { !$0.isEmpty } && pages[2]["DECIDEDDATE"] == "")

        // The foreign list: what awaits Reseller B's decision (harbor-lights.com, blue-lagoon.net),
        // one per page through requestNextResponsePage.
        let foreign = results[1]
        #expect(foreign.map { $0.column("DOMAIN") } == [["blue-lagoon.net"], ["harbor-lights.com"]])
        #expect(foreign.map(\.totalCount) == [2, 2] && foreign.map(\.hasNextPage) == [true, false])
        #expect(foreign[0]["GAININGRESELLER"] == "5" && foreign[1]["GAININGRESELLER"] == "1")

        let filtered = try #require(results[2].first)
        #expect(filtered.totalCount == 6 && filtered.column("TRANSFERID") == ["9", "8", "7", "6", "5", "4"])
        #expect(try #require(results[3].first).column("DOMAIN") == ["blue-lagoon.net"])
        // Keystone asked only for blue-lagoon.net; it sees none of ALVO's requests.
        let keystone = try #require(results[4].first)
        #expect(keystone.column("TRANSFERID") == ["3"] && keystone.totalCount == 1)
        // Past the end: no rows, the total still told.
        let past = try #require(results[5].first)
        #expect(past.code == 200 && past.records.count == 1 && past.column("DOMAIN").isEmpty && past.totalCount == 7)
    }
}
