/// A backend without a terminal, for tests: scripted input, frames kept in memory.
public final class MemoryBackend: Backend {
    public private(set) var size: Size
    public var colorDepth: ColorDepth
    /// Batches of input still to deliver; each `poll` returns one batch.
    public var script: [[InputEvent]]
    /// Every frame drawn, oldest first.
    public private(set) var frames: [Buffer] = []
    public private(set) var endReason: App.ExitReason?
    /// What ends the session when the script runs out (simulate SIGHUP with `.signal(1)`).
    public var finalReason: App.ExitReason

    public init(size: Size, colorDepth: ColorDepth = .trueColor, script: [[InputEvent]] = [],
                finalReason: App.ExitReason = .inputClosed) {
        self.size = size
        self.colorDepth = colorDepth
        self.script = script
        self.finalReason = finalReason
    }

    /// Convenience: one event per batch.
    public convenience init(size: Size, events: [InputEvent]) {
        self.init(size: size, script: events.map { [$0] })
    }

    public func draw(_ buffer: Buffer) throws {
        frames.append(buffer)
    }

    public func poll(timeout: Duration?) -> [InputEvent]? {
        guard !script.isEmpty else {
            endReason = finalReason
            return nil
        }
        let batch = script.removeFirst()
        for case let .resize(w, h) in batch { size = Size(width: w, height: h) }
        return batch
    }

    public var lastFrame: Buffer? { frames.last }
    /// The last frame as text lines.
    public var lines: [String] { lastFrame?.lines ?? [] }
    /// The last frame's style runs ("row: from-to style").
    public var styleRuns: [String] { lastFrame?.styleRuns ?? [] }
}
