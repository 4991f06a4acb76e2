import Foundation
import PanelModel
import PanelStore
import Terminal

/// Seed 000 step 2: "Search for the Digital Certificate Order and proceed to the Order Details
/// view". Type-ahead search, filters by product and status, sorting, and a lazily loaded list
/// that fetches only the rows around what is on screen.
public struct OrdersScreen: SessionScreen {
    let session: PanelSession
    var search = TextField(placeholder: "order ID, domain (bücher or xn--bcher)…", maxLength: 253)
    var searchFocused = false
    var query = OrderQuery(limit: 0)
    var rows: OrderRows
    var table = TableState()
    var pageSize = 20
    /// Bumped on every query change, so a late page of an old query is ignored.
    var generation = 0
    var error: String?
    /// The order selected before a reload: the selection follows it if it is still listed.
    var keepOrder: OrderID?
    /// True from a new query until its first rows arrive and replace the old ones.
    var replacesRows = false
    /// The product, status or sort picker while it is open.
    var picker: (kind: PickerKind, ChoicePicker)?
    /// What the search matched when it is more than a domain substring (from the store).
    var matchNote: String?
    /// A row action (open, move, …) pressed while a new query's rows were still on their way:
    /// run on the new rows when they arrive, so `/1019` Enter Enter opens 1019 however fast it
    /// is typed, never the order that was selected before.
    var deferredRowAction: ActionID?
    static let rowActions: Set<ActionID> = ["orders.open", "orders.move", "orders.csr", "orders.history", "orders.suspend",
                                            "orders.unsuspend", "orders.reissue", "orders.pem"]

    enum PickerKind { case product, status, sort }

    struct PageLoaded: Sendable {
        var generation: Int
        var offset: Int
        var result: Result<OrderPage, PanelError>
        /// Which of the page's orders wait in a pending move ("move pending" in their row).
        var movePending: Set<OrderID> = []
    }

    public init(session: PanelSession) {
        self.session = session
        rows = OrderRows(showsCustomer: !session.isCustomer)
    }

    public var title: String { "Orders" }
    public var capturesText: Bool { searchFocused || picker != nil }

    /// True when the list is narrowed or reordered: Esc then clears it.
    var isFiltered: Bool { !query.text.isEmpty || query.product != nil || query.status != nil || query.sort != .id || query.descending }

    var selectedOrder: OrderSummary? { rows.loaded[table.selected] }

    public var keyMap: KeyMap {
        if picker != nil {
            return KeyMap([KeyBinding(.escape, label: "Close", description: "Close without changing anything", action: "orders.closePicker")])
        }
        if searchFocused {
            return KeyMap([
                KeyBinding([.enter, .escape, .down], label: "Results", description: "Leave the search field (the search is kept)",
                           action: "orders.results", keyText: "Enter/Esc/↓"),
            ])
        }
        var bindings = [
            KeyBinding(.enter, label: "Open", description: "Open the Order Details view", action: "orders.open"),
            KeyBinding(.char("/"), label: "Search", description: "Search by order ID, domain or username", action: "orders.search"),
            KeyBinding(.char("p"), label: "Product", description: "Filter by product (pick from a list)", action: "orders.product"),
            KeyBinding(.char("s"), label: "Status", description: "Filter by status (pick from a list)", action: "orders.status"),
            KeyBinding(.char("o"), label: "Sort", description: "Sort by ID, domain or expiry, either way (pick from a list)", action: "orders.sort"),
        ]
        if isFiltered {
            bindings.append(KeyBinding(.escape, label: "Clear filter", description: "Clear the search, filters and sort", action: "orders.clear"))
        }
        bindings += [
            KeyBinding(.char("m"), label: "Move", description: "Move Services for the selected order", action: "orders.move", showInFooter: false),
            KeyBinding(.char("c"), label: "Enter CSR", description: "Enter the CSR the selected order's certificate waits for",
                       action: "orders.csr", showInFooter: false),
            KeyBinding(.char("R"), label: "Reissue", description: "Reissue the selected order's certificate (asks first)",
                       action: "orders.reissue", showInFooter: false),
            KeyBinding(.char("v"), label: "View PEM", description: "Show the selected order's certificate as PEM", action: "orders.pem",
                       showInFooter: false),
            KeyBinding(.char("h"), label: "History", description: "The selected order's history", action: "orders.history",
                       showInFooter: false),
        ]
        if !session.isCustomer {
            bindings.append(KeyBinding(.char("S"), label: "Suspend", description: "Suspend the selected order (asks for a reason)",
                                       action: "orders.suspend", showInFooter: false))
            bindings.append(KeyBinding(.char("U"), label: "Unsuspend", description: "Unsuspend the selected order (asks for a reason)",
                                       action: "orders.unsuspend", showInFooter: false))
        }
        if session.isCustomer {
            bindings.append(KeyBinding(.char("P"), label: "Profile", description: "Settings → Primary Profile (your Customer ID)",
                                       action: "orders.profile"))
        }
        if case .reseller = session.principal {
            bindings.append(KeyBinding(.char("T"), label: "Transfers", description: "Internal transfers: incoming, outgoing, renewal setting",
                                       action: "orders.transfers"))
        }
        bindings.append(KeyBinding(.char("W"), label: "Pending moves", description: "Pending moves in and out: accept, decline or cancel",
                                   action: "orders.pendingMoves", showInFooter: false))
        bindings.append(KeyBinding(.char("C"), label: "SSL", description: "SSL Certificates: state, expiry, CSR entry, invoices", action: "orders.ssl"))
        bindings.append(KeyBinding(.char("M"), label: "Messages", description: "Messages: renewal notices and other notifications",
                                   action: "orders.outbox", showInFooter: false))
        bindings.append(KeyBinding(.char("K"), label: "SSH keys", description: "Settings → SSH Keys (the keys that open this panel over SSH)",
                                   action: "orders.keys", showInFooter: false))
        return KeyMap(bindings)
    }

