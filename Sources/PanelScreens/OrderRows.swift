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

    var count: Int { total }

    func rows(in range: Range<Int>) -> [TableRow] {
        range.map { index in
            guard let row = loaded[index] else { return TableRow(["…"], role: .muted) }
            let status = StatusText.kind(row.status)
            var cells = [row.id.description, isCompact ? shortName(row.product) : row.product.displayName, row.domainUnicode,
                         status.label(row.status.displayName), OrderRows.date(row.expiresAt)]
            if showsCustomer && !isCompact { cells.append(row.customerUsername) }
            return TableRow(cells, role: status == .ok ? nil : status.role)
        }
    }

    func missing(in range: Range<Int>) -> Bool {
        range.contains { loaded[$0] == nil }
    }

    func columns() -> [TableColumn] {
        var columns = [
            TableColumn("ORDER", width: .fixed(8)),
            TableColumn("PRODUCT", width: .fixed(isCompact ? 7 : 19)),
            TableColumn("DOMAIN", width: .flexible(min: 12, weight: 3)),
            TableColumn("STATUS", width: .fixed(16)),
            TableColumn("EXPIRES", width: .fixed(10)),
        ]
        if showsCustomer && !isCompact { columns.append(TableColumn("CUSTOMER", width: .flexible(min: 10, weight: 2))) }
        return columns
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
        date.formatted(Date.ISO8601FormatStyle().year().month().day())
    }
}

import Foundation
