import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A private PostgreSQL cluster for tests and benchmarks: a fresh data directory under the
/// temporary directory, trust authentication for the role `certpanel`, listening on a free
/// port of 127.0.0.1 only. `PostgresCluster.shared()` is the one cluster of a test process,
/// started on first use and stopped when the process exits; `start()` makes one more, for a
/// test that restarts or stops it.
///
/// initdb refuses to run as root: then the cluster belongs to the `postgres` user and every
/// server command runs through `runuser -u postgres --`.
public final class PostgresCluster: Sendable {
    public let port: Int
    /// Holds the data directory, the socket and the server log.
    public let directory: URL
    public let binDirectory: URL
    public static let user = "certpanel"

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    // MARK: - The shared cluster

    private final class SharedState: @unchecked Sendable {
        let lock = NSLock()
        var cluster: PostgresCluster?
        var others: [PostgresCluster] = []
    }
    private static let state = SharedState()

    /// The process's cluster, started by the first caller (a few seconds).
    public static func shared() throws -> PostgresCluster {
        state.lock.lock()
        defer { state.lock.unlock() }
        if let cluster = state.cluster { return cluster }
        let cluster = try start(registered: false)
        state.cluster = cluster
        return cluster
    }

    /// A cluster of its own, stopped by `stop()` or at exit.
    public static func start() throws -> PostgresCluster {
        try start(registered: true)
    }

    private static func start(registered: Bool) throws -> PostgresCluster {
        registerExitHandler
        let cluster = try PostgresCluster()
        if registered {
            state.lock.lock()
            state.others.append(cluster)
            state.lock.unlock()
        }
        return cluster
    }

    /// Stops every cluster still running when the process exits normally; a watchdog shell
    /// (see `startWatchdog`) covers a crash.
    private static let registerExitHandler: Void = {
        atexit {
            PostgresCluster.state.lock.lock()
            let clusters = [PostgresCluster.state.cluster].compactMap { $0 } + PostgresCluster.state.others
            PostgresCluster.state.lock.unlock()
            for cluster in clusters { cluster.destroy() }
        }
    }()

    // MARK: - Life cycle

    private init() throws {
        let binDirectory = try Self.findBinDirectory()
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("certpanel-pg-\(getpid())-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        do {
            if Self.isRoot {
                try Program.succeed("/bin/chown", ["postgres:postgres", directory.path])
            }
            try Self.serverCommand(binDirectory: binDirectory, "initdb", [
                "-D", directory.appendingPathComponent("data").path, "-U", Self.user, "--auth=trust",
                "--encoding=UTF8", "--locale=C", "--no-sync",
            ])
            port = try Self.startOnSomeFreePort(binDirectory: binDirectory, directory: directory)
        } catch {
            try? FileManager.default.removeItem(at: directory)
            throw error
        }
        self.binDirectory = binDirectory
        self.directory = directory
        startWatchdog()
    }

    /// The port is free when picked and taken a moment later: another test process may win
    /// the race, so a failed start tries another port.
    private static func startOnSomeFreePort(binDirectory: URL, directory: URL) throws -> Int {
        var lastFailure: Error?
        for _ in 0..<5 {
            let candidate = try freePort()
            do {
                try startServer(binDirectory: binDirectory, directory: directory, port: candidate)
                return candidate
            } catch {
                lastFailure = error
            }
        }
        throw lastFailure ?? Failure(description: "could not start PostgreSQL")
    }

    private var dataDirectory: URL { directory.appendingPathComponent("data") }

    public func url(database: String) -> String {
        "postgresql://\(Self.user)@127.0.0.1:\(port)/\(database)"
    }

    public func createDatabase(_ name: String) throws {
        try psql("CREATE DATABASE \"\(name)\"")
    }

    /// A new empty database with a name no other test uses, for tests that run in parallel.
    public func createUniqueDatabase(prefix: String = "test") throws -> String {
        let name = "\(prefix)_\(UUID().uuidString.prefix(12).lowercased().replacingOccurrences(of: "-", with: ""))"
        try createDatabase(name)
        return name
    }

    public func dropDatabase(_ name: String) throws {
        try psql("DROP DATABASE IF EXISTS \"\(name)\" WITH (FORCE)")
    }

