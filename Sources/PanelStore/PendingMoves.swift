import Foundation
import PanelModel

/// Moves the receiving side accepts (docs/moves.md, "Moves the receiver accepts"). When the
/// sending customer's reseller has the setting on, Confirm records a pending move instead of
/// moving; the receiving side accepts (every move rule is checked again, then the same change
/// as a direct move is applied) or declines, the sending side may cancel, and `jobs run`
/// expires it after 5 days. Each step is one write transaction with an audit entry.
extension PanelDatabase {
    /// A pending (or closed) move with the names the lists show and what the principal may do.
    public struct PendingMoveInfo: Sendable, Equatable {
        public var move: PendingMove
        public var fromUsername: String
        public var toUsername: String
        public var toName: String
        /// What the asking principal may do with it (empty once it is closed).
        public var allowed: [PendingMoveState.Event]
        /// The principal is on the receiving side (an operator sees every move on both sides).
        public var isIncoming: Bool
        public var isOutgoing: Bool
    }

    public struct PendingMoveOverview: Sendable, Equatable {
        public var incoming: [PendingMoveInfo]
        public var outgoing: [PendingMoveInfo]
    }

    /// The outcome of accept, decline, cancel or expiry.
    public struct PendingMoveOutcome: Sendable, Equatable {
        public var move: PendingMove
        public var transactionID: String
        /// The services that moved, when the move was accepted.
        public var moved: MovePreview?
    }

    // MARK: - The setting

    /// Whether moves away from `reseller`'s customers wait for the receiver's acceptance.
    public func receiverAcceptsMoves(reseller id: ResellerID, as principal: Principal) throws -> Bool {
        try read { db in
            try Self.checkCanManage(reseller: id, as: principal, db)
            return try Bool.fetchOne(db, sql: "SELECT receiver_accepts_moves FROM resellers WHERE id = ?", arguments: [id.rawValue]) ?? false
        }
    }

    /// Turns the setting on or off: the reseller itself, a reseller above it, or an operator.
    public func setReceiverAcceptsMoves(_ on: Bool, reseller id: ResellerID, as principal: Principal,
                                        clock: any Clock = SystemClock()) throws -> String {
        try write { db in
            try Self.checkCanManage(reseller: id, as: principal, db)
            try db.execute(sql: "UPDATE resellers SET receiver_accepts_moves = ? WHERE id = ?", arguments: [on, id.rawValue])
            return try AuditLog.record(db, principal: principal, action: "reseller.receiver-accepts-moves", subject: "reseller:\(id)",
                                       summary: "moves of this reseller's customers \(on ? "wait for the receiving side to accept them" : "happen at Confirm")",
                                       at: clock.now)
        }
    }

