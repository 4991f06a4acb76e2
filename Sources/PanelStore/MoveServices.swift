import Foundation
import PanelModel

/// The Move Services form's input.
public struct MoveRequest: Sendable, Equatable {
    public var orderID: OrderID
    public var targetUsername: String
    public var targetCustomerID: String
    public var retainContacts: Bool

    public init(orderID: OrderID, targetUsername: String, targetCustomerID: String, retainContacts: Bool) {
        self.orderID = orderID
        self.targetUsername = targetUsername
        self.targetCustomerID = targetCustomerID
        self.retainContacts = retainContacts
    }
}

/// What the confirmation step shows: the target, every service that moves, and the contact notes.
public struct MovePreview: Sendable, Equatable {
    public var target: Customer
    public var targetResellerName: String
    /// The order first, then the related services that move with it (none for a Domain order).
    public var services: [Order]
    public var notes: [String]
    /// Related services that stay with the current customer (a Domain order moves on its own).
    public var staying: [Order] = []
}

/// A move that was applied.
public struct MoveResult: Sendable, Equatable {
    public var transactionID: String
    public var preview: MovePreview
    /// Set when nothing moved yet: the move waits for the receiving side (PendingMoves.swift).
    public var pendingMove: PendingMove? = nil
}

/// Every problem found, each in its own "Attention" box; exit code 1.
public struct MoveRefusal: Error, Equatable, Sendable {
    public var problems: [MoveServicesPolicy.Problem]
    public var messages: [String] { problems.map(\.message) }
    public var exitCode: Int32 { 1 }
}

extension PanelDatabase {
    /// Checks a move and describes it, without changing anything.
    public func previewMove(_ request: MoveRequest, as principal: Principal, clock: any Clock = SystemClock()) throws -> MovePreview {
        try read { db in
            try Self.refuseIfMovePending(request.orderID, as: principal, db)
            return try Self.evaluateMove(request, as: principal, now: clock.now, db)
        }
    }

    /// Applies a move in one write transaction that re-checks every rule inside it: the
    /// order and the services that move with it (none for a Domain order) go to the target, contacts follow the
    /// retain choice, and an audit entry records it. Nothing is ever half-moved.
    public func applyMove(_ request: MoveRequest, as principal: Principal, clock: any Clock = SystemClock()) throws -> MoveResult {
        try write { db in
            try Self.refuseIfMovePending(request.orderID, as: principal, db)
            let preview = try Self.evaluateMove(request, as: principal, now: clock.now, db)
            if try Self.receiverMustAccept(movingFrom: preview.services[0].customerID, db) {
                return try Self.recordPendingMove(request, preview: preview, as: principal, now: clock.now, db)
            }
            try Self.moveServices(preview, retainContacts: request.retainContacts, db)
            let list = preview.services.map { "\($0.product.displayName) \($0.id)" }.joined(separator: ", ")
            let staying = preview.staying.isEmpty ? ""
                : "; \(preview.staying.map { "\($0.product.displayName) \($0.id)" }.joined(separator: ", ")) \(preview.staying.count == 1 ? "stays" : "stay") until moved on \(preview.staying.count == 1 ? "its" : "their") own"
            let transaction = try AuditLog.record(
                db, principal: principal, action: "order.move", subject: "order:\(request.orderID)",
                summary: "moved \(list) of \(preview.services[0].domain.ascii) from customer \(preview.services[0].customerID) to customer \(preview.target.id) (\(request.retainContacts ? "contacts retained" : "contacts changed to the new customer's defaults"))\(staying)",
                at: clock.now, orders: preview.services.map(\.id), movedFrom: preview.services[0].customerID)
            return MoveResult(transactionID: transaction, preview: preview)
        }
    }

