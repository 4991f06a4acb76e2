import Foundation
import PanelModel
import PanelStore
import Terminal

/// The Order Details view: status, product, domain in both forms, customer, the Move Services
/// pre-flight list, contacts, certificate, invoices and related services (by registrable
/// domain), with "Move Services" at the top right, enabled or disabled with its reason. Resellers and operators suspend and unsuspend here.
public struct OrderDetailsScreen: SessionScreen {
    let session: PanelSession
    let orderID: OrderID
    var detail: OrderDetail?
    var problems: [MoveServicesPolicy.Problem] = []
    var error: String?
    var scroll = 0
    var dialog: Dialog?
    var prompt: (change: SuspensionPolicy.Change, ReasonPrompt)?
    /// An action asked for from the order list, run once the order has loaded.
    var pendingAction: ActionID?
    /// The move this order waits in, if any (PendingMoves.swift): shown as "move pending".
    var pendingMove: PanelDatabase.PendingMoveInfo?

    struct Loaded: Sendable { var result: Result<OrderDetail, PanelError>; var pendingMove: PanelDatabase.PendingMoveInfo? = nil }
    struct Changed: Sendable { var change: SuspensionPolicy.Change; var result: Result<String, PanelError> }

    public init(session: PanelSession, orderID: OrderID, then action: ActionID? = nil) {
        self.session = session
        self.orderID = orderID
        pendingAction = action
    }

    public var title: String { "Order \(orderID)" }
    /// While a dialog or the reason prompt is open every key belongs to it: letters arrive as
    /// input (so q and ? do not quit or open help) and Esc is claimed below.
    public var capturesText: Bool { dialog != nil || prompt != nil }

    var canSuspend: Bool { !session.isCustomer }

    /// Whether a CSR may be entered for this order's certificate now (the model's rule).
    var csrEntry: CSREntry? {
        guard let detail, let certificate = detail.certificate else { return nil }
        let renewalInvoice = certificate.renewalInvoiceNumber.flatMap { number in detail.invoices.first { $0.number == number } }
        return CSREntry.decide(order: detail.order.id, orderStatus: detail.order.status, state: certificate.state, renewalInvoice: renewalInvoice)
    }

    public var keyMap: KeyMap {
        if dialog != nil || prompt != nil {
            return KeyMap([KeyBinding(.escape, label: "Close", description: "Close without doing anything", action: "details.escape")])
        }
        var bindings = [
            KeyBinding(.char("m"), label: "Move Services",
                       description: detail?.order.product == .domain ? "Move this Domain order (on its own) to another customer"
                           : "Move this order and its related services to another customer",
                       action: "details.move"),
            KeyBinding(.char("h"), label: "History", description: "Every event of this order, with its transaction IDs", action: "details.history"),
            KeyBinding([.char("j"), .down], label: "Scroll", description: "Scroll down", action: "details.down", showInFooter: false),
            KeyBinding([.char("k"), .up], label: "Scroll up", description: "Scroll up", action: "details.up", showInFooter: false),
            KeyBinding(.char("q"), label: "Back", description: "Back to the order list", action: "details.back"),
        ]
        if csrEntry?.isAllowed == true {
            bindings.insert(KeyBinding(.char("c"), label: "Enter CSR", description: "Paste the CSR this certificate waits for", action: "details.csr"), at: 1)
        }
        if canSuspend, let status = detail?.order.status {
            if status == .suspended {
                bindings.insert(KeyBinding(.char("U"), label: "Unsuspend", description: "Unsuspend this order (asks for a reason)",
                                           action: "details.unsuspend"), at: 1)
            } else if status == .active {
                bindings.insert(KeyBinding(.char("S"), label: "Suspend", description: "Suspend this order (asks for a reason)",
                                           action: "details.suspend"), at: 1)
            }
        }
        return KeyMap(bindings)
    }

    // MARK: - Update

