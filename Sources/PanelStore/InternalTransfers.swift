import Foundation
import PanelModel

/// Seed 002's internal transfers ("usertransfer"): request, approve or deny by the losing
/// reseller, and the 6th-day outcome applied by `runTransferJobs`. Each is one write
/// transaction with an audit entry; a completion moves the domain order to the receiving
/// customer and renews it according to the gaining account's setting.
extension PanelDatabase {
    public struct TransferOutcome: Sendable, Equatable {
        public var request: InternalTransferRequest
        public var transactionID: String
        /// Whether a completion renewed the domain by a year.
        public var renewed: Bool
    }

    public static let ramRefusal = "Reseller accreditations using Registry Account Management (RAM) can not use internal transfers to another reseller. Instead a normal inter-registrar transfer applies."

    /// The gaining reseller asks for a domain held by another reseller account.
    public func requestInternalTransfer(domain text: String, receivingCustomer: CustomerID, authCode: String?, noRenew: Bool,
                                        as principal: Principal, clock: any Clock = SystemClock()) throws -> TransferOutcome {
        guard case .reseller(let gainingID) = principal else {
            throw PanelError.invalidInput("internal transfers are requested by the gaining reseller: act as reseller:ID")
        }
        let domain = try Self.domainName(text)
        let authHash = try authCode.flatMap { $0.isEmpty ? nil : $0 }.map(PasswordHasher.hash)
        return try write { db in
            guard let orderRow = try SQLRow.fetchOne(db, sql: """
                SELECT o.*, c.reseller_id AS holder FROM orders o JOIN customers c ON c.id = o.customer_id
                WHERE o.domain = ? AND o.product = 'domain' AND o.status NOT IN ('deleted') ORDER BY o.id LIMIT 1
                """, arguments: [domain.ascii]) else { throw PanelError.notFound("Domain not found.") }
            let order = try RowMapping.order(orderRow)
            let losing = try Self.reseller(ResellerID(orderRow["holder"]), db)
            let gaining = try Self.reseller(gainingID, db)
            guard losing.id != gaining.id else {
                throw PanelError.refused("\(domain.unicode) is already in your account.")
            }
            if losing.usesRegistryAccountManagement || gaining.usesRegistryAccountManagement {
                throw PanelError.refused(Self.ramRefusal)
            }
            guard try Scope.canSee(customer: receivingCustomer, as: principal, db) else {
                throw PanelError.customerNotFound(receivingCustomer)
            }
            if let pending = try Int64.fetchOne(db, sql: "SELECT id FROM transfer_requests WHERE order_id = ? AND state = 'pending'",
                                                arguments: [order.id.rawValue]) {
                throw PanelError.refused("An internal transfer of \(domain.unicode) is already pending (request \(pending)).")
            }
            let id = (try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM transfer_requests") ?? 0) + 1
            let request = InternalTransferRequest(id: TransferRequestID(id), domain: domain, orderID: order.id, fromResellerID: losing.id,
                                                  toResellerID: gaining.id, toCustomerID: receivingCustomer, withAuthCode: authHash != nil,
                                                  noRenew: noRenew, requestedAt: clock.now)
            try RecordWriter.insert(request, authCodeHash: authHash, db)
            let transaction = try AuditLog.record(db, principal: principal, action: "transfer.request", subject: "transfer:\(id)",
                                                  summary: "\(domain.ascii) from reseller \(losing.id) to customer \(receivingCustomer) of reseller \(gaining.id), \(authHash == nil ? "without" : "with") auth code, NORENEW=\(noRenew ? 1 : 0)",
                                                  at: clock.now)
            return TransferOutcome(request: request, transactionID: transaction, renewed: false)
        }
    }

    /// The losing reseller (or an operator) approves or denies a pending request for `domain`.
    /// The requester cannot (it may cancel instead); a decided request is refused with its state.
    public func decideInternalTransfer(domain text: String, approve: Bool, as principal: Principal,
                                       clock: any Clock = SystemClock()) throws -> TransferOutcome {
        let domain = try Self.domainName(text)
        let event: InternalTransferState.Event = approve ? .approve : .deny
        return try write { db in
            var request = try Self.newestRequest(for: domain, as: principal, db)
            try request.checkAllowed(event, by: principal)
            request.state = try request.state.applying(event)
            return try Self.finish(&request, principal: principal, action: approve ? "transfer.approve" : "transfer.deny", now: clock.now, db)
        }
    }

    /// The requesting (gaining) reseller withdraws its pending request for `domain`. Only the
    /// requester may, and only while the request is pending; the domain stays where it is.
    public func cancelInternalTransfer(domain text: String, as principal: Principal,
                                       clock: any Clock = SystemClock()) throws -> TransferOutcome {
        let domain = try Self.domainName(text)
        return try write { db in
            var request = try Self.newestRequest(for: domain, as: principal, db)
            try request.checkAllowed(.cancel, by: principal)
            request.state = try request.state.applying(.cancel)
            return try Self.finish(&request, principal: principal, action: "transfer.cancel", now: clock.now, db)
        }
    }

    /// The newest request for `domain` that `principal` is a party to (any, for an operator):
    /// the pending one when there is one, since a new request can only follow a decided one.
    static func newestRequest(for domain: DomainName, as principal: Principal, _ db: any SQLConnection) throws -> InternalTransferRequest {
        let rows = try SQLRow.fetchAll(db, sql: "SELECT * FROM transfer_requests WHERE domain = ? ORDER BY id DESC", arguments: [domain.ascii])
        for row in rows {
            let request = try RowMapping.transferRequest(row)
            if request.party(of: principal) != .none { return request }
        }
        throw InternalTransferRequest.notFound(domain)
    }

    /// Applies the 6th-day outcome to every pending request whose 5 days are over at `now`.
    /// Running it twice does nothing twice: only pending requests are looked at.
    @discardableResult
    public func runTransferJobs(now: Date) throws -> [TransferOutcome] {
        try write { db in
            let rows = try SQLRow.fetchAll(db, sql: "SELECT * FROM transfer_requests WHERE state = 'pending' ORDER BY id")
            var outcomes: [TransferOutcome] = []
            for row in rows {
                var request = try RowMapping.transferRequest(row)
                guard now >= request.deadline else { continue }
                let locked = try Bool.fetchOne(db, sql: "SELECT transfer_lock FROM orders WHERE id = ?", arguments: [request.orderID.rawValue]) ?? true
                request.state = try request.state.applying(.deadlinePassed(withAuthCode: request.withAuthCode, domainLocked: locked))
                outcomes.append(try Self.finish(&request, principal: .operator, action: "transfer.deadline", now: now, db))
            }
            return outcomes
        }
    }

    /// The account-wide renewal setting (seed 002's ModifyRegistrar).
    public func setInternalTransferRenew(_ setting: InternalTransferRenewSetting, as principal: Principal,
                                         clock: any Clock = SystemClock()) throws -> String {
        guard case .reseller(let id) = principal else {
            throw PanelError.invalidInput("the renewal setting belongs to a reseller account: act as reseller:ID")
        }
        return try write { db in
            try db.execute(sql: "UPDATE resellers SET internal_transfer_renew = ? WHERE id = ?", arguments: [setting.rawValue, id.rawValue])
            return try AuditLog.record(db, principal: principal, action: "registrar.modify", subject: "reseller:\(id)",
                                       summary: "INTERNAL-TRANSFER-RENEW = \(setting.rawValue)", at: clock.now)
        }
    }

    /// The newest request for `domain` that `principal` is a party to (or any, for an operator).
    public func internalTransferStatus(domain text: String, as principal: Principal) throws -> InternalTransferRequest {
        let domain = try Self.domainName(text)
        return try read { db in try Self.newestRequest(for: domain, as: principal, db) }
    }

    /// Stores the decided state; on completion moves the order and renews it if due.
    private static func finish(_ request: inout InternalTransferRequest, principal: Principal, action: String, now: Date,
                               _ db: any SQLConnection) throws -> TransferOutcome {
        request.decidedAt = now
        var renewed = false
        if request.state == .completed {
            let gaining = try reseller(request.toResellerID, db)
            renewed = TransferRenewalPolicy.renews(tld: request.domain.tld, setting: gaining.internalTransferRenew, noRenew: request.noRenew)
            let receiver = try request.toCustomerID?.rawValue ?? accountHolder(of: request.toResellerID, db)
            guard let receiver else {
                throw PanelError.refused("Reseller \(request.toResellerID) has no active customer to receive \(request.domain.unicode).")
            }
            try db.execute(sql: "UPDATE orders SET customer_id = ? WHERE id = ?", arguments: [receiver, request.orderID.rawValue])
            if renewed, let expires = try Date.fetchOne(db, sql: "SELECT expires_at FROM orders WHERE id = ?", arguments: [request.orderID.rawValue]) {
                try db.execute(sql: "UPDATE orders SET expires_at = ? WHERE id = ?",
                               arguments: [Self.oneYearLater(expires), request.orderID.rawValue])
            }
        }
        try db.execute(sql: "UPDATE transfer_requests SET state = ?, decided_at = ? WHERE id = ?",
                       arguments: [request.state.rawValue, now, request.id.rawValue])
        let transaction = try AuditLog.record(db, principal: principal, action: action, subject: "transfer:\(request.id)",
                                              summary: "\(request.domain.ascii): \(request.state.rawValue)\(renewed ? ", renewed one year" : "")", at: now)
        return TransferOutcome(request: request, transactionID: transaction, renewed: renewed)
    }

    /// The same day and time a year later, in UTC (29 February becomes 28 February).
    static func oneYearLater(_ date: Date) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.date(byAdding: .year, value: 1, to: date) ?? date.addingTimeInterval(365 * 86_400)
    }

