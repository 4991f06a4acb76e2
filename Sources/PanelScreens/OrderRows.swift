import PanelModel
import PanelStore
import Terminal

/// The loaded window of the order list: the total count and the rows fetched so far, by
/// index. The table asks only for the visible range; missing rows draw as "…" until the
/// screen's fetch effect delivers them.
struct OrderRows: TableDataSource {
    var total = 0
    /// More than `total` match (an operator's very broad search): shown as "10,000+".
    var totalIsCapped = false
    var loaded: [Int: OrderSummary] = [:]
    var showsCustomer: Bool
    var isCompact = false
    /// Orders waiting in a pending move: their status reads "… · move pending".
    var movePending: Set<OrderID> = []

    var count: Int { total }

    func rows(in range: Range<Int>) -> [TableRow] {
        range.map { index in
            guard let row = loaded[index] else { return TableRow(["…"], role: .muted) }
            let status = StatusText.kind(row.status)
            let pending = movePending.contains(row.id) ? " · move pending" : ""
            var cells = [row.id.description, isCompact ? shortName(row.product) : row.product.displayName, row.domainUnicode,
                         status.label(row.status.displayName + pending), OrderRows.date(row.expiresAt)]
            if showsCustomer && !isCompact { cells.append(row.customerUsername) }
            // Where the full forms do not fit, the table shows these (whole words, never cut).
            let short = [1: shortName(row.product), 3: status.label(pending.isEmpty ? shortStatus(row.status) : "Move pending")]
            return TableRow(cells, role: status == .ok ? nil : status.role, shortCells: short)
        }
    }

    func missing(in range: Range<Int>) -> Bool {
        range.contains { loaded[$0] == nil }
    }

    /// The domain comes first: it gets its widest cell before anything but the order ID and
    /// the status (sized to what they show) grows; then expiry, customer and product, which
    /// shrink to short forms or are left out at narrow widths.
    func columns() -> [TableColumn] {
        var columns = [
            TableColumn("ORDER", width: .content, priority: 3),
            TableColumn("PRODUCT", width: .content, priority: 0, isOptional: true),
            TableColumn("DOMAIN", width: .fitting(min: 12, weight: 3), priority: 4),
            TableColumn("STATUS", width: .content, priority: 3),
            TableColumn("EXPIRES", width: .fixed(10), priority: 2, isOptional: true),
        ]
        if showsCustomer && !isCompact {
            columns.append(TableColumn("CUSTOMER", width: .fitting(min: 10, weight: 1), priority: 1, isOptional: true))
        }
        return columns
    }

    private func shortStatus(_ status: OrderStatus) -> String {
        status == .pendingDelete ? "Deleting" : status.displayName
    }

    private func shortName(_ product: Product) -> String {
        switch product {
        case .digitalCertificate: "SSL"
        case .domain: "Domain"
        case .emailHosting: "Email"
        case .webHosting: "Web"
        }
    }

    static func date(_ date: Date) -> String {
        DayText.utc(date)
    }
}

import Foundation
