import Foundation
import Testing
import TestSupport

/// A private OpenSSH server for one test: its own host key, config, pid file and log in the
/// test's directory, listening on a free port of 127.0.0.1, with `certpanel authorized-keys`
/// as its AuthorizedKeysCommand over the test's database. Never touches /etc/ssh or the
/// system's sshd. `stop()` (also run by `deinit`) kills it by the PID in its pid file.
final class SSHDaemon {
    typealias Failure = ChildProcess.Failure

    static let sshd = "/usr/sbin/sshd"

    let directory: URL
    let port: Int
    let configPath: String
    let logPath: String
    let pidPath: String
    /// The certpanel binary sshd runs (the build's, or a root-owned copy sshd accepts).
    let certpanel: String
    private var process: ChildProcess?
    private var copiedBinaryDirectory: String?

    /// `extraConfig` lines go at the end of sshd_config. With `block`, sshd_config is only the
    /// harness's own lines (port, host key, root login) followed by what `block` returns for
    /// the certpanel path sshd accepts: docs/ssh.md's Match block, as the documentation gives it.
    init(directory: URL, databasePath: String, certpanel builtBinary: String, extraConfig: [String] = [],
         block: ((_ certpanel: String) -> [String])? = nil) throws {
        for tool in [Self.sshd, try Self.tool("ssh"), try Self.tool("ssh-keygen")] where !FileManager.default.isExecutableFile(atPath: tool) {
            throw Failure(description: "\(tool) is missing, and the SSH end-to-end tests need real OpenSSH: run scripts/install-deps (apt-get install openssh-server openssh-client)")
        }
        guard getuid() == 0 else {
            throw Failure(description: "the SSH end-to-end tests start sshd and log in as root, so they must run as root (CI does)")
        }
        self.directory = directory
        configPath = directory.appendingPathComponent("sshd_config").path
        logPath = directory.appendingPathComponent("sshd.log").path
        pidPath = directory.appendingPathComponent("sshd.pid").path
        // sshd refuses to start without its privilege-separation directory.
        try FileManager.default.createDirectory(atPath: "/run/sshd", withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])