    private static func checkCanManage(reseller id: ResellerID, as principal: Principal, _ db: any SQLConnection) throws {
        let notFound = PanelError.notFound("Reseller \(id) not found.")
        switch principal {
        case .operator:
            guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM resellers WHERE id = ?)", arguments: [id.rawValue]) == true else {
                throw notFound
            }
        case .reseller(let acting):
            guard try resellerChain(id, db).contains(acting) else { throw notFound }
        case .customer:
            throw PanelError.refused("The setting belongs to the reseller: ask your reseller to change it.")
        }
    }

    // MARK: - Hooks of Move Services

    /// Whether a move of `customer`'s order has to wait for the receiving side.
    static func receiverMustAccept(movingFrom customer: CustomerID, _ db: any SQLConnection) throws -> Bool {
        try Bool.fetchOne(db, sql: """
            SELECT r.receiver_accepts_moves FROM customers c JOIN resellers r ON r.id = c.reseller_id WHERE c.id = ?
            """, arguments: [customer.rawValue]) ?? false
    }

    /// Refuses a move of an order that already waits in a pending move, asked for it or for
    /// a service it moves with (no second move). Says nothing about orders `principal` may not
    /// see: the move's own checks then answer "not found".
    static func refuseIfMovePending(_ orderID: OrderID, as principal: Principal, _ db: any SQLConnection) throws {
        guard let owner = try Int64.fetchOne(db, sql: "SELECT customer_id FROM orders WHERE id = ?", arguments: [orderID.rawValue]),
              try Scope.canSee(customer: CustomerID(owner), as: principal, db) else { return }
        if let row = try SQLRow.fetchOne(db, sql: """
            SELECT m.* FROM pending_moves m JOIN pending_move_services s ON s.move_id = m.id
            WHERE s.order_id = ? AND m.state = 'pending' ORDER BY m.id LIMIT 1
            """, arguments: [orderID.rawValue]) {
            throw PanelError.refused(PendingMovePolicy.alreadyPending(try pendingMove(row)))
        }
    }

    /// Records the checked move as pending (nothing moves), tells the receiver, and audits it.
    static func recordPendingMove(_ request: MoveRequest, preview: MovePreview, as principal: Principal, now: Date,
                                  _ db: any SQLConnection) throws -> MoveResult {
        let order = preview.services[0]
        let id = try db.insert(sql: """
            INSERT INTO pending_moves (order_id, domain, from_customer_id, to_customer_id, retain_contacts, requested_at, requested_by)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """, arguments: [order.id.rawValue, order.domain.ascii, order.customerID.rawValue, preview.target.id.rawValue,
                             request.retainContacts, now, principal.description])
        for service in preview.services {
            try db.execute(sql: "INSERT INTO pending_move_services (move_id, order_id) VALUES (?, ?)", arguments: [id, service.id.rawValue])
        }
        let move = PendingMove(id: PendingMoveID(id), orderID: order.id, domain: order.domain,
                               fromCustomerID: order.customerID, toCustomerID: preview.target.id, retainContacts: request.retainContacts,
                               requestedAt: now, requestedBy: principal.description)
        let list = preview.services.map { "\($0.product.displayName) \($0.id)" }.joined(separator: ", ")
        let transaction = try AuditLog.record(
            db, principal: principal, action: "move.request", subject: "order:\(order.id)",
            summary: "move \(move.id): \(list) of \(order.domain.ascii) from customer \(order.customerID) to customer \(preview.target.id) waits for the receiver's acceptance until \(DayText.utc(move.deadline))",
            at: now)
        _ = try Outbox.queue(
            to: preview.target.username.value, subject: "A move of \(order.domain.unicode) waits for your acceptance",
            body: """
                Hello \(preview.target.name),

                A Digital Certificate order for \(order.domain.unicode) (order \(order.id), with \(preview.services.count - 1) related service\(preview.services.count == 2 ? "" : "s")) \
                is being moved to your account (Customer ID \(preview.target.id)). Nothing moves until you accept it.

                Accept or decline it by \(DayText.utc(move.deadline)) under Pending moves in your control panel \
                (W on the order list), or with `certpanel moves accept \(move.id)`. If you did not expect it, decline it.
                """,
            orderID: order.id, customerID: preview.target.id, invoiceNumber: nil, now: now, db)
        return MoveResult(transactionID: transaction, preview: preview, pendingMove: move)
    }

    // MARK: - Accept, decline, cancel, expire

    /// The receiving side accepts: every move rule is checked again (as for the sending
    /// customer), and if one fails the acceptance is refused with the problems and the move
    /// stays pending. Otherwise the order and its services move exactly as a direct move would.
    public func acceptPendingMove(_ id: PendingMoveID, as principal: Principal, clock: any Clock = SystemClock()) throws -> PendingMoveOutcome {
        try write { db in
            let now = clock.now
            var move = try Self.pendingMoveForAction(id, .accept, as: principal, db)
            _ = try move.state.applying(.accept)
            if move.isOverdue(at: now) {
                throw PanelError.refused("The \(PendingMove.acceptanceWindowDays) days to accept move \(id) ended on \(DayText.utc(move.deadline)); it can no longer be accepted. Ask the sender to start the move again.")
            }
            guard let target = try SQLRow.fetchOne(db, sql: "SELECT * FROM customers WHERE id = ?", arguments: [move.toCustomerID.rawValue])
                .map(RowMapping.customer) else { throw PanelError.customerNotFound(move.toCustomerID) }
            let request = MoveRequest(orderID: move.orderID, targetUsername: target.username.value, targetCustomerID: target.id.description,
                                      retainContacts: move.retainContacts)
            let preview: MovePreview
            do {
                preview = try Self.evaluateMove(request, as: .customer(move.fromCustomerID), now: now, db)
            } catch let error as PanelError where error.exitCode == 3 {
                throw PanelError.refused("Order \(move.orderID) no longer belongs to Customer ID \(move.fromCustomerID), so move \(id) cannot be accepted; decline it.")
            }
            move.state = try move.state.applying(.accept)
            try Self.moveServices(preview, retainContacts: move.retainContacts, db)
            let transaction = try Self.close(&move, by: principal, now: now, action: "move.accept", db)
            let list = preview.services.map { "\($0.product.displayName) \($0.id)" }.joined(separator: ", ")
            try AuditLog.record(db, transactionID: transaction, principal: principal, action: "order.move", subject: "order:\(move.orderID)",
                                summary: "moved \(list) of \(move.domain.ascii) from customer \(move.fromCustomerID) to customer \(move.toCustomerID) (move \(id) accepted; \(move.retainContacts ? "contacts retained" : "contacts changed to the new customer's defaults"))",
                                at: now, orders: preview.services.map(\.id), movedFrom: move.fromCustomerID)
            return PendingMoveOutcome(move: move, transactionID: transaction, moved: preview)
        }
    }

    /// The receiving side declines (or an operator): nothing moves.
    public func declinePendingMove(_ id: PendingMoveID, as principal: Principal, clock: any Clock = SystemClock()) throws -> PendingMoveOutcome {
        try closeWithoutMoving(id, .decline, action: "move.decline", as: principal, now: clock.now)
    }

    /// The sending side cancels (or an operator): nothing moves.
    public func cancelPendingMove(_ id: PendingMoveID, as principal: Principal, clock: any Clock = SystemClock()) throws -> PendingMoveOutcome {
        try closeWithoutMoving(id, .cancel, action: "move.cancel", as: principal, now: clock.now)
    }

    private func closeWithoutMoving(_ id: PendingMoveID, _ event: PendingMoveState.Event, action: String, as principal: Principal,
                                    now: Date) throws -> PendingMoveOutcome {
        try write { db in
            var move = try Self.pendingMoveForAction(id, event, as: principal, db)
            move.state = try move.state.applying(event)
            let transaction = try Self.close(&move, by: principal, now: now, action: action, db)
            return PendingMoveOutcome(move: move, transactionID: transaction, moved: nil)
        }
    }

    /// Expires every pending move whose 5 days are over at `now`. Running it twice does
    /// nothing twice: only pending moves are looked at.
    @discardableResult
    public func runPendingMoveJobs(now: Date) throws -> [PendingMoveOutcome] {
        try write { db in
            let rows = try SQLRow.fetchAll(db, sql: "SELECT * FROM pending_moves WHERE state = 'pending' ORDER BY id")
            var outcomes: [PendingMoveOutcome] = []
            for row in rows {
                var move = try Self.pendingMove(row)
                guard move.isOverdue(at: now) else { continue }
                move.state = try move.state.applying(.expire)
                let transaction = try Self.close(&move, by: .operator, now: now, action: "move.expire", db)
                outcomes.append(PendingMoveOutcome(move: move, transactionID: transaction, moved: nil))
            }
            return outcomes
        }
    }

    /// The move, if `principal` is a party to it (else "not found", as for anything out of
    /// scope), and refused with the reason when `event` is not theirs to apply.
    private static func pendingMoveForAction(_ id: PendingMoveID, _ event: PendingMoveState.Event, as principal: Principal,
                                             _ db: any SQLConnection) throws -> PendingMove {
        guard let row = try SQLRow.fetchOne(db, sql: "SELECT * FROM pending_moves WHERE id = ?", arguments: [id.rawValue]) else {
            throw notFound(id)
        }
        let move = try pendingMove(row)
        let parties = try parties(move, db)
        guard PendingMovePolicy.isParty(principal, parties) else { throw notFound(id) }
        if let refusal = PendingMovePolicy.refusal(event, by: principal, parties) { throw PanelError.refused(refusal) }
        return move
    }

    private static func close(_ move: inout PendingMove, by principal: Principal, now: Date, action: String,
                              _ db: any SQLConnection) throws -> String {
        move.decidedAt = now
        move.decidedBy = principal.description
        try db.execute(sql: "UPDATE pending_moves SET state = ?, decided_at = ?, decided_by = ? WHERE id = ? AND state = 'pending'",
                       arguments: [move.state.rawValue, now, principal.description, move.id.rawValue])
        guard db.changedRowCount == 1 else {
            throw PanelError.refused("Move \(move.id) was closed meanwhile; nothing was changed.")
        }
        return try AuditLog.record(db, principal: principal, action: action, subject: "order:\(move.orderID)",
                                   summary: "move \(move.id) of \(move.domain.ascii) from customer \(move.fromCustomerID) to customer \(move.toCustomerID): \(move.state.rawValue)",
                                   at: now, movedFrom: move.fromCustomerID)
    }

    static func notFound(_ id: PendingMoveID) -> PanelError {
        .notFound("Pending move \(id) not found. See your moves with `certpanel moves list` (or W on the order list).")
    }

    // MARK: - Reading

    /// The moves `principal` is a party to: incoming (to accept or decline) and outgoing (to
    /// cancel), pending first then newest first; closed ones only with `includeClosed`.
    public func pendingMoves(as principal: Principal, includeClosed: Bool = false) throws -> PendingMoveOverview {
        try read { db in
            let to = Scope.customerRowCondition(principal, alias: "t")
            let from = Scope.customerRowCondition(principal, alias: "f")
            let rows = try SQLRow.fetchAll(db, sql: """
                SELECT m.* FROM pending_moves m
                JOIN customers t ON t.id = m.to_customer_id JOIN customers f ON f.id = m.from_customer_id
                WHERE (? = 1 OR m.state = 'pending') AND ((\(to.sql)) OR (\(from.sql)))
                ORDER BY m.state = 'pending' DESC, m.id DESC LIMIT 500
                """, arguments: [includeClosed] + to.arguments + from.arguments)
            var overview = PendingMoveOverview(incoming: [], outgoing: [])
            for row in rows {
                let info = try Self.info(try Self.pendingMove(row), as: principal, db)
                if info.isIncoming { overview.incoming.append(info) }
                if info.isOutgoing { overview.outgoing.append(info) }
            }
            return overview
        }
    }

    /// The pending move an order waits in (asked for it, or for a service it moves with), if
    /// `principal` is a party to it.
    public func pendingMove(forOrder orderID: OrderID, as principal: Principal) throws -> PendingMoveInfo? {
        try read { db in
            guard let row = try SQLRow.fetchOne(db, sql: """
                SELECT m.* FROM pending_moves m JOIN pending_move_services s ON s.move_id = m.id
                WHERE s.order_id = ? AND m.state = 'pending' ORDER BY m.id LIMIT 1
                """, arguments: [orderID.rawValue]) else { return nil }
            let info = try Self.info(try Self.pendingMove(row), as: principal, db)
            return info.isIncoming || info.isOutgoing ? info : nil
        }
    }

    /// Which of `orders` (the rows on screen) wait in a pending move that `principal` may see:
    /// the order the move was asked for and the services that move with it.
    public func ordersWithPendingMove(among orders: [OrderID], as principal: Principal) throws -> Set<OrderID> {
        guard !orders.isEmpty else { return [] }
        return try read { db in
            let scope = Scope.customerCondition(principal, alias: "o")
            let placeholders = orders.map { _ in "?" }.joined(separator: ",")
            let ids = try Int64.fetchAll(db, sql: """
                SELECT DISTINCT o.id FROM orders o JOIN pending_move_services s ON s.order_id = o.id JOIN pending_moves m ON m.id = s.move_id
                WHERE m.state = 'pending' AND o.id IN (\(placeholders)) AND \(scope.sql)
                """, arguments: SQLArguments(orders.map(\.rawValue)) + scope.arguments)
            return Set(ids.map(OrderID.init))
        }
    }

    private static func info(_ move: PendingMove, as principal: Principal, _ db: any SQLConnection) throws -> PendingMoveInfo {
        let parties = try parties(move, db)
        let names = try SQLRow.fetchAll(db, sql: "SELECT id, username, name FROM customers WHERE id IN (?, ?)",
                                     arguments: [move.fromCustomerID.rawValue, move.toCustomerID.rawValue])
        func name(_ id: CustomerID, _ column: String) -> String {
            names.first { ($0["id"] as Int64) == id.rawValue }.map { $0[column] as String } ?? ""
        }
        let isOperator = if case .operator = principal { true } else { false }
        return PendingMoveInfo(move: move, fromUsername: name(move.fromCustomerID, "username"), toUsername: name(move.toCustomerID, "username"),
                               toName: name(move.toCustomerID, "name"),
                               allowed: move.state == .pending ? PendingMovePolicy.allowedEvents(for: principal, parties) : [],
                               isIncoming: isOperator || PendingMovePolicy.isReceiving(principal, parties),
                               isOutgoing: isOperator || PendingMovePolicy.isSending(principal, parties))
    }

    /// Both customers and the resellers above each.
    private static func parties(_ move: PendingMove, _ db: any SQLConnection) throws -> PendingMovePolicy.Parties {
        func resellers(of customer: CustomerID) throws -> [ResellerID] {
            guard let reseller = try Int64.fetchOne(db, sql: "SELECT reseller_id FROM customers WHERE id = ?", arguments: [customer.rawValue]) else {
                return []
            }
            return try resellerChain(ResellerID(reseller), db)
        }
        return .init(fromCustomer: move.fromCustomerID, fromResellers: try resellers(of: move.fromCustomerID),
                     toCustomer: move.toCustomerID, toResellers: try resellers(of: move.toCustomerID))
    }

    /// `reseller` and every reseller above it, nearest first.
    static func resellerChain(_ reseller: ResellerID, _ db: any SQLConnection) throws -> [ResellerID] {
        try Int64.fetchAll(db, sql: """
            WITH RECURSIVE up(id, parent_id, depth) AS (
                SELECT id, parent_id, 0 FROM resellers WHERE id = ?
                UNION ALL SELECT r.id, r.parent_id, up.depth + 1 FROM resellers r JOIN up ON r.id = up.parent_id WHERE up.depth < 64)
            SELECT id FROM up ORDER BY depth
            """, arguments: [reseller.rawValue]).map(ResellerID.init)
    }

    static func pendingMove(_ row: SQLRow) throws -> PendingMove {
        let raw: String = row["state"]
        guard let state = PendingMoveState(rawValue: raw) else {
            throw PanelError.invalidInput("the database holds an unknown value \"\(raw)\" in pending_moves.state; was the file edited by hand?")
        }
        return PendingMove(id: PendingMoveID(row["id"]), orderID: OrderID(row["order_id"]), domain: DomainName(storedASCII: row["domain"]),
                           fromCustomerID: CustomerID(row["from_customer_id"]), toCustomerID: CustomerID(row["to_customer_id"]),
                           retainContacts: row["retain_contacts"], state: state, requestedAt: row["requested_at"],
                           requestedBy: row["requested_by"], decidedAt: row["decided_at"], decidedBy: row["decided_by"])
    }
}
