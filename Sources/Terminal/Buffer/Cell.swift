/// One terminal cell. A wide cluster (width 2) sits in its leading cell; the cell to its right
/// is a continuation cell (`isContinuation`, empty symbol) that backends skip.
public struct Cell: Hashable, Sendable {
    /// Exactly one grapheme cluster (or "" for a continuation cell).
    public var symbol: String
    public var style: Style
    public var isContinuation: Bool

    public init(symbol: String = " ", style: Style = .plain, isContinuation: Bool = false) {
        self.symbol = symbol
        self.style = style
        self.isContinuation = isContinuation
    }

    public static let blank = Cell()

    /// Display width of this cell's symbol (0 for continuation cells).
    public var width: Int { isContinuation ? 0 : max(1, displayWidth(symbol)) }
}
