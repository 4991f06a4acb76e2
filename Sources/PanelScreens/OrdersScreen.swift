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

    struct PageLoaded: Sendable {
        var generation: Int
        var offset: Int
        var result: Result<OrderPage, PanelError>
    }

    public init(session: PanelSession) {
        self.session = session
        rows = OrderRows(showsCustomer: !session.isCustomer)
    }

    public var title: String { "Orders" }
    public var capturesText: Bool { searchFocused }

    public var keyMap: KeyMap {
        if searchFocused {
            return KeyMap([
                KeyBinding([.enter, .escape, .down], label: "Results", description: "Leave the search field (the search is kept)",
                           action: "orders.results", keyText: "Enter/Esc/↓"),
            ])
        }
        var bindings = [
            KeyBinding(.enter, label: "Open", description: "Open the Order Details view", action: "orders.open"),
            KeyBinding(.char("/"), label: "Search", description: "Search by order ID, domain or username", action: "orders.search"),
            KeyBinding(.char("p"), label: "Product", description: "Filter by product (cycles)", action: "orders.product"),
            KeyBinding(.char("s"), label: "Status", description: "Filter by status (cycles)", action: "orders.status"),
            KeyBinding(.char("o"), label: "Sort", description: "Sort by ID, domain or expiry (cycles)", action: "orders.sort"),
            KeyBinding(.char("r"), label: "Reverse", description: "Reverse the sort order", action: "orders.reverse", showInFooter: false),
        ]
        if session.isCustomer {
            bindings.append(KeyBinding(.char("P"), label: "Profile", description: "Settings → Primary Profile (your Customer ID)",
                                       action: "orders.profile"))
        }
        if case .reseller = session.principal {
            bindings.append(KeyBinding(.char("T"), label: "Transfers", description: "Internal transfers: incoming, outgoing, renewal setting",
                                       action: "orders.transfers"))
        }
        bindings.append(KeyBinding(.char("C"), label: "SSL", description: "SSL Certificates: state, expiry, CSR entry, invoices", action: "orders.ssl"))
        bindings.append(KeyBinding(.char("M"), label: "Messages", description: "Messages: renewal notices and other notifications",
                                   action: "orders.outbox", showInFooter: false))
        bindings.append(KeyBinding(.char("K"), label: "SSH keys", description: "Settings → SSH Keys (the keys that open this panel over SSH)",
                                   action: "orders.keys", showInFooter: false))
        return KeyMap(bindings)
    }

    // MARK: - Update

    public mutating func update(_ event: ScreenEvent, context: ScreenContext) -> [Effect] {
        pageSize = max(1, context.size.height - 5)
        rows.isCompact = context.isCompact
        switch event {
        case .appear:
            return reload(keepSelection: true)
        case .action("orders.search"):
            searchFocused = true
        case .action("orders.results"):
            searchFocused = false
        case .action("orders.open"):
            guard let row = rows.loaded[table.selected] else { return [] }
            return [.push(OrderDetailsScreen(session: session, orderID: row.id))]
        case .action("orders.product"):
            query.product = Self.next(query.product, in: Product.allCases)
            return reload(keepSelection: false)
        case .action("orders.status"):
            query.status = Self.next(query.status, in: OrderStatus.allCases)
            return reload(keepSelection: false)
        case .action("orders.sort"):
            query.sort = Self.next(query.sort, in: OrderQuery.Sort.allCases) ?? .id
            return reload(keepSelection: false)
        case .action("orders.reverse"):
            query.descending.toggle()
            return reload(keepSelection: false)
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
        default:
            break
        }
        return []
    }

    private mutating func edit(_ input: InputEvent) -> [Effect] {
        guard search.handle(input) == .changed else { return [] }
        query.text = search.text
        return reload(keepSelection: false)
    }

    /// A new query: forget the loaded rows and fetch the window at the selection.
    private mutating func reload(keepSelection: Bool) -> [Effect] {
        generation += 1
        rows.loaded = [:]
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
        let session = session, generation = generation, offset = page.offset
        return [.run {
            PageLoaded(generation: generation, offset: offset, result: session.attempt {
                try session.database.searchOrders(as: session.acting, page)
            })
        }]
    }

    private mutating func apply(_ page: PageLoaded) {
        guard page.generation == generation else { return }
        switch page.result {
        case .success(let result):
            error = nil
            rows.total = result.total
            rows.totalIsCapped = result.totalIsCapped
            for (index, row) in result.rows.enumerated() { rows.loaded[page.offset + index] = row }
            table.select(min(table.selected, max(0, result.total - 1)), count: result.total, pageSize: pageSize)
        case .failure(let failure):
            error = failure.message
        }
    }

    static func next<T: Equatable>(_ value: T?, in all: [T]) -> T? {
        guard let value, let index = all.firstIndex(of: value) else { return all.first }
        return index + 1 < all.count ? all[index + 1] : nil
    }

    // MARK: - View

    public func view(into buffer: inout Buffer, area: Rect, context: ViewContext) {
        let theme = context.theme
        guard area.height >= 3 else { return }
        let label = "Search "
        buffer.write(label, x: area.x, y: area.y, style: searchFocused ? theme[.accent] : theme[.text])
        let filters = filterText
        let filterWidth = context.isCompact ? 0 : min(displayWidth(filters), max(0, area.width / 2))
        let fieldWidth = max(1, area.width - displayWidth(label) - filterWidth - 1)
        search.render(into: &buffer, area: Rect(x: area.x + displayWidth(label), y: area.y, width: fieldWidth, height: 1),
                      theme: theme, focused: searchFocused)
        if filterWidth > 0 {
            buffer.write(filters, in: Rect(x: area.maxX - filterWidth, y: area.y, width: filterWidth, height: 1), style: theme[.muted],
                         alignment: .right)
        }
        if let error {
            buffer.write(StatusKind.danger.label(error), in: area.row(1), style: theme[.danger])
        } else if context.isCompact {
            buffer.write(filters, in: area.row(1), style: theme[.muted])
        }
        let tableArea = Rect(x: area.x, y: area.y + 2, width: area.width, height: area.height - 3)
        Table(columns: rows.columns(), emptyMessage: query.text.isEmpty ? "No orders." : "No orders match \"\(query.text)\".")
            .render(into: &buffer, area: tableArea, data: rows, state: table, theme: theme, focused: !searchFocused)
        buffer.write(positionText, in: area.row(area.height - 1), style: theme[.muted], alignment: .right)
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
        number.formatted(.number.grouping(.automatic).locale(Locale(identifier: "en_US")))
    }
}
