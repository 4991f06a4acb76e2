/// Which of several inputs has focus; Tab/Shift-Tab cycle.
public struct FocusRing: Sendable, Hashable {
    public private(set) var index: Int
    public let count: Int

    public init(count: Int, index: Int = 0) {
        self.count = max(1, count)
        self.index = min(max(0, index), max(0, count - 1))
    }

    public mutating func next() { index = (index + 1) % count }
    public mutating func previous() { index = (index + count - 1) % count }
    public mutating func focus(_ i: Int) { index = min(max(0, i), count - 1) }
    public func isFocused(_ i: Int) -> Bool { i == index }

    /// Tab → next, Shift-Tab → previous. Returns true if used.
    public mutating func handle(_ key: Key) -> Bool {
        switch key {
        case .tab: next()
        case .backTab: previous()
        default: return false
        }
        return true
    }
}