    // MARK: - Update

    public mutating func update(_ event: ScreenEvent, context: ScreenContext) -> [Effect] {
        // Rows on screen: the content area less the search line, a blank, the table header and
        // the position line.
        pageSize = max(1, context.size.height - 4)
        rows.isCompact = context.isCompact
        if let (kind, shown) = picker {
            if case .action("orders.closePicker") = event { picker = nil; return [] }
            guard case .input(let input) = event else { return [] }
            var updated = shown
            switch updated.handle(input) {
            case .chosen(let index)?:
                picker = nil
                return choose(index, for: kind)
            case .cancelled?: picker = nil
            case nil: picker = (kind, updated)
            }
            return []
        }
        if replacesRows, case .action(let action) = event, Self.rowActions.contains(action) {
            deferredRowAction = action
            return []
        }
        switch event {
        case .appear, .refresh:
            return reload(keepSelection: true)
        case .action("orders.search"):
            searchFocused = true
        case .action("orders.results"):
            searchFocused = false
        case .action("orders.clear"):
            search.setText("")
            query = OrderQuery(limit: 0)
            return [.toast(Toast("Search, filters and sort cleared", kind: .info))] + reload(keepSelection: false)
        case .action("orders.open"):
            guard let row = selectedOrder else { return [] }
            return [.push(OrderDetailsScreen(session: session, orderID: row.id))]
        case .action("orders.move"):
            return act("details.move")
        case .action("orders.csr"):
            return act("details.csr")
        case .action("orders.history"):
            return act("details.history")
        case .action("orders.suspend"):
            return act("details.suspend")
        case .action("orders.unsuspend"):
            return act("details.unsuspend")
        case .action("orders.reissue"), .action("orders.pem"):
            guard let row = selectedOrder else { return [] }
            guard row.product == .digitalCertificate else {
                return [.toast(Toast("Order \(row.id) is a \(row.product.displayName) order: it has no certificate", kind: .warning))]
            }
            let action: ActionID = event.isAction("orders.reissue") ? "cert.reissue" : "cert.pem"
            return [.push(SSLCertificateScreen(session: session, orderID: row.id, then: action))]
        case .action("orders.product"):
            picker = (.product, ChoicePicker(title: "Product", options: ["All"] + Product.allCases.map(\.displayName),
                                             current: query.product.flatMap { Product.allCases.firstIndex(of: $0) }.map { $0 + 1 } ?? 0))
        case .action("orders.status"):
            picker = (.status, ChoicePicker(title: "Status", options: ["All"] + OrderStatus.allCases.map(\.displayName),
                                            current: query.status.flatMap { OrderStatus.allCases.firstIndex(of: $0) }.map { $0 + 1 } ?? 0))
        case .action("orders.sort"):
            let current = Self.sorts.firstIndex { $0.sort == query.sort && $0.descending == query.descending } ?? 0
            picker = (.sort, ChoicePicker(title: "Sort", options: Self.sorts.map(\.label), current: current))
        case .action("orders.profile"):
            return [.push(ProfileScreen(session: session))]
        case .action("orders.keys"):
            return [.push(KeysScreen(session: session))]
        case .action("orders.transfers"):
            return [.push(TransfersScreen(session: session))]
        case .action("orders.ssl"):
            return [.push(SSLStatusScreen(session: session))]
        case .action("orders.outbox"):
            return [.push(OutboxScreen(session: session))]
        case .action("orders.pendingMoves"):
            return [.push(PendingMovesScreen(session: session))]
        case .input(.paste(let text)):
            // A paste always goes to the search field (never to shortcuts).
            searchFocused = true
            return edit(.paste(text))
        case .input(let input) where searchFocused:
            return edit(input)
        case .input(.key(let key)):
            if table.handle(key, count: rows.total, pageSize: pageSize) { return fetchVisible() }
        case .input(.mouse(let mouse)):
            // Mouse rows are screen rows: header line, search line, blank, table header, then rows.
            if table.handle(mouse, rowsArea: Rect(x: 0, y: 4, width: context.size.width, height: pageSize), count: rows.total) {
                return fetchVisible()
            }
        case .message(let page as PageLoaded):
            apply(page)
            if !replacesRows, let action = deferredRowAction {
                deferredRowAction = nil
                return update(.action(action), context: context)
            }
        default:
            break
        }
        return []
    }