        // sshd runs an AuthorizedKeysCommand only if it and every directory above it are owned
        // by root and writable by no one else. The build directory usually is; if not, a copy
        // in a fresh root-owned 0755 directory under /run is.
        if Self.sshdAccepts(builtBinary) {
            certpanel = builtBinary
        } else {
            let copyDirectory = "/run/certpanel-e2e-\(UUID().uuidString.prefix(8))"
            try FileManager.default.createDirectory(atPath: copyDirectory, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o755])
            copiedBinaryDirectory = copyDirectory
            certpanel = copyDirectory + "/certpanel"
            // cp, not FileManager: a copy written by this (multi-threaded) test process can be
            // inherited, still open for writing, by a child another test forks meanwhile, and
            // sshd's exec of it then fails with "Text file busy" (exit 127, seen in CI).
            try Program.succeed("/bin/cp", [builtBinary, certpanel])
            chmod(certpanel, 0o755)
            guard Self.sshdAccepts(certpanel) else {
                throw Failure(description: "neither \(builtBinary) nor its copy \(certpanel) is owned by root and unwritable by others, as sshd requires of an AuthorizedKeysCommand")
            }
        }

        let hostKey = directory.appendingPathComponent("ssh_host_ed25519_key").path
        try Self.keygen(hostKey, scratch: directory)
        port = try Self.freePort()
        let config = block.map { Self.harnessLines(port: port, hostKey: hostKey, pidPath: pidPath) + $0(certpanel) } ?? [
            "Port \(port)",
            "ListenAddress 127.0.0.1",
            "HostKey \(hostKey)",
            "PidFile \(pidPath)",
            "AuthorizedKeysFile none",
            "AuthorizedKeysCommand \(certpanel) --db \(databasePath) authorized-keys %u %t %k",
            "AuthorizedKeysCommandUser root",       // for this test only: docs/ssh.md uses a service user
            "PubkeyAuthentication yes",
            "PasswordAuthentication no",
            "KbdInteractiveAuthentication no",
            "PermitRootLogin prohibit-password",    // the test logs in as root, with a key only
            "StrictModes no",
            "UsePAM no",
            "LogLevel DEBUG3",
            "PermitTTY yes",
            "DisableForwarding yes",
            "PermitTunnel no",
            "PermitUserRC no",
            "PermitUserEnvironment no",
        ] + extraConfig
        try Data((config.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: configPath))

        let check = try ChildProcess.run([Self.sshd, "-t", "-f", configPath], scratch: directory)
        guard check.status == 0 else {
            throw Failure(description: "sshd -t rejects the test's sshd_config: \(check.stderr)")
        }
        process = try ChildProcess([Self.sshd, "-D", "-f", configPath, "-E", logPath],
                                   outputBase: directory.appendingPathComponent("sshd"))
        try waitUntilListening()
    }

    deinit { stop() }

    /// What any test sshd needs whatever else it is given: where to listen, its host key and
    /// pid file, root logins with a key (the tests log in as root), a verbose log, and Debian's
    /// default sftp subsystem (so that an sftp request reaches the forced command, as it would).
    static func harnessLines(port: Int, hostKey: String, pidPath: String) -> [String] {
        ["Port \(port)", "ListenAddress 127.0.0.1", "HostKey \(hostKey)", "PidFile \(pidPath)",
         "PermitRootLogin prohibit-password", "StrictModes no", "UsePAM no", "LogLevel DEBUG3",
         "Subsystem sftp /usr/lib/openssh/sftp-server"]
    }

    /// `sshd -t` of a configuration: the exit status and what sshd said.
    static func check(_ lines: [String], directory: URL) throws -> (status: Int32, stderr: String) {
        try FileManager.default.createDirectory(atPath: "/run/sshd", withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        let hostKey = directory.appendingPathComponent("check_host_ed25519_key").path
        if !FileManager.default.fileExists(atPath: hostKey) { try keygen(hostKey, scratch: directory) }
        let path = directory.appendingPathComponent("sshd_config_check").path
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: path))
        let result = try ChildProcess.run([sshd, "-t", "-f", path, "-h", hostKey], scratch: directory)
        return (result.status, result.stderr)
    }

    /// Stops sshd by the PID in its pid file (that of the `-D` process we started) and removes
    /// the binary's copy, if one was made.
    func stop() {
        if let process {
            if let text = try? String(contentsOfFile: pidPath, encoding: .utf8), let pid = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)),
               pid == process.pid {
                kill(pid, SIGTERM)
            }
            process.terminate()
            self.process = nil
        }
        if let copiedBinaryDirectory {
            try? FileManager.default.removeItem(atPath: copiedBinaryDirectory)
            self.copiedBinaryDirectory = nil
        }
    }

    var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    /// Polls until sshd answers with its banner (and has written its pid file).
    private func waitUntilListening(timeout: Duration = .seconds(20)) throws {
        let deadline = ContinuousClock.now + timeout
        while true {
            if let process, process.poll() {
                throw Failure(description: "sshd exited (\(process.exitStatus!)) at start: \(process.stderr)\n\(log.suffix(2000))")
            }
            let answer = Self.connectAndRead(port: port, timeout: .milliseconds(500))
            if answer.connected, String(decoding: answer.bytes, as: UTF8.self).hasPrefix("SSH-2.0-"), FileManager.default.fileExists(atPath: pidPath) {
                return
            }
            guard ContinuousClock.now < deadline else {
                throw Failure(description: "sshd did not answer on 127.0.0.1:\(port) within \(timeout); its log:\n\(log.suffix(2000))")
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
    }

    // MARK: - Clients

    /// `ssh` options for logging in to this server with `identity` only.
    func sshArguments(identity: String) throws -> [String] {
        [try Self.tool("ssh"), "-i", identity, "-p", "\(port)",
         "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "GlobalKnownHostsFile=/dev/null",
         "-o", "IdentitiesOnly=yes", "-o", "BatchMode=yes", "-o", "LogLevel=ERROR", "-F", "/dev/null"]
    }

    /// Runs `ssh … root@127.0.0.1 REMOTE…` without a terminal and waits for it.
    func ssh(identity: String, _ options: [String], remote: [String] = []) throws -> (status: Int32, stdout: String, stderr: String) {
        try ChildProcess.run(try sshArguments(identity: identity) + options + ["root@127.0.0.1"] + remote, scratch: directory)
    }

    // MARK: - Helpers

    static func tool(_ name: String) throws -> String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        let candidates = path.split(separator: ":").map { "\($0)/\(name)" } + ["/usr/bin/\(name)"]
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw Failure(description: "\(name) is missing, and the SSH end-to-end tests need real OpenSSH: run scripts/install-deps (apt-get install openssh-client)")
        }
        return found
    }

    /// A new ed25519 key pair without a passphrase at `path` (and `path.pub`).
    static func keygen(_ path: String, scratch: URL) throws {
        let result = try ChildProcess.run([try tool("ssh-keygen"), "-q", "-t", "ed25519", "-N", "", "-C", "e2e", "-f", path], scratch: scratch)
        guard result.status == 0 else { throw Failure(description: "ssh-keygen failed: \(result.stderr)") }
    }

    /// Whether sshd's ownership checks pass for `path`: it and every directory above it owned by
    /// root and not writable by group or others.
    static func sshdAccepts(_ path: String) -> Bool {
        guard let real = realpath(path, nil) else { return false }
        defer { free(real) }
        var url = URL(fileURLWithPath: String(cString: real))
        while true {
            var info = stat()
            guard stat(url.path, &info) == 0, info.st_uid == 0, info.st_mode & 0o022 == 0 else { return false }
            if url.path == "/" { return true }
            url.deleteLastPathComponent()
        }
    }

    /// A TCP port on 127.0.0.1 that nothing listens on: bind to port 0 and ask which one it got.
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure(description: "socket: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var address = loopback(port: 0)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else { throw Failure(description: "bind: \(String(cString: strerror(errno)))") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    static func loopback(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = in_addr_t(0x7f00_0001).bigEndian
        return address
    }

    /// Connects to 127.0.0.1:`port` and reads what arrives until EOF or `timeout`.
    static func connectAndRead(port: Int, timeout: Duration) -> (connected: Bool, bytes: [UInt8]) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return (false, []) }
        defer { close(fd) }
        var address = loopback(port: port)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { return (false, []) }
        var bytes: [UInt8] = []
        let deadline = ContinuousClock.now + timeout
        var buffer = [UInt8](repeating: 0, count: 256)
        while ContinuousClock.now < deadline {
            var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&descriptor, 1, 50) >= 0 else { break }
            if descriptor.revents == 0 { continue }
            let count = read(fd, &buffer, buffer.count)
            guard count > 0 else { break }   // EOF or error: the far end closed
            bytes += buffer[0..<count]
            if bytes.contains(UInt8(ascii: "\n")) { break }
        }
        return (true, bytes)
    }
}
