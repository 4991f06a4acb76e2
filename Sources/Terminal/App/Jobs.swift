import Foundation

/// Where `Effect.perform` jobs run.
public enum JobExecution: Sendable {
    /// On the loop's thread, before the effect that started it returns: tests see a key's
    /// whole outcome at once, deterministically.
    case inline
    /// Each in a detached task; finished jobs wait in a mailbox until the loop takes them,
    /// so drawing and typing never wait for the database.
    case background
}

/// The threads background jobs run on: a concurrent dispatch queue, not Swift's cooperative
/// pool, because jobs block (SQLite calls) and a blocked cooperative pool of two threads
/// would stall every other task. Jobs still run as Tasks, so `Task.isCancelled` works in them
/// (the store's progress handler reads it to interrupt a stale query).
final class JobThreads: TaskExecutor {
    static let shared = JobThreads()
    private let queue = DispatchQueue(label: "certpanel.jobs", qos: .userInitiated, attributes: .concurrent)

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        queue.async { job.runSynchronously(on: executor) }
    }
}

/// Finished background jobs, posted from worker tasks and taken by the loop.
final class JobMailbox: @unchecked Sendable {
    private let lock = NSLock()
    private var finished: [(id: Int, result: (any Sendable)?)] = []
    private var waker: (@Sendable () -> Void)?

    /// Called (from any thread) after each post: wakes a loop blocked waiting for input. Jobs
    /// that finished before there was one are delivered by the loop before its first frame.
    func setWaker(_ waker: (@Sendable () -> Void)?) {
        lock.withLock { self.waker = waker }
    }

    func post(id: Int, result: (any Sendable)?) {
        let waker = lock.withLock {
            finished.append((id, result))
            return self.waker
        }
        waker?()
    }

    func take() -> [(id: Int, result: (any Sendable)?)] {
        lock.withLock {
            defer { finished.removeAll() }
            return finished
        }
    }

    var isEmpty: Bool { lock.withLock { finished.isEmpty } }
}

/// A job in flight: whose it is, what replaces it, and when it started (for the busy mark).
struct RunningJob {
    var screenID: Int
    var key: String?
    var task: Task<Void, Never>?
    var started: ContinuousClock.Instant
}
