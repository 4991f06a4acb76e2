/// Rows a table shows, fetched lazily: the table asks only for the rows on screen, so a data
/// source of a million rows costs thirty rows per frame.
public protocol TableDataSource {
    var count: Int { get }
    /// The rows at `range` (always within 0..<count). May return fewer if the data shrank.
    func rows(in range: Range<Int>) -> [TableRow]
}

/// One table row. `role` colours the whole row (e.g. danger for an expired certificate);
/// it must come with text in a cell (a status word/symbol), never colour alone.
public struct TableRow: Sendable, Hashable {
    public var cells: [String]
    public var role: ThemeRole?
    /// Shorter forms of cells, by column index ("! Suspended" for "! Suspended", "SSL" for
    /// "Digital Certificate"): drawn instead of the cell when the column is narrower than it.
    public var shortCells: [Int: String]
    public init(_ cells: [String], role: ThemeRole? = nil, shortCells: [Int: String] = [:]) {
        self.cells = cells
        self.role = role
        self.shortCells = shortCells
    }

    /// The text to draw in column `index` of `width` cells: the cell, or its short form if
    /// only that fits.
    func cell(_ index: Int, width: Int) -> String {
        guard index < cells.count else { return "" }
        if displayWidth(cells[index]) > width, let short = shortCells[index] { return short }
        return cells[index]
    }
}

/// A data source over an array (small tables, tests).
public struct ArrayTableData: TableDataSource, Sendable {
    public var rows: [TableRow]
    public init(_ rows: [TableRow]) { self.rows = rows }
    public var count: Int { rows.count }
    public func rows(in range: Range<Int>) -> [TableRow] { Array(rows[range.clamped(to: rows.indices)]) }
}

public struct TableColumn: Sendable, Hashable {
    public enum Width: Sendable, Hashable {
        /// Exactly this many cells.
        case fixed(Int)
        /// A share of the remaining width, at least `min` cells.
        case flexible(min: Int, weight: Int)
        /// As wide as its widest cell on screen (title included); when that does not fit, as
        /// wide as its widest short form.
        case content
        /// Its widest cell on screen (title included) when there is room, else at least `min`;
        /// then a share of what is left, like `flexible`.
        case fitting(min: Int, weight: Int)
    }
    public var title: String
    public var width: Width
    public var alignment: Alignment
    /// Columns get their room in priority order (highest first, then left to right): a
    /// narrow table shrinks and drops the low ones to keep the high ones whole.
    public var priority: Int
    /// Whether the column is left out when its minimum no longer fits; a column that is not
    /// optional always gets its minimum (and is clipped at the table's right edge).
    public var isOptional: Bool

    public init(_ title: String, width: Width = .flexible(min: 4, weight: 1), alignment: Alignment = .left,
                priority: Int = 0, isOptional: Bool = false) {
        self.title = title
        self.width = width
        self.alignment = alignment
        self.priority = priority
        self.isOptional = isOptional
    }

    var weight: Int {
        switch width {
        case .flexible(_, let weight), .fitting(_, let weight): max(0, weight)
        case .fixed, .content: 0
        }
    }

    /// The least and the most this column asks for, given the rows on screen.
    func bounds(_ rows: [TableRow], index: Int) -> (minimum: Int, preferred: Int) {
        let titleWidth = displayWidth(title)
        let widest = rows.reduce(titleWidth) { max($0, $1.cells.indices.contains(index) ? displayWidth($1.cells[index]) : 0) }
        switch width {
        case .fixed(let n):
            return (max(0, n), max(0, n))
        case .flexible(let minimum, _):
            return (max(0, minimum), max(0, minimum))
        case .fitting(let minimum, _):
            return (max(0, minimum), max(minimum, widest))
        case .content:
            let shortest = rows.reduce(titleWidth) { max($0, displayWidth($1.cell(index, width: 0))) }
            return (shortest, widest)
        }
    }
}

/// Selection and scroll position. Kept by the screen; the table corrects `offset` at render
/// time if the viewport turned out smaller than the last `pageSize`.
public struct TableState: Sendable, Hashable {
    public var selected: Int
    public var offset: Int

