import Foundation
import PanelModel
import PanelStore

/// The JSON shape of `orders show --json`.
struct OrderDetailJSON: Encodable {
    var order: Order
    var domainUnicode: String
    var customer: CustomerJSON
    var reseller: String
    var contacts: [String: Contact]
    var certificate: CertificateDetails?
    var invoices: [Invoice]
    var relatedServices: [Order]
    /// The pending move the order waits in (docs/moves.md), absent when none.
    var pendingMove: PendingMoveID? = nil

    struct CustomerJSON: Encodable {
        var id: CustomerID
        var username: EmailAddress
        var name: String
        var status: CustomerStatus
    }

    init(_ detail: OrderDetail) {
        order = detail.order
        domainUnicode = detail.order.domain.unicode
        customer = CustomerJSON(id: detail.customer.id, username: detail.customer.username, name: detail.customer.name,
                                status: detail.customer.status)
        reseller = detail.reseller.name
        contacts = Dictionary(uniqueKeysWithValues: detail.contacts.map { ($0.key.rawValue, $0.value) })
        certificate = detail.certificate
        invoices = detail.invoices
        relatedServices = detail.relatedServices
    }
}

/// The text of `orders show`.
enum OrderDetailText {
    static func print(_ detail: OrderDetail, movePending: String? = nil) {
        let order = detail.order
        let domain = order.domain.isInternationalized ? "\(order.domain.unicode) (\(order.domain.ascii))" : order.domain.ascii
        Output.line("Order \(order.id): \(order.product.displayName) for \(domain)")
        Output.line("  Status:      \(order.status.displayName)\(order.processingAction.map { " (processing: \($0))" } ?? "")")
        if let movePending { Output.line("  Move:        \(movePending)") }
        Output.line("  Created:     \(Output.date(order.createdAt))    Expires: \(Output.date(order.expiresAt))")
        if let moneyBack = order.moneyBackUntil { Output.line("  Money back:  until \(Output.date(moneyBack))") }
        Output.line("  Lock:        \(order.transferLock ? "transfer lock on" : "no transfer lock")")
        Output.line("  Customer:    \(detail.customer.name) <\(detail.customer.username)> (Customer ID \(detail.customer.id)), reseller \(detail.reseller.name)")
        Output.line("Contacts")
        for role in ContactRole.allCases {
            guard let contact = detail.contacts[role] else {
                Output.line("  \(role.rawValue.padding(toLength: 11, withPad: " ", startingAt: 0))-")
                continue
            }
            let extra = contact.isCEDContact ? ", CED contact" : ""
            Output.line("  \(role.rawValue.padding(toLength: 11, withPad: " ", startingAt: 0))\(contact.handle) \(contact.name), \(contact.country)\(extra)")
        }
        if let certificate = detail.certificate {
            Output.line("Certificate")
            Output.line("  \(certificate.type.displayName), \(certificate.state.displayName)\(certificate.validTo.map { ", valid until \(Output.date($0))" } ?? "")")
            if !certificate.additionalNames.isEmpty { Output.line("  Also covers: \(certificate.additionalNames.joined(separator: ", "))") }
        }
        Output.line("Invoices")
        if detail.invoices.isEmpty { Output.line("  none") }
        for invoice in detail.invoices {
            Output.line("  \(invoice.number)  \(invoice.amount)  \(invoice.status.rawValue)  due \(Output.date(invoice.dueAt))")
        }
        Output.line("Related services")
        if detail.relatedServices.isEmpty { Output.line("  none") }
        for related in detail.relatedServices {
            Output.line("  \(related.id)  \(related.product.displayName)  \(related.status.displayName)\(related.processingAction.map { " (processing: \($0))" } ?? "")")
        }
    }
}
