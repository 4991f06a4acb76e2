/// Where the App draws and where its input comes from: the ncurses terminal, or memory in tests.
public protocol Backend: AnyObject {
    /// Current size in cells (may be 0x0).
    var size: Size { get }
    /// Colours the output can show; buffers are downsampled to it when drawn.
    var colorDepth: ColorDepth { get }
    /// Shows a finished frame (and its `cursor`).
    func draw(_ buffer: Buffer) throws
    /// Waits up to `timeout` (nil: indefinitely) for input. Returns the events that arrived
    /// (possibly none on timeout), or nil when input has ended: EOF, hang-up, or a
    /// termination signal. After nil, `endReason` says why.
    func poll(timeout: Duration?) -> [InputEvent]?
    var endReason: App.ExitReason? { get }
    /// Wakes a `poll` blocked waiting for input, from any thread (a job finished); nil when
    /// the backend cannot be woken (the App then polls in short steps while jobs run).
    var waker: (@Sendable () -> Void)? { get }
}

extension Backend {
    public var waker: (@Sendable () -> Void)? { nil }
}