    public init(selected: Int = 0, offset: Int = 0) {
        self.selected = selected
        self.offset = offset
    }

    public mutating func select(_ index: Int, count: Int, pageSize: Int) {
        guard count > 0 else { selected = 0; offset = 0; return }
        selected = min(max(0, index), count - 1)
        offset = TableState.visibleOffset(selected: selected, offset: offset, count: count, height: max(1, pageSize))
    }

    /// Up/down/PgUp/PgDn/Home/End plus vim j/k/g/G. Returns false for other keys.
    public mutating func handle(_ key: Key, count: Int, pageSize: Int) -> Bool {
        let page = max(1, pageSize)
        switch key {
        case .up, .char("k"): select(selected - 1, count: count, pageSize: page)
        case .down, .char("j"): select(selected + 1, count: count, pageSize: page)
        case .pageUp, .ctrl("b"): select(selected - page, count: count, pageSize: page)
        case .pageDown, .ctrl("f"): select(selected + page, count: count, pageSize: page)
        case .home, .char("g"): select(0, count: count, pageSize: page)
        case .end, .char("G"): select(count - 1, count: count, pageSize: page)
        default: return false
        }
        return true
    }

    /// Mouse: wheel scrolls the selection; a click on a data row selects it.
    /// `rowsArea` is the area the data rows were drawn in (below the header).
    public mutating func handle(_ mouse: MouseEvent, rowsArea: Rect, count: Int) -> Bool {
        switch mouse.button {
        case .wheelUp: select(selected - 3, count: count, pageSize: rowsArea.height)
        case .wheelDown: select(selected + 3, count: count, pageSize: rowsArea.height)
        case .left where mouse.kind == .press && rowsArea.contains(mouse.position):
            let h = max(1, rowsArea.height)
            let top = TableState.visibleOffset(selected: selected, offset: offset, count: count, height: h)
            let index = top + mouse.y - rowsArea.y
            guard index < count else { return false }
            select(index, count: count, pageSize: h)
        default: return false
        }
        return true
    }

    /// The first visible row so that `selected` is on screen, moving as little as possible.
    public static func visibleOffset(selected: Int, offset: Int, count: Int, height: Int) -> Int {
        guard count > 0, height > 0 else { return 0 }
        var top = min(max(0, offset), max(0, count - height))
        if selected < top { top = selected }
        if selected >= top + height { top = selected - height + 1 }
        return max(0, top)
    }
}

/// A scrolling table with a header row, a selection marker column and lazily fetched rows.
public struct Table {
    public var columns: [TableColumn]
    public var showsHeader: Bool
    public var emptyMessage: String
    /// Cells between columns.
    public var spacing: Int

    public init(columns: [TableColumn], showsHeader: Bool = true, emptyMessage: String = "Nothing to show", spacing: Int = 1) {
        self.columns = columns
        self.showsHeader = showsHeader
        self.emptyMessage = emptyMessage
        self.spacing = spacing
    }

    /// Width of the selection marker column ("▶ ").
    static let markerWidth = 2

    /// The area data rows occupy inside `area` (for mouse hit-testing and page size).
    public func rowsArea(in area: Rect) -> Rect {
        showsHeader ? area.splitTop(1).1 : area
    }