    /// Sort choices, each way.
    static let sorts: [(label: String, sort: OrderQuery.Sort, descending: Bool)] = [
        ("Order ID, lowest first", .id, false), ("Order ID, highest first", .id, true),
        ("Domain, A to Z", .domain, false), ("Domain, Z to A", .domain, true),
        ("Expiry, soonest first", .expiry, false), ("Expiry, latest first", .expiry, true),
    ]

    private mutating func choose(_ index: Int, for kind: PickerKind) -> [Effect] {
        switch kind {
        case .product: query.product = index == 0 ? nil : Product.allCases[index - 1]
        case .status: query.status = index == 0 ? nil : OrderStatus.allCases[index - 1]
        case .sort:
            query.sort = Self.sorts[index].sort
            query.descending = Self.sorts[index].descending
        }
        return reload(keepSelection: false)
    }

    /// Opens the selected order's details and runs one of their actions there, where the
    /// order's rules decide (and say why not).
    private func act(_ action: ActionID) -> [Effect] {
        guard let row = selectedOrder else { return [] }
        return [.push(OrderDetailsScreen(session: session, orderID: row.id, then: action))]
    }

    private mutating func edit(_ input: InputEvent) -> [Effect] {
        guard search.handle(input) == .changed else { return [] }
        query.text = search.text
        return reload(keepSelection: false)
    }

    /// A new query: forget the loaded rows and fetch the window at the selection.
    private mutating func reload(keepSelection: Bool) -> [Effect] {
        generation += 1
        keepOrder = keepSelection ? selectedOrder?.id : nil
        // The rows on screen stay until the new query's rows arrive (typing never blanks the
        // list); `apply` replaces them then.
        replacesRows = true
        if !keepSelection { table = TableState() }
        return fetch(around: table.selected)
    }

    private func fetchVisible() -> [Effect] {
        let range = table.offset..<min(rows.total, table.offset + pageSize + 1)
        let selected = table.selected..<min(rows.total, table.selected + 1)
        guard rows.missing(in: range) || rows.missing(in: selected) else { return [] }
        return fetch(around: table.selected)
    }

    /// Fetches three screens of rows around `index`, with the total count.
    private func fetch(around index: Int) -> [Effect] {
        var page = query
        page.offset = max(0, index - pageSize)
        page.limit = pageSize * 3
        let session = session, generation = generation, offset = page.offset, request = page
        // Keyed: the next keystroke's page replaces (and cancels) this one.
        return [.run(key: "orders.page") {
            let result = session.attempt { try session.database.searchOrders(as: session.acting, request) }
            // A second small read for the page's rows; a failure only leaves the note out.
            let ids = (try? result.get().rows.map(\.id)) ?? []
            let pending = (try? session.database.ordersWithPendingMove(among: ids, as: session.acting)) ?? []
            return PageLoaded(generation: generation, offset: offset, result: result, movePending: pending)
        }]
    }