    public mutating func update(_ event: ScreenEvent, context: ScreenContext) -> [Effect] {
        let event: ScreenEvent = if case .action("details.escape") = event { .input(.key(.escape)) } else { event }
        if var shown = dialog, case .input(let input) = event {
            if shown.handle(input) != nil { dialog = nil } else { dialog = shown }
            return []
        }
        if let (change, shown) = prompt, case .input(let input) = event {
            var updated = shown
            switch updated.handle(input) {
            case .confirmed(let reason):
                prompt = nil
                return apply(change, reason: reason)
            case .cancelled:
                prompt = nil
            case nil:
                prompt = (change, updated)
            }
            return []
        }
        switch event {
        case .appear, .refresh:
            return load()
        case .action("details.back"):
            return [.pop]
        case .action("details.history"):
            return [.push(OrderHistoryScreen(session: session, orderID: orderID))]
        case .action("details.down"):
            scroll += 1
        case .action("details.up"):
            scroll = max(0, scroll - 1)
        case .action("details.move"):
            guard let detail else { return [] }
            if let pendingMove {
                dialog = Dialog(title: "Attention", message: PendingMovePolicy.alreadyPending(pendingMove.move))
                return []
            }
            if problems.isEmpty {
                return [.push(MoveServicesScreen(session: session, detail: detail))]
            }
            dialog = Dialog(title: "Attention", message: problems.map { "• " + $0.message }.joined(separator: "\n\n"))
        case .action("details.csr"):
            guard let detail, let certificate = detail.certificate, let purpose = csrEntry?.purpose else { return [] }
            return [.push(CSREntryScreen(session: session, target: .init(orderID: orderID, domain: detail.order.domain, type: certificate.type,
                                                                          additionalNames: certificate.additionalNames, purpose: purpose)))]
        case .action("details.suspend"):
            prompt = (.suspend, ReasonPrompt(title: "Suspend order \(orderID)", message: "Suspending stops the services of order \(orderID) (\(detail?.order.domain.unicode ?? "")) until it is unsuspended.", confirmLabel: "Suspend"))
        case .action("details.unsuspend"):
            prompt = (.unsuspend, ReasonPrompt(title: "Unsuspend order \(orderID)", message: "Unsuspending makes order \(orderID) (\(detail?.order.domain.unicode ?? "")) active again.", confirmLabel: "Unsuspend"))
        case .message(let loaded as Loaded):
            loaded.result.load(into: &detail, error: &error, dropOnFailure: true)
            pendingMove = loaded.pendingMove
            problems = detail.map { $0.movePreflight(actingAs: session.acting, now: session.clock.now) } ?? []
            if detail != nil, let action = pendingAction {
                pendingAction = nil
                return PendingAction.run(action, on: &self, context: context)
            }
        case .message(let changed as Changed):
            switch changed.result {
            case .success(let transaction):
                let verb = changed.change == .suspend ? "suspended" : "unsuspended"
                return [.toast(Toast("Order \(orderID) \(verb) (transaction \(transaction.prefix(8)))", kind: .ok))] + load()
            case .failure(let failure):
                // Changed meanwhile (by someone else, say): the reason, and what is true now.
                dialog = Dialog(title: "Attention", message: failure.message)
                return load()
            }
        default:
            break
        }
        return []
    }

    private func load() -> [Effect] {
        let session = session, orderID = orderID
        return [.run {
            Loaded(result: session.attempt { try session.database.orderDetail(orderID, as: session.acting) },
                   pendingMove: try? session.database.pendingMove(forOrder: orderID, as: session.acting))
        }]
    }

    private func apply(_ change: SuspensionPolicy.Change, reason: String) -> [Effect] {
        let session = session, orderID = orderID
        return [.run {
            Changed(change: change, result: session.attempt {
                try session.database.change(change, order: orderID, reason: reason, as: session.acting, clock: session.clock)
            })
        }]
    }

    // MARK: - View

