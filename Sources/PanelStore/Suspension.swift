import Foundation
import PanelModel

extension PanelDatabase {
    /// Suspends or unsuspends an order: re-reads it inside the write transaction, applies
    /// the policy, changes the status and records an audit entry. Returns the transaction ID.
    @discardableResult
    public func change(_ change: SuspensionPolicy.Change, order id: OrderID, reason: String, as principal: Principal,
                       clock: any Clock = SystemClock()) throws -> String {
        try write { db in
            let detail = try Self.orderDetail(id, as: principal, db)
            if let refusal = SuspensionPolicy.refusal(change, order: detail.order, principal: principal,
                                                      resellerName: detail.reseller.name, reason: reason) {
                throw refusal
            }
            let status: OrderStatus = change == .suspend ? .suspended : .active
            try db.execute(sql: "UPDATE orders SET status = ? WHERE id = ?", arguments: [status.rawValue, id.rawValue])
            return try AuditLog.record(db, principal: principal, action: "order.\(change.rawValue)", subject: "order:\(id)",
                                       summary: SuspensionAudit.summary(from: detail.order.status, to: status, reason: reason),
                                       at: clock.now)
        }
    }

    /// Settings → Primary Profile: the customer's own record, reseller and default contacts.
    public func primaryProfile(as principal: Principal) throws -> PrimaryProfile {
        guard case .customer(let id) = principal else {
            throw PanelError.invalidInput("the Primary Profile belongs to a customer; act as customer:ID")
        }
        return try read { db in
            guard let row = try SQLRow.fetchOne(db, sql: "SELECT * FROM customers WHERE id = ?", arguments: [id.rawValue]) else {
                throw PanelError.customerNotFound(id)
            }
            let customer = try RowMapping.customer(row)
            let reseller = try SQLRow.fetchOne(db, sql: "SELECT * FROM resellers WHERE id = ?", arguments: [customer.resellerID.rawValue])
                .map(RowMapping.reseller)
            let contacts = try Self.contactsByRole(customer.defaultContacts, db)
            return PrimaryProfile(customer: customer, resellerName: reseller?.name ?? "", defaultContacts: contacts)
        }
    }
}

public struct PrimaryProfile: Sendable, Equatable {
    public var customer: Customer
    public var resellerName: String
    public var defaultContacts: [ContactRole: Contact]
}