    /// The customer that receives a domain for a whole reseller account: its first active one.
    static func accountHolder(of reseller: ResellerID, _ db: any SQLConnection) throws -> Int64? {
        try Int64.fetchOne(db, sql: "SELECT MIN(id) FROM customers WHERE reseller_id = ? AND status = 'active'", arguments: [reseller.rawValue])
    }

    /// A domain name from the API or the command line, or a usage error that says why not.
    static func domainName(_ text: String) throws -> DomainName {
        do { return try DomainName(text) } catch { throw PanelError.invalidInput("\(error)") }
    }

    static func reseller(_ id: ResellerID, _ db: any SQLConnection) throws -> Reseller {
        guard let row = try SQLRow.fetchOne(db, sql: "SELECT * FROM resellers WHERE id = ?", arguments: [id.rawValue]) else {
            throw PanelError.notFound("Reseller \(id) not found.")
        }
        return try RowMapping.reseller(row)
    }
}

extension PanelDatabase {
    /// A reseller's internal transfers: incoming (it holds the domain and decides) and
    /// outgoing (it asked), newest first, with the account's renewal setting.
    public struct TransferOverview: Sendable, Equatable {
        public var incoming: [InternalTransferRequest]
        public var outgoing: [InternalTransferRequest]
        public var renewSetting: InternalTransferRenewSetting
        /// The names of the resellers on the other side of these requests.
        public var resellerNames: [ResellerID: String] = [:]
    }

    public func internalTransfers(as principal: Principal) throws -> TransferOverview {
        guard case .reseller(let id) = principal else {
            throw PanelError.invalidInput("internal transfers belong to reseller accounts: act as reseller:ID")
        }
        return try read { db in
            let incoming = try SQLRow.fetchAll(db, sql: "SELECT * FROM transfer_requests WHERE from_reseller_id = ? ORDER BY id DESC",
                                            arguments: [id.rawValue]).map(RowMapping.transferRequest)
            let outgoing = try SQLRow.fetchAll(db, sql: "SELECT * FROM transfer_requests WHERE to_reseller_id = ? ORDER BY id DESC",
                                            arguments: [id.rawValue]).map(RowMapping.transferRequest)
            var names: [ResellerID: String] = [:]
            for other in Set(incoming.map(\.toResellerID) + outgoing.map(\.fromResellerID)) {
                names[other] = try String.fetchOne(db, sql: "SELECT name FROM resellers WHERE id = ?", arguments: [other.rawValue])
            }
            return TransferOverview(incoming: incoming, outgoing: outgoing, renewSetting: try Self.reseller(id, db).internalTransferRenew,
                                    resellerNames: names)
        }
    }
}
