import Foundation
import GRDB
import Testing
import PanelModel
@testable import PanelStore

@Suite struct InvoicePaymentTests {
    let world: TemporaryDatabase
    var database: PanelDatabase { world.database }

    init() throws { world = try TemporaryDatabase.demo() }

    func invoice(_ number: String) throws -> Invoice {
        try #require(try database.invoices(for: .operator).first { $0.number == number })
    }

    @Test func onlyAnOperatorPaysAndOnlyPendingInvoices() throws {
        let alice = Principal.customer(CustomerID(DemoWorld.alice))
        #expect(throws: PanelError.refused("Only an operator can mark an invoice as paid. Pay it as the invoice says; it shows as paid once the payment has been received.")) {
            try database.payInvoice(number: "INV-000006", by: alice, now: TestClock.now)
        }
        #expect(throws: PanelError.refused("Only an operator can mark an invoice as paid. Ask an operator to record the payment (certpanel --as operator invoices pay NUMBER).")) {
            try database.payInvoice(number: "INV-000006", by: .reseller(ResellerID(1)), now: TestClock.now)
        }
        #expect(try invoice("INV-000006").status == .pending)
        #expect(throws: PanelError.notFound("Invoice INV-404 not found. Check the number with `certpanel invoices list`.")) {
            try database.payInvoice(number: "INV-404", by: .operator, now: TestClock.now)
        }

        let payment = try database.payInvoice(number: "INV-000006", by: .operator, now: TestClock.now)
        #expect(payment.invoice.status == .paid)
        #expect(payment.renewal == nil)                   // not linked as a renewal invoice yet
        #expect(try invoice("INV-000006").status == .paid)
        #expect(try invoice("INV-000006").paidAt == TestClock.now)
        #expect(try database.auditEntries(subject: "order:1008").first?.transactionID == payment.transactionID)

        #expect(throws: PanelError.refused("Invoice INV-000006 is already paid on \(TestClock.now.dayText); there is nothing to mark.")) {
            try database.payInvoice(number: "INV-000006", by: .operator, now: TestClock.now)
        }
        let credited = try #require(try database.invoices(for: .operator).first { $0.status == .credited })
        #expect(throws: PanelError.refused("Invoice \(credited.number) is credited, so it cannot be paid. Pay the invoice that replaced it (see certpanel invoices list).")) {
            try database.payInvoice(number: credited.number, by: .operator, now: TestClock.now)
        }
        try database.write { db in try db.execute(sql: "UPDATE invoices SET status = 'cancelled' WHERE number = 'INV-000001'") }
        #expect(throws: PanelError.refused("Invoice INV-000001 is cancelled, so it cannot be paid. Pay the order's current invoice (see certpanel invoices list).")) {
            try database.payInvoice(number: "INV-000001", by: .operator, now: TestClock.now)
        }
    }

    @Test func invoiceListsAreScoped() throws {
        let alices = try database.invoices(for: .customer(CustomerID(DemoWorld.alice)))
        #expect(!alices.isEmpty)
        #expect(alices.allSatisfy { $0.customerID == CustomerID(DemoWorld.alice) })
        let bobs = try database.invoices(for: .customer(CustomerID(DemoWorld.bob)))
        #expect(bobs.map(\.orderID) == [OrderID(1101)])
        let resellerB = try database.invoices(for: .reseller(ResellerID(2)))
        #expect(!resellerB.contains { $0.customerID == CustomerID(DemoWorld.alice) })
        #expect(try database.invoices(for: .operator).count > alices.count + bobs.count)
    }
}