    /// Column widths for a total width (marker column excluded), for the rows on screen; 0
    /// for a column left out. The columns that are not optional get their minimum; then, in
    /// priority order, each grows to what it prefers or, if optional, takes what it prefers,
    /// else its minimum, else is left out; what is still left is shared by weight among the
    /// flexible columns. A `.content` column is whole or at its short forms, never between.
    public func columnWidths(totalWidth: Int, rows: [TableRow] = []) -> [Int] {
        let bounds = columns.indices.map { columns[$0].bounds(rows, index: $0) }
        let order = columns.indices.sorted { (columns[$0].priority, -$0) > (columns[$1].priority, -$1) }
        // Each column costs its width plus the spacing before the next one.
        var left = totalWidth - Table.markerWidth + spacing
        var widths = Array(repeating: 0, count: columns.count)
        var kept = Array(repeating: false, count: columns.count)
        for i in columns.indices where !columns[i].isOptional {
            kept[i] = true
            widths[i] = bounds[i].minimum
            left -= bounds[i].minimum + spacing
        }
        for i in order {
            let (minimum, preferred) = bounds[i]
            let wholeOrShort = columns[i].width == .content
            if kept[i] {
                // Not optional: it holds its minimum already.
                var grow = max(0, min(left, preferred - widths[i]))
                if wholeOrShort && widths[i] + grow < preferred { grow = 0 }
                widths[i] += grow
                left -= grow
            } else {
                let room = left - spacing
                guard minimum > 0, minimum <= room else { continue }
                var width = min(room, preferred)
                if wholeOrShort && width < preferred { width = minimum }
                kept[i] = true
                widths[i] = width
                left -= width + spacing
            }
        }
        let weights = columns.indices.map { kept[$0] ? columns[$0].weight : 0 }
        let totalWeight = weights.reduce(0, +)
        if left > 0 && totalWeight > 0 {
            var given = 0
            for i in columns.indices where weights[i] > 0 {
                let share = left * weights[i] / totalWeight
                widths[i] += share
                given += share
            }
            // Rounding leftovers go to the last flexible column.
            if let last = columns.indices.last(where: { weights[$0] > 0 }) { widths[last] += left - given }
        }
        return widths
    }

    /// Draws the header, the visible rows and the selection. Calls `data.rows(in:)` once,
    /// for the visible range only, and `data.count` once.
    public func render(into buffer: inout Buffer, area: Rect, data: some TableDataSource, state: TableState,
                       theme: Theme, focused: Bool = true) {
        guard !area.isEmpty else { return }
        let count = data.count
        buffer.fill(area, style: theme[.text])
        let rowsArea = rowsArea(in: area)
        // The rows on screen come first: content-sized columns measure them.
        var rows: [TableRow] = []
        var top = 0
        if count > 0 && !rowsArea.isEmpty {
            top = TableState.visibleOffset(selected: state.selected, offset: state.offset, count: count, height: rowsArea.height)
            rows = Array(data.rows(in: top..<min(count, top + rowsArea.height)).prefix(rowsArea.height))
        }
        let widths = columnWidths(totalWidth: area.width, rows: rows)

        if showsHeader {
            drawRow(TableRow(columns.map(\.title)), into: &buffer, y: area.y, x: area.x + Table.markerWidth, maxX: area.maxX,
                    widths: widths, style: theme[.tableHeader], marker: "")
        }
        guard !rowsArea.isEmpty else { return }
        guard count > 0 else {
            buffer.write(emptyMessage, in: rowsArea.row(0).inset(left: Table.markerWidth), style: theme[.muted])
            return
        }
        for (i, row) in rows.enumerated() {
            let index = top + i
            let y = rowsArea.y + i
            let isSelected = index == state.selected
            var style = row.role.map { theme[.text].patched(with: theme[$0]) } ?? theme[.text]
            if isSelected { style = focused ? theme[.selection] : theme[.text].with(.underline) }
            buffer.fill(Rect(x: rowsArea.x, y: y, width: rowsArea.width, height: 1), style: style)
            drawRow(row, into: &buffer, y: y, x: rowsArea.x, maxX: rowsArea.maxX, widths: widths,
                    style: style, marker: isSelected ? "▶ " : "  ")
        }
    }

    private func drawRow(_ row: TableRow, into buffer: inout Buffer, y: Int, x: Int, maxX: Int, widths: [Int],
                         style: Style, marker: String) {
        var col = buffer.write(marker, x: x, y: y, style: style, clip: Rect(x: x, y: y, width: maxX - x, height: 1))
        for (i, width) in widths.enumerated() where width > 0 {
            guard col < maxX else { break }
            let cellRect = Rect(x: col, y: y, width: min(width, maxX - col), height: 1)
            if i < row.cells.count, !cellRect.isEmpty {
                buffer.write(row.cell(i, width: width), in: cellRect, style: style, alignment: columns[i].alignment)
            }
            col += width + spacing
        }
    }

    /// "31 of 1000000": position text for a border title or status line.
    public static func positionText(state: TableState, count: Int) -> String {
        guard count > 0 else { return "0 of 0" }
        return "\(state.selected + 1) of \(count)"
    }
}