    public func view(into buffer: inout Buffer, area: Rect, context: ViewContext) {
        let theme = context.theme
        guard let detail else {
            LoadingLine.draw(error: error, loading: "Loading order \(orderID)…", into: &buffer, area: area, theme: theme)
            return
        }
        // Move Services, top right, as in the web panel.
        let blocks = (pendingMove == nil ? [] : ["move pending"]) + problems.map(\.shortLabel)
        let move = blocks.isEmpty ? "[m] Move Services" : "✗ Move Services: \(blocks.uniqued().joined(separator: ", "))"
        let moveWidth = min(displayWidth(move), area.width / 2)
        buffer.write(move, in: Rect(x: area.maxX - moveWidth, y: area.y, width: moveWidth, height: 1),
                     style: blocks.isEmpty ? theme[.accent].with(.bold) : theme[.muted], alignment: .right)
        let heading = "\(detail.order.product.displayName) · \(detail.order.domain.unicode)"
        buffer.write(heading, in: Rect(x: area.x, y: area.y, width: max(0, area.width - moveWidth - 1), height: 1),
                     style: theme[.title].with(.bold))
        var lines = Self.lines(detail, session: session, now: session.clock.now, width: area.width, problems: problems)
        if let pendingMove {
            // Right under Status: the order has not moved yet.
            let note = PendingMovePolicy.orderNote(pendingMove.move, toUsername: pendingMove.toUsername)
            lines.insert(.init("Move".padding(toLength: 14, withPad: " ", startingAt: 0) + StatusKind.info.label(note), role: .warning),
                         at: min(lines.count, (lines.firstIndex { $0.text.hasPrefix("Status") } ?? -1) + 1))
        }
        let body = Rect(x: area.x, y: area.y + 2, width: area.width, height: max(0, area.height - 2))
        LineList.draw(lines, into: &buffer, area: body, theme: theme, scroll: scroll)
        if let dialog { dialog.render(into: &buffer, area: area, theme: theme) }
        if let prompt { prompt.1.render(into: &buffer, area: area, theme: theme) }
    }

    static func lines(_ detail: OrderDetail, session: PanelSession, now: Date, width: Int,
                      problems: [MoveServicesPolicy.Problem]) -> [Paragraph.Line] {
        let order = detail.order
        var lines: [Paragraph.Line] = []
        func field(_ name: String, _ value: String, _ role: ThemeRole = .text) {
            lines.append(.init(name.padding(toLength: 14, withPad: " ", startingAt: 0) + value, role: role))
        }
        if order.status == .suspended {
            let text = session.isCustomer
                ? "This order is suspended. Ask your reseller, \(detail.reseller.name), to unsuspend it before moving it."
                : "This order is suspended. Unsuspend it (U) before moving it."
            lines += TextLayout.wrap(StatusKind.warning.label(text), width: max(1, width)).map { .init($0, role: .warning) }
            if let reason = detail.suspensionReason {
                // Indented under the banner's text, past its symbol.
                lines += TextLayout.wrap("Reason given: \(reason)", width: max(1, width - 2)).map { .init("  " + $0, role: .warning) }
            }
            lines.append(.init(""))
        }
        let status = StatusText.kind(order.status)
        field("Status", status.label(order.status.displayName), status == .ok ? .ok : status.role)
        field("Order ID", order.id.description)
        field("Product", order.product.displayName)
        field("Domain", order.domain.isInternationalized ? "\(order.domain.unicode)  (A-label \(order.domain.ascii))" : order.domain.ascii)
        field("Customer", "\(detail.customer.name) · \(detail.customer.username) · Customer ID \(detail.customer.id)")
        field("Reseller", detail.reseller.name)
        field("Created", OrderRows.date(order.createdAt))
        field("Expires", "\(OrderRows.date(order.expiresAt)) (\(now.calendarDays(until: order.expiresAt)) days)")
        if let moneyBack = order.moneyBackUntil, order.isInMoneyBackPeriod(at: now) {
            field("Money back", "until \(OrderRows.date(moneyBack))", .warning)
        }
        field("Transfer lock", order.transferLock ? "On" : "Off")
        field("Processing", order.processingAction.map { StatusKind.warning.label($0) } ?? "nothing", order.processingAction == nil ? .text : .warning)
        if let certificate = detail.certificate {
            let kind = StatusText.kind(certificate.state)
            var text = kind.label(certificate.state.displayName) + " · " + certificate.type.displayName
            if let validTo = certificate.validTo, let days = certificate.daysLeft(at: now) {
                text += " · valid until \(OrderRows.date(validTo)) (\(days >= 0 ? "\(days) days left" : "expired \(-days) days ago"))"
            }
            field("Certificate", text, kind == .ok ? .text : kind.role)
            if !certificate.additionalNames.isEmpty { field("", "also " + certificate.additionalNames.joined(separator: ", ")) }
        }
        lines.append(.init(""))
        lines += preflightLines(detail, problems: problems, session: session, width: width)
        lines.append(.init(""))
        lines.append(.init("Contacts", role: .title))
        for role in ContactRole.allCases {
            let value = detail.contacts[role].map { contact in
                "\(contact.handle) · \(contact.name)\(contact.organisation.map { " · \($0)" } ?? "") · \(contact.country)\(contact.isCEDContact ? " · CED contact" : "")"
            } ?? "none"
            field("  " + role.rawValue.capitalized, value)
        }
        lines.append(.init(""))
        lines.append(.init("Invoices", role: .title))
        if detail.invoices.isEmpty { lines.append(.init("  none", role: .muted)) }
        for invoice in detail.invoices {
            let kind = StatusText.kind(invoice.status)
            lines.append(.init("  \(invoice.number)  \(invoice.amount)  \(kind.label(invoice.status.rawValue))  issued \(OrderRows.date(invoice.issuedAt))  due \(OrderRows.date(invoice.dueAt))",
                               role: invoice.status == .pending ? .warning : .text))
        }
        lines.append(.init(""))
        // Services are grouped by registrable domain: a certificate for www.example.co.uk is a
        // service of example.co.uk, so each row names its own domain when it differs.
        lines.append(.init("Related services on \(detail.registrableDomainUnicode)", role: .title))
        if detail.relatedServices.isEmpty { lines.append(.init("  none", role: .muted)) }
        for related in detail.relatedServices {
            let kind = StatusText.kind(related.status)
            let name = related.domain.ascii == detail.registrableDomain ? "" : "  \(related.domain.unicode)"
            let processing = related.processingAction.map { " · processing: \($0)" } ?? ""
            let pending = detail.relatedInvoices.filter { $0.orderID == related.id && $0.status == .pending }.map { " · pending invoice \($0.number)" }.joined()
            lines.append(.init("  \(related.id)  \(related.product.displayName)\(name)  \(kind.label(related.status.displayName))\(processing)\(pending)",
                               role: processing.isEmpty && pending.isEmpty ? .text : .warning))
        }
        return lines
    }

