import Foundation
import PanelModel
import PanelStore
import Terminal

/// Seed 004's "SSL Certificates": every paid certificate of the principal with its type, state,
/// domain, expiry and days left (the state word and a symbol, coloured as expiry nears), and
/// the invoices issued and paid. `s` filters by state, `o` sorts by days left; Enter opens one.
/// The store filters, sorts and counts; the screen shows the first `pageLimit` rows.
public struct SSLStatusScreen: SessionScreen {
    static let pageLimit = 500

    let session: PanelSession
    var page: SSLCertificatePage?
    var query = SSLCertificateQuery(limit: SSLStatusScreen.pageLimit)
    var table = TableState()
    var error: String?
    /// Marks and the open bulk step (SSLBulkActions.swift).
    var bulk = SSLBulkState()

    struct Loaded: Sendable { var result: Result<SSLCertificatePage, PanelError> }

    public init(session: PanelSession) { self.session = session }

    public var title: String { "SSL Certificates" }
    public var capturesText: Bool { bulk.directory != nil }

    public var keyMap: KeyMap {
        if let keys = bulkStepKeys { return keys }
        let marked = bulk.marked.count
        return KeyMap([
            KeyBinding(.enter, label: "Open", description: "The certificate's details, CSR and invoices", action: "ssl.open"),
            KeyBinding(.char("s"), label: "State", description: "Filter by state (cycles)", action: "ssl.state"),
            KeyBinding(.char("o"), label: "Sort", description: "Sort by days left or by order (cycles)", action: "ssl.sort"),
            KeyBinding(.char("c"), label: "Enter CSR", description: "Enter the CSR the selected certificate waits for", action: "ssl.csr", showInFooter: false),
            KeyBinding(.char("R"), label: "Reissue", description: "Reissue the marked certificates, or the selected one (asks first)", action: "ssl.reissue", showInFooter: marked > 0),
            KeyBinding(.char("v"), label: "View PEM", description: "Show the selected certificate as PEM", action: "ssl.pem", showInFooter: false),
            KeyBinding(.char("q"), label: "Back", description: "Back to the order list", action: "ssl.back"),
        ] + markBindings)
    }

    var shown: [SSLCertificateRow] { page?.rows ?? [] }

    private func load() -> [Effect] {
        let session = session, query = query
        return [.run { Loaded(result: session.attempt { try session.database.sslCertificatePage(query, for: session.acting, now: session.clock.now) }) }]
    }

    public mutating func update(_ event: ScreenEvent, context: ScreenContext) -> [Effect] {
        if let effects = updateBulk(event, context: context) { return effects }
        switch event {
        case .appear, .refresh:
            return load()
        case .action("ssl.back"):
            return [.pop]
        case .action("ssl.open"):
            let rows = shown
            guard rows.indices.contains(table.selected) else { return [] }
            return [.push(SSLCertificateScreen(session: session, orderID: rows[table.selected].orderID))]
        case .action("ssl.csr"), .action("ssl.reissue"), .action("ssl.pem"):
            // Run on the certificate's own screen, whose rules decide (and say why not).
            let rows = shown
            guard rows.indices.contains(table.selected) else { return [] }
            let action: ActionID = event.isAction("ssl.csr") ? "cert.csr" : event.isAction("ssl.reissue") ? "cert.reissue" : "cert.pem"
            return [.push(SSLCertificateScreen(session: session, orderID: rows[table.selected].orderID, then: action))]
        case .action("ssl.state"):
            let states = CertificateState.allCases
            query.state = query.state.map { states.firstIndex(of: $0)! + 1 < states.count ? states[states.firstIndex(of: $0)! + 1] : nil } ?? states.first
            table = TableState()
            return load()
        case .action("ssl.sort"):
            query.sort = query.sort == .daysLeft ? .orderID : .daysLeft
            table = TableState()
            return load()
        case .input(.key(let key)):
            _ = table.handle(key, count: shown.count, pageSize: max(1, context.size.height - 6))
        case .message(let loaded as Loaded):
            loaded.result.load(into: &page, error: &error)
        default:
            break
        }
        return []
    }

