import Foundation

/// Seed 000/001, "Moving a Digital Certificate Order (with all related services) to another
/// Customer", for any order: the checks on the order and its domain's services that do not
/// depend on the target customer. Each problem is a message that ends with what to do.
///
/// What moves (docs/moves.md): a Domain order moves on its own; any other order (a Digital
/// Certificate, hosting) moves with every other service of the same registrable domain in
/// the account, its Domain order included (unless a TLD rule stops it, as .EU does).
public enum MoveServicesPolicy {
    /// What the order-side checks look at: the order, the other services on its registrable
    /// domain in the same account, and the invoices of all of them.
    public struct OrderSnapshot: Sendable {
        public var order: Order
        public var relatedServices: [Order]
        public var invoices: [Invoice]
        public var resellerName: String
        public var actingAsCustomer: Bool

        public init(order: Order, relatedServices: [Order], invoices: [Invoice], resellerName: String, actingAsCustomer: Bool) {
            self.order = order
            self.relatedServices = relatedServices
            self.invoices = invoices
            self.resellerName = resellerName
            self.actingAsCustomer = actingAsCustomer
        }

        /// The orders that move together: a Domain order alone, anything else with its related services.
        public var movingServices: [Order] { order.product == .domain ? [order] : [order] + relatedServices }

        /// The related services that stay where they are (a Domain order's certificate, say).
        public var stayingServices: [Order] { order.product == .domain ? relatedServices : [] }

        /// The Domain order of this registrable domain in the same panel, when it is not the order itself.
        public var relatedDomainOrder: Order? { relatedServices.first { $0.product == .domain } }

        /// Whether a Domain order of this registrable domain is in the panel (the order itself or a related one).
        var hasDomainOrder: Bool { order.product == .domain || relatedDomainOrder != nil }

        /// The domain name the registry rules speak of: the Domain order's, else the registrable domain.
        var registryDomain: String {
            if order.product == .domain { return order.domain.unicode }
            return relatedDomainOrder?.domain.unicode ?? order.domain.registrableDomain
        }
    }

    static let whatToDo = "Wait for the processing to complete, or cancel the pending process, then try again."

    /// One reason the move cannot go ahead: a kind (for short labels), the full message, and
    /// the fix (the part of the message that says what to do; empty for the seed's bare texts).
    public struct Problem: Sendable, Equatable {
        public enum Kind: String, Sendable {
            case suspended, notActive, processing, pendingInvoice, moneyBack, tld
            case invalidCustomer, mismatchedCustomer, deletedCustomer, resellerProduct, sameCustomer, otherCustomerServices
            case montenegrinRegistrant, germanContact
        }

        public var kind: Kind
        public var message: String
        /// What to do about it; the message ends with it when it is not empty.
        public var fix: String

        public init(_ kind: Kind, _ message: String) {
            self.kind = kind
            self.message = message
            self.fix = ""
        }

        /// A problem told as what is wrong, then what to do: the message is both, in that order.
        public init(_ kind: Kind, _ statement: String, fix: String) {
            self.kind = kind
            self.message = fix.isEmpty ? statement : statement + " " + fix
            self.fix = fix
        }

        /// What is wrong, without the fix.
        public var statement: String {
            guard !fix.isEmpty, message.hasSuffix(" " + fix) else { return message }
            return String(message.dropLast(fix.count + 1))
        }

        /// A few words for places with no room for the message ("suspended", "pending invoice").
        public var shortLabel: String {
            switch kind {
            case .suspended: "suspended"
            case .notActive: "not active"
            case .processing: "processing"
            case .pendingInvoice: "pending invoice"
            case .moneyBack: "money-back period"
            case .tld: "TLD rule"
            case .invalidCustomer, .mismatchedCustomer, .deletedCustomer, .sameCustomer: "target customer"
            case .resellerProduct: "reseller product"
            case .otherCustomerServices: "services under another customer"
            case .montenegrinRegistrant, .germanContact: "contacts"
            }
        }
    }

    /// Every order-side problem, in the order the seed lists them. Empty when the order may move.
    /// The processing, invoice and money-back checks look at every service that moves.
    public static func orderProblems(_ snapshot: OrderSnapshot, now: Date) -> [Problem] {
        var problems: [Problem] = []
        let order = snapshot.order
        if order.status == .suspended {
            problems.append(Problem(.suspended, "This order is suspended.", fix: snapshot.actingAsCustomer
                ? "It has to be unsuspended before it can be moved: ask your reseller, \(snapshot.resellerName), to unsuspend order \(order.id)."
                : "Unsuspend it first (U on its Order Details, or certpanel orders unsuspend \(order.id) --reason …), then move it."))
        } else if order.status != .active {
            problems.append(Problem(.notActive, "Order \(order.id) is \(order.status.displayName.lowercased()); only an active order can be moved.",
                                    fix: order.status == .inProcess ? whatToDo
                                        : "It cannot become movable from this panel; ask your reseller, \(snapshot.resellerName), if it must belong to another customer."))
        }
        let moving = snapshot.movingServices
        let processing = moving.filter { $0.processingAction != nil || $0.status == .inProcess }
        if !processing.isEmpty {
            let list = processing.map { "\($0.product.displayName) order \($0.id)\($0.processingAction.map { ": \($0)" } ?? "")" }
            problems.append(Problem(.processing, "One or more Services for this domain name are currently being processed (\(list.joined(separator: "; "))).",
                                    fix: whatToDo))
        }
        let movingIDs = Set(moving.map(\.id))
        let pending = snapshot.invoices.filter { $0.status == .pending && movingIDs.contains($0.orderID) }
        if !pending.isEmpty {
            let list = pending.map { "\($0.number) for order \($0.orderID)" }
            problems.append(Problem(.pendingInvoice, "There is a Pending Invoice for a Service associated with this domain name (\(list.joined(separator: ", "))).",
                                    fix: whatToDo))
        }
        let moneyBack = moving.filter { $0.isInMoneyBackPeriod(at: now) }
        if !moneyBack.isEmpty {
            let list = moneyBack.map { "\($0.product.displayName) order \($0.id) until \($0.moneyBackUntil!.formatted(Date.ISO8601FormatStyle().year().month().day()))" }
            problems.append(Problem(.moneyBack, "One or more Products/Services are currently under the Money Back Period (\(list.joined(separator: ", "))); deleting them now would entitle a refund.",
                                    fix: whatToDo))
        }
        problems += tldProblems(snapshot)
        return problems
    }
}
