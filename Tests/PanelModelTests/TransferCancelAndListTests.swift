import Foundation
import Testing
@testable import PanelModel

@Suite struct TransferCancelAndListTests {
    static let request = InternalTransferRequest(id: TransferRequestID(7), domain: try! DomainName("harbor-lights.com"), orderID: OrderID(2002),
                                                 fromResellerID: ResellerID(2), toResellerID: ResellerID(1), withAuthCode: false, noRenew: false,
                                                 requestedAt: Date(timeIntervalSince1970: 0))

    @Test func whoMayDoWhat() throws {
        let request = Self.request
        let holder = Principal.reseller(ResellerID(2)), requester = Principal.reseller(ResellerID(1))
        try request.checkAllowed(.approve, by: holder)
        try request.checkAllowed(.deny, by: .operator)
        try request.checkAllowed(.cancel, by: requester)
        #expect(throws: PanelError.self) { try request.checkAllowed(.approve, by: requester) }
        #expect(throws: PanelError.self) { try request.checkAllowed(.cancel, by: holder) }
        #expect(throws: PanelError.self) { try request.checkAllowed(.cancel, by: .operator) }
        // Not a party: the same not-found as for a domain without any request.
        for stranger in [Principal.reseller(ResellerID(5)), .customer(CustomerID(100001))] {
            #expect(throws: InternalTransferRequest.notFound(request.domain)) { try request.checkAllowed(.cancel, by: stranger) }
            #expect(throws: InternalTransferRequest.notFound(request.domain)) { try request.checkAllowed(.approve, by: stranger) }
        }
        #expect(try InternalTransferState.pending.applying(.cancel) == .cancelled)
        #expect(throws: PanelError.refused("This transfer request is already timed out; nothing more can be done with it.")) {
            try InternalTransferState.timedOut.applying(.cancel)
        }
    }

    @Test func oneVocabularyForTheAPIThePanelAndTheCommandLine() {
        #expect(InternalTransferState.allCases.map(\.apiValue) == ["PENDING", "COMPLETED", "DENIED", "TIMED_OUT", "CANCELLED"])
        #expect(InternalTransferState.allCases.map(\.label) == ["pending", "completed", "denied", "timed out", "cancelled"])
        for state in InternalTransferState.allCases {
            #expect(InternalTransferState(apiValue: state.apiValue) == state)
            #expect(InternalTransferState(apiValue: state.label) == state)
        }
        #expect(InternalTransferState(apiValue: "LOST") == nil)
    }

    @Test func listQueriesFromAPIParameters() throws {
        let requested = try TransferListQuery(direction: .requested, command: SeedAPICommand(parsing: ["command=QueryTransferList"]))
        #expect(requested == TransferListQuery(direction: .requested, state: nil, first: 0, limit: 100))
        let foreign = try TransferListQuery(direction: .foreign, command: SeedAPICommand(parsing: ["command=QueryForeignTransferList"]))
        #expect(foreign.state == .pending)             // awaiting the reseller's decision
        let all = try TransferListQuery(direction: .foreign, command: SeedAPICommand(parsing: ["STATUS=all", "FIRST=20", "LIMIT=10", "DOMAIN=*.COM"]))
        #expect(all == TransferListQuery(direction: .foreign, domainPattern: "*.com", state: nil, first: 20, limit: 10))
        let idn = try TransferListQuery(direction: .requested, command: SeedAPICommand(parsing: ["DOMAIN=東京ラーメン.jp", "STATUS=timed out"]))
        #expect(idn.domainPattern?.hasPrefix("xn--") == true && idn.state == .timedOut)
        for bad in ["LIMIT=1001", "LIMIT=0", "FIRST=-1", "FIRST=x", "STATUS=LOST", "DOMAIN=%.com", "DOMAIN=a_b*"] {
            #expect(throws: PanelError.self, "\(bad)") { try TransferListQuery(direction: .requested, command: SeedAPICommand(parsing: [bad])) }
        }
    }

    @Test func pagesKnowWhereTheyLie() {
        let page = TransferListPage(requests: [Self.request, Self.request], first: 4, limit: 2, total: 7)
        #expect(page.count == 2 && page.last == 5 && page.hasNextPage)
        let lastPage = TransferListPage(requests: [Self.request], first: 6, limit: 2, total: 7)
        #expect(lastPage.last == 6 && !lastPage.hasNextPage)
        #expect(TransferListPage(requests: [], first: 0, limit: 2, total: 0).last == -1)
    }

    @Test func aRepeatedPropertyIsAColumnNumberedPerRow() {
        let text = SeedAPIResponse.keyValue(code: 200, description: "Command completed successfully",
                                            properties: [("DOMAIN", "a.com"), ("STATUS", "PENDING"), ("DOMAIN", "b.com"), ("STATUS", "DENIED"), ("TOTAL", "2")])
        #expect(text == """
            [RESPONSE]
            code = 200
            description = Command completed successfully
            property[DOMAIN][0] = a.com
            property[STATUS][0] = PENDING
            property[DOMAIN][1] = b.com
            property[STATUS][1] = DENIED
            property[TOTAL][0] = 2
            EOF
            """)
    }
}