    /// The change itself, for a direct move and an accepted pending one alike.
    static func moveServices(_ preview: MovePreview, retainContacts: Bool, _ db: any SQLConnection) throws {
        let ids = preview.services.map(\.id.rawValue)
        let placeholders = ids.map { _ in "?" }.joined(separator: ",")
        try db.execute(sql: "UPDATE orders SET customer_id = ? WHERE id IN (\(placeholders))",
                       arguments: SQLArguments([preview.target.id.rawValue] + ids))
        if !retainContacts {
            let defaults = preview.target.defaultContacts
            try db.execute(sql: "UPDATE orders SET registrant_id = ?, admin_id = ?, tech_id = ?, billing_id = ? WHERE id IN (\(placeholders))",
                           arguments: SQLArguments([defaults.registrant?.rawValue, defaults.admin?.rawValue, defaults.tech?.rawValue,
                                                          defaults.billing?.rawValue] + ids.map { Optional($0) }))
        }
    }

    static func evaluateMove(_ request: MoveRequest, as principal: Principal, now: Date, _ db: any SQLConnection) throws -> MovePreview {
        let detail = try orderDetail(request.orderID, as: principal, db)
        let snapshot = detail.moveSnapshot(actingAs: principal)
        let target = try targetSnapshot(request, registrableDomain: detail.registrableDomain, owner: detail.order.customerID, db)
        let problems = MoveServicesPolicy.orderProblems(snapshot, now: now) + MoveServicesPolicy.targetProblems(target, order: snapshot)
        guard problems.isEmpty, let customer = target.byID else { throw MoveRefusal(problems: problems) }
        let notes = MoveServicesPolicy.contactNotes(retain: request.retainContacts, order: snapshot, targetRegistrant: target.defaultRegistrant,
                                                    currentRegistrant: detail.order.contacts.registrant)
        return MovePreview(target: customer, targetResellerName: target.reseller?.name ?? "", services: snapshot.movingServices,
                           notes: notes, staying: snapshot.stayingServices)
    }

    /// Looks the target up by both fields. This reads outside the principal's scope on
    /// purpose (the target is usually someone else's customer), and only the checks' answers
    /// leave this function.
    static func targetSnapshot(_ request: MoveRequest, registrableDomain: String, owner: CustomerID, _ db: any SQLConnection) throws -> MoveServicesPolicy.TargetSnapshot {
        let username = request.targetUsername.trimmingCharacters(in: .whitespaces)
        let byUsername = try SQLRow.fetchOne(db, sql: "SELECT * FROM customers WHERE \(db.equalsIgnoringCase("username"))", arguments: [username])
            .map(RowMapping.customer)
        let idText = request.targetCustomerID.trimmingCharacters(in: .whitespaces)
        let byID = try Int64(idText).flatMap { try SQLRow.fetchOne(db, sql: "SELECT * FROM customers WHERE id = ?", arguments: [$0]) }
            .map(RowMapping.customer)
        guard let customer = byID, byUsername?.id == customer.id else {
            return .init(byUsername: byUsername, byID: byID, reseller: nil, defaultRegistrant: nil, defaultAdmin: nil, otherCustomerServices: [])
        }
        let reseller = try SQLRow.fetchOne(db, sql: "SELECT * FROM resellers WHERE id = ?", arguments: [customer.resellerID.rawValue])
            .map(RowMapping.reseller)
        let contacts = try contactsByRole(customer.defaultContacts, db)
        let others = try String.fetchAll(db, sql: """
            SELECT o.product FROM orders o JOIN customers c ON c.id = o.customer_id
            WHERE o.registrable_domain = ? AND c.reseller_id = ? AND o.customer_id NOT IN (?, ?) AND o.status NOT IN ('deleted')
            ORDER BY o.product
            """, arguments: [registrableDomain, customer.resellerID.rawValue, owner.rawValue, customer.id.rawValue]).compactMap(Product.init(rawValue:))
        return .init(byUsername: byUsername, byID: byID, reseller: reseller, defaultRegistrant: contacts[.registrant],
                     defaultAdmin: contacts[.admin], otherCustomerServices: others)
    }
}
