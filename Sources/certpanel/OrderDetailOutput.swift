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
    /// The registrable domain the related services are grouped by.
    var registrableDomain: String
    /// Move Services before the form: every order-side blocker with its fix, what moves,
    /// what stays, and what the form will check about the new customer.
    var movePreflight: PreflightJSON

    struct PreflightJSON: Encodable {
        var movable: Bool
        var problems: [ProblemJSON]
        var moves: [OrderID]
        var stays: [OrderID]
        var targetChecks: [String]
    }

    struct ProblemJSON: Encodable {
        var kind: String
        var label: String
        var problem: String
        var fix: String
        var message: String
    }

    struct CustomerJSON: Encodable {
        var id: CustomerID
        var username: EmailAddress
        var name: String
        var status: CustomerStatus
    }

    init(_ detail: OrderDetail, as principal: Principal, now: Date = Date()) {
        order = detail.order
        domainUnicode = detail.order.domain.unicode
        customer = CustomerJSON(id: detail.customer.id, username: detail.customer.username, name: detail.customer.name,
                                status: detail.customer.status)
        reseller = detail.reseller.name
        contacts = Dictionary(uniqueKeysWithValues: detail.contacts.map { ($0.key.rawValue, $0.value) })
        certificate = detail.certificate
        invoices = detail.invoices
        relatedServices = detail.relatedServices
        registrableDomain = detail.registrableDomain
        let snapshot = detail.moveSnapshot(actingAs: principal)
        let problems = detail.movePreflight(actingAs: principal, now: now)
        movePreflight = PreflightJSON(
            movable: problems.isEmpty,
            problems: problems.map { ProblemJSON(kind: $0.kind.rawValue, label: $0.shortLabel, problem: $0.statement, fix: $0.fix, message: $0.message) },
            moves: snapshot.movingServices.map(\.id), stays: snapshot.stayingServices.map(\.id),
            targetChecks: MoveServicesPolicy.targetConditions(snapshot))
    }
}

/// The text of `orders show`.
enum OrderDetailText {
    static func print(_ detail: OrderDetail, as principal: Principal, now: Date = Date(), movePending: String? = nil) {
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
        Output.line("Related services on \(detail.registrableDomainUnicode)")
        if detail.relatedServices.isEmpty { Output.line("  none") }
        for related in detail.relatedServices {
            let name = related.domain.ascii == detail.registrableDomain ? "" : "  \(related.domain.unicode)"
            Output.line("  \(related.id)  \(related.product.displayName)\(name)  \(related.status.displayName)\(related.processingAction.map { " (processing: \($0))" } ?? "")")
        }
        printPreflight(detail, as: principal, now: now)
    }

    /// The same pre-flight list as Order Details: each blocker, then its fix.
    static func printPreflight(_ detail: OrderDetail, as principal: Principal, now: Date) {
        let snapshot = detail.moveSnapshot(actingAs: principal)
        let problems = detail.movePreflight(actingAs: principal, now: now)
        let moving = snapshot.movingServices.map { "\($0.id) \($0.product.displayName)" }.joined(separator: ", ")
        if problems.isEmpty {
            Output.line("Move Services: nothing on this order stops a move")
            Output.line("  Moves together: \(moving)")
        } else {
            Output.line("Move Services: \(problems.count) to fix before moving")
            for problem in problems {
                Output.line("  ✗ \(problem.statement)")
                if !problem.fix.isEmpty { Output.line("    Fix: \(problem.fix)") }
            }
        }
        let staying = snapshot.stayingServices
        if !staying.isEmpty {
            Output.line("  Stays until moved next (a Domain order moves on its own): \(staying.map { "\($0.id) \($0.product.displayName)" }.joined(separator: ", "))")
        }
        for condition in MoveServicesPolicy.targetConditions(snapshot) { Output.line("  The form checks: \(condition)") }
    }
}
