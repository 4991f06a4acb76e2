import Foundation
import Logging
import PanelModel

/// Where the log goes: standard error for the command line (a script sees the detail of an
/// incident next to its message), and a file in the XDG state directory for the terminal
/// panel, whose standard error is the user's screen (over SSH, a customer's).
enum LogDestination {
    /// `$XDG_STATE_HOME/certpanel/certpanel.log`, or `~/.local/state/certpanel/certpanel.log`.
    static var filePath: String {
        let environment = ProcessInfo.processInfo.environment
        let base: String
        if let xdg = environment["XDG_STATE_HOME"], xdg.hasPrefix("/") {
            base = xdg
        } else {
            base = (environment["HOME"] ?? NSHomeDirectory()) + "/.local/state"
        }
        return base + "/certpanel/certpanel.log"
    }

    static func bootstrap(interactive: Bool) {
        if interactive {
            let path = filePath
            LoggingSystem.bootstrap { label in FileLogHandler(label: label, path: path) }
        } else {
            LoggingSystem.bootstrap { label in
                var handler = StreamLogHandler.standardError(label: label)
                handler.logLevel = .error
                return handler
            }
        }
    }
}

/// Appends one line per entry to a 0600 file, opened per entry with O_APPEND so that several
/// sessions can share it. If the file cannot be written the entry is dropped: the user still
/// has the incident ID, and a log must never stop the panel.
struct FileLogHandler: LogHandler {
    let label: String
    let path: String
    var metadata: Logger.Metadata = [:]
    var metadataProvider: Logger.MetadataProvider?
    var logLevel: Logger.Level = .error

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let time = Date().formatted(Date.ISO8601FormatStyle())
        let line = "\(time) \(event.level) \(label) pid=\(getpid()): \(EchoedText.oneLine(event.message.description, limit: 8000))\n"
        let directory = (path as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return }
        defer { close(fd) }
        var bytes = Array(line.utf8)
        _ = write(fd, &bytes, bytes.count)
    }
}