    private mutating func apply(_ page: PageLoaded) {
        guard page.generation == generation else { return }
        if replacesRows {
            rows.loaded = [:]
            replacesRows = false
        }
        switch page.result {
        case .success(let result):
            error = nil
            rows.total = result.total
            rows.totalIsCapped = result.totalIsCapped
            matchNote = result.matchNote
            for (index, row) in result.rows.enumerated() { rows.loaded[page.offset + index] = row }
            rows.movePending.subtract(result.rows.map(\.id))
            rows.movePending.formUnion(page.movePending)
            // The selection stays on the same order when it is still in the window.
            let kept = keepOrder.flatMap { id in result.rows.firstIndex { $0.id == id } }.map { page.offset + $0 }
            keepOrder = nil
            table.select(kept ?? min(table.selected, max(0, result.total - 1)), count: result.total, pageSize: pageSize)
        case .failure(let failure):
            error = failure.message
        }
    }

    // MARK: - View

    public func view(into buffer: inout Buffer, area: Rect, context: ViewContext) {
        let theme = context.theme
        guard area.height >= 3 else { return }
        let label = "Search "
        buffer.write(label, x: area.x, y: area.y, style: searchFocused ? theme[.accent] : theme[.text])
        let filters = filterText
        // The filter summary takes what the search field (at least 24 columns) leaves.
        let filterWidth = context.isCompact ? 0 : min(displayWidth(filters), max(0, area.width - displayWidth(label) - 25))
        let fieldWidth = max(1, area.width - displayWidth(label) - filterWidth - 1)
        search.render(into: &buffer, area: Rect(x: area.x + displayWidth(label), y: area.y, width: fieldWidth, height: 1),
                      theme: theme, focused: searchFocused)
        if filterWidth > 0 {
            buffer.write(filters, in: Rect(x: area.maxX - filterWidth, y: area.y, width: filterWidth, height: 1), style: theme[.muted],
                         alignment: .right)
        }
        if let error {
            buffer.write(StatusKind.danger.label(error), in: area.row(1), style: theme[.danger])
        } else if let matchNote, !query.text.isEmpty {
            buffer.write("Matching " + matchNote, in: area.row(1), style: theme[.muted])
        } else if context.isCompact {
            buffer.write(filters, in: area.row(1), style: theme[.muted])
        }
        let tableArea = Rect(x: area.x, y: area.y + 2, width: area.width, height: area.height - 3)
        Table(columns: rows.columns(), emptyMessage: query.text.isEmpty ? "No orders." : "No orders match \"\(query.text)\".")
            .render(into: &buffer, area: tableArea, data: rows, state: table, theme: theme, focused: !searchFocused)
        buffer.write(positionText, in: area.row(area.height - 1), style: theme[.muted], alignment: .right)
        if isFiltered && !searchFocused {
            buffer.write("Esc clears the filter", in: area.row(area.height - 1), style: theme[.muted])
        }
        if let (_, shown) = picker { shown.render(into: &buffer, area: area, theme: theme) }
    }

    var filterText: String {
        let product = query.product?.displayName ?? "All"
        let status = query.status?.displayName ?? "All"
        let sort = "\(query.sort == .id ? "ID" : query.sort.rawValue.capitalized) \(query.descending ? "↓" : "↑")"
        return "Product: \(product) · Status: \(status) · Sort: \(sort)"
    }

    /// "1-28 of 12,408" for the rows on screen.
    var positionText: String {
        guard rows.total > 0 else { return "0 orders" }
        let top = TableState.visibleOffset(selected: table.selected, offset: table.offset, count: rows.total, height: pageSize)
        let last = min(rows.total, top + pageSize)
        return "\(Self.grouped(top + 1))-\(Self.grouped(last)) of \(Self.grouped(rows.total))\(rows.totalIsCapped ? "+ (type more to narrow)" : "")"
    }

    static func grouped(_ number: Int) -> String {
        GroupedNumber.text(number)
    }
}