    /// Runs SQL as the superuser through psql, in the `postgres` database unless told.
    @discardableResult
    public func psql(_ sql: String, database: String = "postgres") throws -> String {
        try Program.succeed(binDirectory.appendingPathComponent("psql").path,
                            ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-At", "-d", url(database: database), "-c", sql])
    }

    /// A fast shutdown: connections are closed, the data stays for `restart()`.
    public func stop() throws {
        try serverCommand("pg_ctl", ["-D", dataDirectory.path, "-m", "fast", "-w", "stop"])
    }

    public func restart() throws {
        try stop()
        try Self.startServer(binDirectory: binDirectory, directory: directory, port: port)
    }

    /// Stops the server if it runs, and removes its directory.
    private func destroy() {
        _ = try? serverCommand("pg_ctl", ["-D", dataDirectory.path, "-m", "immediate", "-w", "stop"])
        try? FileManager.default.removeItem(at: directory)
    }

    private static func startServer(binDirectory: URL, directory: URL, port: Int) throws {
        let options = "-p \(port) -k \(directory.path) -c listen_addresses=127.0.0.1 -c fsync=off "
            + "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
        let data = directory.appendingPathComponent("data").path
        let log = directory.appendingPathComponent("server.log").path
        do {
            try serverCommand(binDirectory: binDirectory, "pg_ctl", ["-D", data, "-o", options, "-w", "-t", "60", "-l", log, "start"])
        } catch {
            let tail = (try? String(contentsOfFile: log, encoding: .utf8))?.split(separator: "\n").suffix(10).joined(separator: "\n") ?? ""
            throw Failure(description: "\(error)\nserver log:\n\(tail)")
        }
    }

    /// A shell that stops the server once this process is gone, however it ended: a crashed
    /// test run must not leave a postgres behind.
    private func startWatchdog() {
        // As `postgres`, kill -0 on this (root's) process fails with EPERM: /proc tells instead.
        let script = "while [ -d /proc/\(getpid()) ] || kill -0 \(getpid()) 2>/dev/null; do sleep 2; done; "
            + "'\(binDirectory.path)/pg_ctl' -D '\(dataDirectory.path)' -m immediate stop >/dev/null 2>&1; rm -rf '\(directory.path)'"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", Self.isRoot ? "runuser -u postgres -- /bin/sh -c \"$0\"" : "exec /bin/sh -c \"$0\"", script]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try? process.run()
    }

    // MARK: - Processes

    private static var isRoot: Bool { getuid() == 0 }

    @discardableResult
    private func serverCommand(_ name: String, _ arguments: [String]) throws -> String {
        try Self.serverCommand(binDirectory: binDirectory, name, arguments)
    }

    /// initdb and pg_ctl, as `postgres` when this process is root, behind a shell that closes
    /// every inherited descriptor above 2 first: Foundation's Process on Linux learns that a
    /// child exited when a socket the child inherited closes, and the server `pg_ctl start`
    /// leaves running would hold that socket (and the pipes of any program another test starts
    /// meanwhile), so `waitUntilExit` would wait for the server to stop, forever.
    @discardableResult
    private static func serverCommand(binDirectory: URL, _ name: String, _ arguments: [String]) throws -> String {
        let executable = binDirectory.appendingPathComponent(name).path
        let command = isRoot ? ["/usr/sbin/runuser", "-u", "postgres", "--", executable] : [executable]
        return try Program.succeed("/bin/bash", ["-c", closeInheritedDescriptors, "bash"] + command + arguments)
    }

    /// Closes descriptors 3 and up, then runs its arguments.
    private static let closeInheritedDescriptors = #"for fd in /proc/$$/fd/*; do fd=${fd##*/}; if [ "$fd" -gt 2 ]; then eval "exec $fd>&-"; fi; done; exec "$@""#

    /// `pg_config --bindir`, else the newest /usr/lib/postgresql/N/bin holding initdb.
    static func findBinDirectory() throws -> URL {
        var candidates: [String] = []
        if let result = try? Program.run("pg_config", ["--bindir"]), result.status == 0 {
            candidates.append(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
        candidates += versions.sorted { (Int($0) ?? 0) > (Int($1) ?? 0) }.map { "/usr/lib/postgresql/\($0)/bin" }
        for candidate in candidates where FileManager.default.isExecutableFile(atPath: candidate + "/initdb") {
            return URL(fileURLWithPath: candidate)
        }
        throw Failure(description: "PostgreSQL 15 is not installed (initdb not found in /usr/lib/postgresql/15/bin): run scripts/install-deps")
    }

    /// A TCP port of 127.0.0.1 nobody listens on now: the one the kernel gives for port 0.
    public static func freePort() throws -> Int {
        #if canImport(Glibc)
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard descriptor >= 0 else { throw Failure(description: "socket() failed: errno \(errno)") }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) }
        }
        guard bound == 0 else { throw Failure(description: "bind() failed: errno \(errno)") }
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        guard named == 0 else { throw Failure(description: "getsockname() failed: errno \(errno)") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