    public func view(into buffer: inout Buffer, area: Rect, context: ViewContext) {
        let theme = context.theme
        guard let page else {
            LoadingLine.draw(error: error, into: &buffer, area: area, theme: theme)
            return
        }
        if drawBulkStep(into: &buffer, area: area, theme: theme) { return }
        let rows = page.rows
        let count = rows.count < page.total ? "the first \(rows.count) of \(page.total) certificates" : "\(page.total) certificate\(page.total == 1 ? "" : "s")"
        let marks = bulk.marked.isEmpty ? "" : "   \(bulk.marked.count) marked"
        let filter = "State: \(query.state?.displayName ?? "all")   Sort: \(query.sort == .daysLeft ? "days left" : "order")   \(count)\(marks)"
        buffer.write(filter, in: area.row(0), style: theme[.muted])
        // The selected certificate's term in words, at any width: the subscription (what was paid)
        // apart from this certificate, and when the next reissue is due.
        if rows.indices.contains(table.selected) {
            let row = rows[table.selected]
            buffer.write("\(row.orderID): \(row.validitySummary)", in: area.row(1), style: theme[.accent])
        }
        // From 120 columns the subscription's end and the reissue date get columns (narrower,
        // the domain keeps the room and row 1 says the selected one's term); the type needs 130
        // beside them, and gives its room to the domain below 90 without them.
        let showsTerm = area.width >= 120
        let showsType = showsTerm ? area.width >= 130 : area.width >= 90
        // The columns are `SSLCertificateColumn`'s (shared with `ssl status --csv`), after the mark.
        let shownColumns = SSLCertificateColumn.allCases.filter { column in
            switch column {
            case .type: showsType
            case .subscriptionUntil, .reissueDue: showsTerm
            default: true
            }
        }
        let tableRows = rows.map { row in
            let kind = Self.expiryKind(row)
            let mark = bulk.marked[row.orderID] == nil ? " " : SSLBulkState.markSymbol
            return TableRow([mark] + shownColumns.map { Self.cell($0, row, expiry: kind) }, role: kind == .ok || kind == .info ? nil : kind.role)
        }
        let columns = [TableColumn("", width: .fixed(1))] + shownColumns.map(Self.tableColumn)
        Table(columns: columns,
              emptyMessage: query.state.map { "No certificates in the state \($0.displayName); s shows the next state." } ?? "No SSL certificates.")
            .render(into: &buffer, area: Rect(x: area.x, y: area.y + 2, width: area.width, height: max(0, area.height - 2)),
                    data: ArrayTableData(tableRows), state: table, theme: theme, focused: true)
    }

    static func tableColumn(_ column: SSLCertificateColumn) -> TableColumn {
        switch column {
        case .order: TableColumn(column.title, width: .fixed(6))
        case .type: TableColumn(column.title, width: .fixed(8))
        case .domain: TableColumn(column.title, width: .flexible(min: 12, weight: 3))
        case .state: TableColumn(column.title, width: .fixed(17))
        case .expires: TableColumn(column.title, width: .fixed(10))
        case .daysLeft: TableColumn(column.title, width: .fixed(9), alignment: .right)
        case .subscriptionUntil, .reissueDue: TableColumn(column.title, width: .fixed(10))
        case .invoices: TableColumn(column.title, width: .fixed(10))
        }
    }

    /// The shared cell text, with the status symbols the screen adds (never colour alone).
    static func cell(_ column: SSLCertificateColumn, _ row: SSLCertificateRow, expiry: StatusKind) -> String {
        switch column {
        case .type: row.type.shortName
        case .state: StatusText.kind(row.state).label(column.text(row))
        case .daysLeft: row.daysLeft == nil ? "-" : expiry.label(column.text(row))
        default: column.text(row)
        }
    }

    /// How near the expiry is: expired (danger), within the 30-day renewal window (warning),
    /// else fine; never colour alone, the symbol goes with the number.
    static func expiryKind(_ row: SSLCertificateRow) -> StatusKind {
        guard let days = row.daysLeft else { return .info }
        if days <= 0 { return .danger }
        return days <= CertificateState.expiringWindowDays ? .warning : .ok
    }
}

extension CertificateType {
    /// For narrow columns.
    var shortName: String {
        switch self {
        case .dv: "DV"
        case .ov: "OV"
        case .ev: "EV"
        case .wildcard: "Wildcard"
        case .multiDomain: "Multi"
        }
    }
}
