import Foundation

/// Seed 000/001, "Moving a Digital Certificate Order (with all related services) to another
/// Customer": the checks on the order and its domain's services that do not depend on the
/// target customer. Each problem is a message that ends with what to do.
public enum MoveServicesPolicy {
    /// What the order-side checks look at: the order, the other services on its domain in the
    /// same account, and the invoices of all of them.
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

        var domainServices: [Order] { [order] + relatedServices }
    }

    static let whatToDo = "Wait for the processing to complete, or cancel the pending process, then try again."

    /// One reason the move cannot go ahead: a kind (for short labels) and the full message.
    public struct Problem: Sendable, Equatable {
        public enum Kind: String, Sendable {
            case notCertificate, suspended, notActive, processing, pendingInvoice, moneyBack, tld
            case invalidCustomer, mismatchedCustomer, deletedCustomer, resellerProduct, sameCustomer, otherCustomerServices
            case montenegrinRegistrant, germanContact
        }

        public var kind: Kind
        public var message: String

        public init(_ kind: Kind, _ message: String) {
            self.kind = kind
            self.message = message
        }

        /// A few words for places with no room for the message ("suspended", "pending invoice").
        public var shortLabel: String {
            switch kind {
            case .notCertificate: "not a certificate"
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
    public static func orderProblems(_ snapshot: OrderSnapshot, now: Date) -> [Problem] {
        var problems: [Problem] = []
        let order = snapshot.order
        if order.product != .digitalCertificate {
            problems.append(Problem(.notCertificate, "Move Services moves a Digital Certificate order with its related services; order \(order.id) is a \(order.product.displayName) order."))
        }
        if order.status == .suspended {
            problems.append(Problem(.suspended, snapshot.actingAsCustomer
                ? "This order is suspended. It has to be unsuspended before it can be moved: ask your reseller, \(snapshot.resellerName), to unsuspend order \(order.id)."
                : "This order is suspended. Unsuspend order \(order.id) first (Suspend/Unsuspend on the Order Details screen), then move it."))
        } else if order.status != .active {
            problems.append(Problem(.notActive, "Order \(order.id) is \(order.status.displayName.lowercased()); only an active order can be moved."))
        }
        let processing = snapshot.domainServices.filter { $0.processingAction != nil || $0.status == .inProcess }
        if !processing.isEmpty {
            let list = processing.map { "\($0.product.displayName) order \($0.id)\($0.processingAction.map { ": \($0)" } ?? "")" }
            problems.append(Problem(.processing, "One or more Services for this domain name are currently being processed (\(list.joined(separator: "; "))). \(whatToDo)"))
        }
        let pending = snapshot.invoices.filter { $0.status == .pending }
        if !pending.isEmpty {
            let list = pending.map { "\($0.number) for order \($0.orderID)" }
            problems.append(Problem(.pendingInvoice, "There is a Pending Invoice for a Service associated with this domain name (\(list.joined(separator: ", "))). \(whatToDo)"))
        }
        let moneyBack = snapshot.domainServices.filter { $0.isInMoneyBackPeriod(at: now) }
        if !moneyBack.isEmpty {
            let list = moneyBack.map { "\($0.product.displayName) order \($0.id) until \($0.moneyBackUntil!.formatted(Date.ISO8601FormatStyle().year().month().day()))" }
            problems.append(Problem(.moneyBack, "One or more Products/Services are currently under the Money Back Period (\(list.joined(separator: ", "))); deleting them now would entitle a refund. \(whatToDo)"))
        }
        problems += tldProblems(snapshot)
        return problems
    }

    /// The TLD notes of seed 000, for a certificate whose domain has a Domain order in the same panel.
    static func tldProblems(_ snapshot: OrderSnapshot) -> [Problem] {
        guard snapshot.relatedServices.contains(where: { $0.product == .domain }) else { return [] }
        let domain = snapshot.order.domain
        let message: String? = switch domain.tld {
        case "uk":
            "The .UK domain name \(domain.unicode) is a Domain order in this Control Panel, so this Digital Certificate order cannot be moved."
        case "nz":
            "The .NZ domain name \(domain.unicode) is a Domain order in this Control Panel, so this Digital Certificate order cannot be moved."
        case "ca":
            "The .CA domain name \(domain.unicode) cannot be moved, so neither the Digital Certificate order nor the .CA Domain order can be moved."
        case "es":
            "The .ES domain name \(domain.unicode) cannot be moved. The .ES Registry neither allows modification of any Contact Details of the Registrant Contact nor allows selecting of another Contact as the Registrant Contact. So neither the Digital Certificate order nor the .ES Domain order can be moved."
        case "eu":
            "The .EU domain name \(domain.unicode) is a Domain order in this Control Panel, and it must move to the new Customer first; once that move is complete, move this Digital Certificate order. Domain orders cannot be moved from this panel yet: ask your reseller's support to move the .EU Domain order."
        default:
            nil
        }
        return message.map { [Problem(.tld, $0)] } ?? []
    }
}
