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

    struct Loaded: Sendable { var result: Result<SSLCertificatePage, PanelError> }

    public init(session: PanelSession) { self.session = session }

    public var title: String { "SSL Certificates" }

    public var keyMap: KeyMap {
        KeyMap([
            KeyBinding(.enter, label: "Open", description: "The certificate's details, CSR and invoices", action: "ssl.open"),
            KeyBinding(.char("s"), label: "State", description: "Filter by state (cycles)", action: "ssl.state"),
            KeyBinding(.char("o"), label: "Sort", description: "Sort by days left or by order (cycles)", action: "ssl.sort"),
            KeyBinding(.char("c"), label: "Enter CSR", description: "Enter the CSR the selected certificate waits for", action: "ssl.csr", showInFooter: false),
            KeyBinding(.char("R"), label: "Reissue", description: "Reissue the selected certificate (asks first)", action: "ssl.reissue", showInFooter: false),
            KeyBinding(.char("v"), label: "View PEM", description: "Show the selected certificate as PEM", action: "ssl.pem", showInFooter: false),
            KeyBinding(.char("q"), label: "Back", description: "Back to the order list", action: "ssl.back"),
        ])
    }

    var shown: [SSLCertificateRow] { page?.rows ?? [] }

    private func load() -> [Effect] {
        let session = session, query = query
        return [.run { Loaded(result: session.attempt { try session.database.sslCertificatePage(query, for: session.acting, now: session.clock.now) }) }]
    }

    public mutating func update(_ event: ScreenEvent, context: ScreenContext) -> [Effect] {
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
        let rows = page.rows
        let count = rows.count < page.total ? "the first \(rows.count) of \(page.total) certificates" : "\(page.total) certificate\(page.total == 1 ? "" : "s")"
        let filter = "State: \(query.state?.displayName ?? "all")   Sort: \(query.sort == .daysLeft ? "days left" : "order")   \(count)"
        buffer.write(filter, in: area.row(0), style: theme[.muted])
        // The selected certificate's term in words, at any width: the subscription (what was paid)
        // apart from this certificate, and when the next reissue is due.
        if rows.indices.contains(table.selected) {
            let row = rows[table.selected]
            buffer.write("\(row.orderID): \(row.validitySummary)", in: area.row(1), style: theme[.accent])
        }
        // From 100 columns the subscription's end and the reissue date get columns; the type
        // needs 110 beside them, and gives its room to the domain below 90 without them.
        let showsTerm = area.width >= 100
        let showsType = showsTerm ? area.width >= 110 : area.width >= 90
        let tableRows = rows.map { row in
            let kind = Self.expiryKind(row)
            var cells = [row.orderID.description, row.type.shortName, row.domain.unicode,
                         StatusText.kind(row.state).label(row.state.displayName), row.validTo.map(OrderRows.date) ?? "-",
                         row.daysLeft.map { kind.label("\($0)") } ?? "-"]
            if showsTerm { cells += [row.subscriptionUntil.map(OrderRows.date) ?? "-", row.nextReissueDue.map(OrderRows.date) ?? "-"] }
            cells.append("\(row.invoicesPaid)/\(row.invoicesIssued) paid")
            if !showsType { cells.remove(at: 1) }
            return TableRow(cells, role: kind == .ok || kind == .info ? nil : kind.role)
        }
        var columns = [TableColumn("ORDER", width: .fixed(6)), TableColumn("TYPE", width: .fixed(8)),
                       TableColumn("DOMAIN", width: .flexible(min: 12, weight: 3)), TableColumn("STATE", width: .fixed(17)),
                       TableColumn("EXPIRES", width: .fixed(10)), TableColumn("DAYS LEFT", width: .fixed(9), alignment: .right)]
        if showsTerm { columns += [TableColumn("SUBSCRIBED", width: .fixed(10)), TableColumn("REISSUE", width: .fixed(10))] }
        columns.append(TableColumn("INVOICES", width: .fixed(10)))
        if !showsType { columns.remove(at: 1) }
        Table(columns: columns,
              emptyMessage: query.state.map { "No certificates in the state \($0.displayName); s shows the next state." } ?? "No SSL certificates.")
            .render(into: &buffer, area: Rect(x: area.x, y: area.y + 2, width: area.width, height: max(0, area.height - 2)),
                    data: ArrayTableData(tableRows), state: table, theme: theme, focused: true)
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
