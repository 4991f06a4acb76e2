import Foundation
import Testing
@testable import PanelModel

@Suite struct OrderHistoryTests {
    let bob = Principal.customer(CustomerID(100_002))

    func entry(_ action: String, _ summary: String, by principal: String = "customer:100001", at seconds: Double = 0) -> AuditEntry {
        AuditEntry(id: 1, transactionID: "e2ca01ad7135e787a5e97ad5b421ed74", principal: principal, action: action, subject: "order:1001",
                   summary: summary, at: Date(timeIntervalSince1970: 1_795_000_000 + seconds))
    }

    static let move = "moved Digital Certificate 1001, Email Hosting 1002 of sunrise-bakery.com from customer 100001 to customer 100002 (contacts retained)"

    @Test func aMoveNamesItsSourceOnlyToAViewerWhoMaySeeIt() {
        let hidden = OrderHistory.event(entry("order.move", Self.move), viewer: .init(principal: bob, canSeeFromCustomer: false))
        #expect(hidden.kind == .moved)
        #expect(hidden.text == "moved Digital Certificate 1001, Email Hosting 1002 of sunrise-bakery.com from another customer to customer 100002 (contacts retained)")
        #expect(hidden.by == "another customer")
        // What stayed behind with the sender is the sender's business.
        let domainMove = "moved Domain 1019 of euro-parts.eu from customer 100001 to customer 100002 (contacts retained); Digital Certificate 1018 stays until moved on its own"
        #expect(OrderHistory.withoutFromCustomer(domainMove) == "moved Domain 1019 of euro-parts.eu from another customer to customer 100002 (contacts retained)")
        #expect(hidden.transactionID == "e2ca01ad7135e787a5e97ad5b421ed74")
        let shown = OrderHistory.event(entry("order.move", Self.move), viewer: .init(principal: .reseller(ResellerID(1)), canSeeFromCustomer: true))
        #expect(shown.text == Self.move)
        #expect(shown.by == "customer:100001")
    }

    @Test func aCustomerReadsWhoActedInItsOwnTerms() {
        let viewer = OrderHistory.Viewer(principal: bob, canSeeFromCustomer: true)
        #expect(OrderHistory.event(entry("order.suspend", "active → suspended: chargeback", by: "reseller:1"), viewer: viewer).by == "your reseller")
        #expect(OrderHistory.event(entry("certificate.csr", "CSR accepted", by: "customer:100002"), viewer: viewer).by == "you")
        #expect(OrderHistory.event(entry("certificate.expired", "issued → expired", by: "operator"), viewer: viewer).by == "operator")
        // A transfer request names the other reseller and its customer: not to a customer.
        let request = entry("transfer.request", "harbor-lights.com from reseller 2 to customer 100002 of reseller 1, without auth code, NORENEW=0")
        #expect(OrderHistory.event(request, viewer: viewer).text == "internal transfer to another reseller requested")
        #expect(OrderHistory.event(request, viewer: .init(principal: .operator, canSeeFromCustomer: true)).text == request.summary)
    }

    @Test func auditActionsHaveTheirKinds() {
        let kinds = ["order.move", "order.suspend", "order.unsuspend", "certificate.csr", "certificate.renewal_csr", "certificate.issued",
                     "certificate.reissue", "certificate.renewal_window", "certificate.renewed", "certificate.expired", "push",
                     "invoice.paid", "transfer.request", "transfer.deadline", "certificate.dcv_method", "certificate.validation",
                     "certificate.reminder", "move.request", "move.accept", "ssh.key.add"].map(OrderHistoryEvent.Kind.init(auditAction:))
        #expect(kinds == [.moved, .suspended, .unsuspended, .csr, .csr, .issued, .reissue, .renewalWindow, .renewed, .expired, .push,
                          .invoicePaid, .transfer, .transfer, .validation, .validation, .reminder, .pendingMove, .pendingMove, .other])
    }

    @Test func eventsAreMergedInTimeOrderKeepingTheGivenOrderForTies() {
        func event(_ text: String, _ seconds: Double) -> OrderHistoryEvent {
            OrderHistoryEvent(at: Date(timeIntervalSince1970: seconds), kind: .other, text: text, by: "system", transactionID: nil)
        }
        let merged = OrderHistory.merged([event("a1", 10), event("a2", 30)], [event("i1", 20), event("i2", 30)], [event("n1", 5)])
        #expect(merged.map(\.text) == ["n1", "a1", "i1", "a2", "i2"])
    }

    @Test func anInvoicePaidWithoutAnAuditEntryStillShowsItsPayment() throws {
        let issued = Date(timeIntervalSince1970: 1_790_000_000)
        let invoice = Invoice(number: "INV-1", orderID: OrderID(1001), customerID: CustomerID(100_001), amount: try Money(minorUnits: 1_200, currency: "EUR"),
                              status: .paid, issuedAt: issued, dueAt: issued.addingTimeInterval(10 * 86_400), paidAt: issued.addingTimeInterval(86_400))
        #expect(OrderHistory.events(of: invoice, paymentAudited: false).map(\.kind) == [.invoiceIssued, .invoicePaid])
        #expect(OrderHistory.events(of: invoice, paymentAudited: true).map(\.kind) == [.invoiceIssued])
    }
}
