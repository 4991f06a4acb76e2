import Foundation

/// One thing that happened to an order: when, what, by whom, and the transaction that did it.
public struct OrderHistoryEvent: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case moved, pendingMove = "pending-move", suspended, unsuspended, csr, validation, reminder, issued, reissue, renewalWindow = "renewal-window", renewed, expired
        case transfer, push, invoiceIssued = "invoice-issued", invoicePaid = "invoice-paid", notice, other

        /// The word a person reads in the history's first column.
        public var label: String {
            switch self {
            case .moved: "Moved"
            case .pendingMove: "Move pending"
            case .suspended: "Suspended"
            case .unsuspended: "Unsuspended"
            case .csr: "CSR"
            case .validation: "Validation"
            case .reminder: "Reminder"
            case .issued: "Issued"
            case .reissue: "Reissue"
            case .renewalWindow: "Renewal due"
            case .renewed: "Renewed"
            case .expired: "Expired"
            case .transfer: "Transfer"
            case .push: "Push"
            case .invoiceIssued: "Invoice"
            case .invoicePaid: "Paid"
            case .notice: "Notice"
            case .other: "Other"
            }
        }

        /// The kind of an audit entry's action (`order.move`, `certificate.issued`, …).
        public init(auditAction action: String) {
            self = switch action {
            case "order.move": .moved
            case let other where other.hasPrefix("move."): .pendingMove
            case "order.suspend": .suspended
            case "order.unsuspend": .unsuspended
            case "certificate.csr", "certificate.renewal_csr": .csr
            case "certificate.issued": .issued
            case "certificate.dcv_method", "certificate.validation": .validation
            case "certificate.reminder": .reminder
            case "certificate.reissue": .reissue
            case "certificate.renewal_window": .renewalWindow
            case "certificate.renewed": .renewed
            case "certificate.expired": .expired
            case "push": .push
            case "invoice.paid": .invoicePaid
            case let other where other.hasPrefix("transfer."): .transfer
            default: .other
            }
        }
    }

    public var at: Date
    public var kind: Kind
    public var text: String
    /// Who did it, as the viewer may know it ("you", "your reseller", "reseller:1", "system").
    public var by: String
    /// The transaction that made the change; nil for records kept outside the audit log
    /// (an invoice's issue, a notice).
    public var transactionID: String?

    public init(at: Date, kind: Kind, text: String, by: String, transactionID: String?) {
        self.at = at
        self.kind = kind
        self.text = text
        self.by = by
        self.transactionID = transactionID
    }
}

/// The rules of an order's history: whose events a viewer reads and how an audit entry is told
/// to them. Each event belongs to the account the order was in when it happened; a customer
/// reads the events of its own account (so the move that brought an order in, never what the
/// previous owner did), a reseller those of its customers, an operator all. What names another
/// party (the customer an order came from, the other side of a transfer) is said without the
/// name to a viewer who may not see that party.
public enum OrderHistory {
    /// Who reads the history, and whether the customer an order was moved from is theirs to see.
    public struct Viewer: Sendable, Equatable {
        public var principal: Principal
        public var canSeeFromCustomer: Bool

        public init(principal: Principal, canSeeFromCustomer: Bool) {
            self.principal = principal
            self.canSeeFromCustomer = canSeeFromCustomer
        }

        var isCustomer: Bool { if case .customer = principal { true } else { false } }
    }

    /// An audit entry as the viewer reads it.
    public static func event(_ entry: AuditEntry, viewer: Viewer) -> OrderHistoryEvent {
        let kind = OrderHistoryEvent.Kind(auditAction: entry.action)
        return OrderHistoryEvent(at: entry.at, kind: kind, text: text(of: entry, kind: kind, viewer: viewer),
                                 by: actor(entry.principal, viewer: viewer), transactionID: entry.transactionID)
    }

    static func text(of entry: AuditEntry, kind: OrderHistoryEvent.Kind, viewer: Viewer) -> String {
        switch kind {
        case .moved where !viewer.canSeeFromCustomer, .pendingMove where !viewer.canSeeFromCustomer:
            return withoutFromCustomer(entry.summary)
        case .transfer where viewer.isCustomer:
            // The request names the other reseller and its customer; the decisions say only the state.
            return entry.action == "transfer.request" ? "internal transfer to another reseller requested" : entry.summary
        default:
            return entry.summary
        }
    }

    /// "… from customer 100001 to customer 100002 …" → "… from another customer to customer 100002 …",
    /// without the orders that stayed with the sender ("; Digital Certificate 1018 stays until
    /// moved on its own"): they are the sender's, not the reader's.
    static func withoutFromCustomer(_ summary: String) -> String {
        guard let from = summary.range(of: " from customer ") else { return summary }
        let digits = summary[from.upperBound...].prefix { $0.isNumber }
        var text = String(summary[..<from.lowerBound] + " from another customer" + summary[digits.endIndex...])
        if let staying = text.range(of: "; ", options: .backwards), text[staying.upperBound...].hasSuffix(" own") {
            text = String(text[..<staying.lowerBound])
        }
        return text
    }

    static func actor(_ principal: String, viewer: Viewer) -> String {
        guard case .customer(let own) = viewer.principal else { return principal }
        if principal == "customer:\(own)" { return "you" }
        if principal.hasPrefix("reseller:") { return "your reseller" }
        if principal == "operator" { return "operator" }
        return principal.hasPrefix("customer:") ? "another customer" : principal
    }

    /// An invoice's issue and (when no audit entry recorded it) its payment.
    public static func events(of invoice: Invoice, paymentAudited: Bool) -> [OrderHistoryEvent] {
        var events = [OrderHistoryEvent(at: invoice.issuedAt, kind: .invoiceIssued,
                                        text: "\(invoice.number) issued (\(invoice.amount), \(invoice.kind.rawValue)), due \(invoice.dueAt.dayText); now \(invoice.status.rawValue)",
                                        by: "system", transactionID: nil)]
        if let paidAt = invoice.paidAt, !paymentAudited {
            events.append(OrderHistoryEvent(at: paidAt, kind: .invoicePaid, text: "\(invoice.number) paid", by: "system", transactionID: nil))
        }
        return events
    }

    /// A notice written for the order.
    public static func event(_ message: OutboxMessage) -> OrderHistoryEvent {
        OrderHistoryEvent(at: message.createdAt, kind: .notice,
                          text: "to \(message.recipient): \(message.subject) (\(message.sentAt == nil ? "waiting for the mail system" : "sent"))",
                          by: "system", transactionID: nil)
    }

    /// Every event in time order; events at the same moment keep the order they were given in
    /// (audit entries in the order they were written, then invoices, then notices).
    public static func merged(_ groups: [OrderHistoryEvent]...) -> [OrderHistoryEvent] {
        groups.joined().enumerated()
            .sorted { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }
            .map(\.element)
    }
}
