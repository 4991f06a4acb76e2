/// A width x height grid of cells that widgets draw into. Pure value type, no I/O: backends
/// (ncurses, memory, SVG) turn a finished Buffer into output.
///
/// Every string goes through `Sanitizer.clean`, so text can never carry escape sequences
/// or control characters to the terminal.
public struct Buffer: Hashable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]
    /// Where the terminal cursor should be shown after drawing (nil: hidden). Set by focused
    /// text inputs.
    public var cursor: Point?

    public init(width: Int, height: Int, style: Style = .plain) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.cells = Array(repeating: Cell(style: style), count: self.width * self.height)
    }

    public init(size: Size, style: Style = .plain) { self.init(width: size.width, height: size.height, style: style) }

    public var area: Rect { Rect(x: 0, y: 0, width: width, height: height) }
    public var size: Size { Size(width: width, height: height) }

    private func index(_ x: Int, _ y: Int) -> Int? {
        guard x >= 0, y >= 0, x < width, y < height else { return nil }
        return y * width + x
    }

    /// The cell at (x, y); a blank cell outside the buffer.
    public subscript(x: Int, y: Int) -> Cell {
        guard let i = index(x, y) else { return .blank }
        return cells[i]
    }

    // MARK: - Writing

    /// Replaces one cell verbatim (used to compose buffers of equal size).
    mutating func setCell(_ cell: Cell, x: Int, y: Int) {
        guard let i = index(x, y) else { return }
        cells[i] = cell
    }

    /// Copies the row `sourceY` of `source` (cells verbatim, wide characters whole) to row `y`
    /// starting at column `x`: how a scrolled view shows a window of a taller canvas.
    public mutating func copyRow(_ sourceY: Int, of source: Buffer, toX x: Int, y: Int) {
        for column in 0..<source.width { setCell(source[column, sourceY], x: x + column, y: y) }
    }

    /// Puts one cluster of width 1 or 2 at (x, y), repairing any wide character it overlaps.
    /// `symbol` must already be clean. Out-of-bounds writes are ignored.
    mutating func put(_ symbol: String, width w: Int, x: Int, y: Int, style: Style) {
        guard let i = index(x, y) else { return }
        breakWideCharacter(at: x, y: y)
        if w == 2 {
            guard let j = index(x + 1, y) else { return }
            breakWideCharacter(at: x + 1, y: y)
            cells[i] = Cell(symbol: symbol, style: style)
            cells[j] = Cell(symbol: "", style: style, isContinuation: true)
        } else {
            cells[i] = Cell(symbol: symbol, style: style)
        }
    }

    /// If (x, y) is half of a wide character, blanks the other half so no half-glyph remains.
    private mutating func breakWideCharacter(at x: Int, y: Int) {
        guard let i = index(x, y) else { return }
        if cells[i].isContinuation, let lead = index(x - 1, y) {
            cells[lead] = Cell(symbol: " ", style: cells[lead].style)
        } else if cells[i].width == 2, let next = index(x + 1, y), cells[next].isContinuation {
            cells[next] = Cell(symbol: " ", style: cells[next].style)
        }
    }

    /// Writes `text` on one line starting at (x, y), clipped to `clip` (default: the whole
    /// buffer). The text is sanitised first. A wide character that would straddle the clip
    /// edge is replaced by a space. Returns the column after the last cell written.
    @discardableResult
    public mutating func write(_ text: String, x: Int, y: Int, style: Style, clip: Rect? = nil) -> Int {
        let bounds = (clip ?? area).intersection(area)
        guard y >= bounds.minY, y < bounds.maxY else { return x }
        var col = x
        var lastWritten: Int? = nil
        for ch in Sanitizer.clean(text) {
            if col >= bounds.maxX { break }
            let w = displayWidth(ch)
            if w == 0 {
                // A stray zero-width cluster joins the previous cell rather than taking one.
                if let last = lastWritten, let i = index(last, y) { cells[i].symbol += String(ch) }
                continue
            }
            if col < bounds.minX {
                // Partly left of the clip: a wide char cut by the left edge leaves a space.
                if col + w > bounds.minX { put(" ", width: 1, x: bounds.minX, y: y, style: style) }
                col += w
                continue
            }
            if col + w > bounds.maxX {
                put(" ", width: 1, x: col, y: y, style: style)
                col += 1
                break
            }
            put(String(ch), width: w, x: col, y: y, style: style)
            lastWritten = col
            col += w
        }
        return col
    }

    /// Writes `text` on one line inside `rect` (its first row), aligned, truncated with "…"
    /// when too long.
    public mutating func write(_ text: String, in rect: Rect, style: Style, alignment: Alignment = .left,
                               truncation: Bool = true) {
        guard !rect.isEmpty else { return }
        let clean = Sanitizer.clean(text)
        let fitted = truncation ? TextLayout.truncate(clean, to: rect.width) : clean
        let w = displayWidth(fitted)
        let x: Int
        switch alignment {
        case .left: x = rect.x
        case .center: x = rect.x + max(0, (rect.width - w) / 2)
        case .right: x = rect.x + max(0, rect.width - w)
        }
        write(fitted, x: x, y: rect.y, style: style, clip: rect)
    }

    /// Fills `rect` with `symbol` (one cluster of width 1) in `style`.
    public mutating func fill(_ rect: Rect, style: Style, symbol: Character = " ") {
        let r = rect.intersection(area)
        let sym = displayWidth(symbol) == 1 ? String(symbol) : " "
        for y in r.minY..<r.maxY {
            for x in r.minX..<r.maxX { put(sym, width: 1, x: x, y: y, style: style) }
        }
    }

    /// Replaces the style of every cell in `rect`, keeping the symbols.
    public mutating func setStyle(_ rect: Rect, style: Style) {
        let r = rect.intersection(area)
        for y in r.minY..<r.maxY {
            for x in r.minX..<r.maxX { if let i = index(x, y) { cells[i].style = style } }
        }
    }

    /// Overlays `style` (see `Style.patched`) on every cell in `rect`.
    public mutating func patchStyle(_ rect: Rect, style: Style) {
        let r = rect.intersection(area)
        for y in r.minY..<r.maxY {
            for x in r.minX..<r.maxX { if let i = index(x, y) { cells[i].style = cells[i].style.patched(with: style) } }
        }
    }

    // MARK: - Reading (tests, memory backend, SVG)

    /// The row as text: continuation cells contribute nothing, so wide characters show once.
    public func line(_ y: Int) -> String {
        guard y >= 0, y < height else { return "" }
        var s = ""
        for x in 0..<width {
            let c = cells[y * width + x]
            if !c.isContinuation { s += c.symbol }
        }
        return s
    }

    /// All rows as text.
    public var lines: [String] { (0..<height).map(line) }

    /// Runs of equal style per row, e.g. "0: 0-9 fg=#ffffff bg=4 bold". Used by golden tests.
    public var styleRuns: [String] {
        var out: [String] = []
        guard width > 0 else { return out }
        for y in 0..<height {
            var start = 0
            for x in 1...width {
                let startStyle = cells[y * width + start].style
                if x == width || cells[y * width + x].style != startStyle {
                    out.append("\(y): \(start)-\(x - 1) \(startStyle)")
                    start = x
                }
            }
        }
        return out
    }
}

public enum Alignment: Sendable, Hashable {
    case left, center, right
}
