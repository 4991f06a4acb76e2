import Foundation

/// A pipe whose read end sits in the backend's poll set: writing a byte (from any thread)
/// wakes a loop waiting for input, e.g. when a background job finishes. Closing is guarded,
/// so a late wake after the terminal was restored writes nowhere.
final class WakePipe: @unchecked Sendable {
    private let lock = NSLock()
    private var fds: (read: Int32, write: Int32)?

    init() throws {
        fds = try Self.makeNonBlockingPipe()
    }

    /// A pipe whose ends never block and are not inherited by child processes (also the
    /// backend's signal pipe).
    static func makeNonBlockingPipe() throws -> (read: Int32, write: Int32) {
        var pair: [Int32] = [0, 0]
        guard pipe(&pair) == 0 else { throw TerminalError.pipeFailed }
        for fd in pair {
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
        return (pair[0], pair[1])
    }

    var readDescriptor: Int32 { lock.withLock { fds?.read ?? -1 } }

    func wake() {
        lock.withLock {
            guard let fds else { return }
            var byte: UInt8 = 1
            _ = write(fds.write, &byte, 1)   // a full pipe already means "wake up"
        }
    }

    /// Empties the pipe after a wake-up.
    func drain() {
        lock.withLock {
            guard let fds else { return }
            var bytes = [UInt8](repeating: 0, count: 64)
            while read(fds.read, &bytes, bytes.count) > 0 {}
        }
    }

    func close() {
        lock.withLock {
            guard let open = fds else { return }
            Foundation.close(open.read)
            Foundation.close(open.write)
            fds = nil
        }
    }
}