    /// The pre-flight list: every order-side blocker with its fix, before the form opens. A
    /// movable order gets one line (what moves with it, what stays), so the rest of the page
    /// keeps its place; what depends on the new customer is for the form (and `orders show`).
    static func preflightLines(_ detail: OrderDetail, problems: [MoveServicesPolicy.Problem], session: PanelSession,
                               width: Int) -> [Paragraph.Line] {
        let snapshot = detail.moveSnapshot(actingAs: session.acting)
        // Wrapped lines hang two columns in, past the "✗ " or "→ " they follow.
        func indented(_ text: String, _ first: String, role: ThemeRole) -> [Paragraph.Line] {
            let rest = first + "  "
            return TextLayout.wrap(text, width: max(1, width - rest.count)).enumerated()
                .map { .init(($0.offset == 0 ? first : rest) + $0.element, role: role) }
        }
        func names(_ orders: [Order]) -> String { orders.map { "\($0.id) \($0.product.displayName)" }.joined(separator: ", ") }
        let staying = snapshot.stayingServices
        let stays = staying.isEmpty ? ""
            : "\(names(staying)) stay\(staying.count == 1 ? "s" : "") until moved next (a Domain order moves on its own)"
        guard !problems.isEmpty else {
            var text = "Move Services: nothing on this order stops a move"
            let with = snapshot.movingServices.dropFirst()
            if !with.isEmpty { text += " · moves with \(names(Array(with)))" }
            if !stays.isEmpty { text += " · " + stays }
            return indented(text, "", role: .title)
        }
        var lines: [Paragraph.Line] = [.init("Move Services: \(problems.count) to fix before moving", role: .title)]
        for problem in problems {
            lines += indented(StatusKind.danger.label(problem.statement), "  ", role: .danger)
            if !problem.fix.isEmpty { lines += indented("→ " + problem.fix, "    ", role: .text) }
        }
        if !stays.isEmpty { lines += indented(stays.prefix(1).uppercased() + stays.dropFirst() + ".", "  ", role: .muted) }
        return lines
    }
}
