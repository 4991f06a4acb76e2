import Foundation

/// A web server on 127.0.0.1 (python3's http.server) for the domain-validation checks: it
/// serves `root/HOST/PATH` by the request's Host header, so one server plays every domain;
/// `PATH.redirect` answers 301 to the URL the file holds, anything else 404. It stops when the
/// value is released (and by itself when the test process's end closes its standard input).
public final class LocalHTTPServer: @unchecked Sendable {
    public let root: URL
    public let port: Int
    private let process: Process
    private let input: Pipe

    static let script = """
        import http.server, os, sys, threading
        root = sys.argv[1]
        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                host = (self.headers.get('Host') or '').split(':')[0]
                path = os.path.normpath(os.path.join(root, host, self.path.lstrip('/')))
                if not path.startswith(root):
                    self.send_error(400)
                elif os.path.isfile(path):
                    body = open(path, 'rb').read()
                    self.send_response(200)
                    self.send_header('Content-Type', 'text/plain')
                    self.send_header('Content-Length', str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                elif os.path.isfile(path + '.redirect'):
                    self.send_response(301)
                    self.send_header('Location', open(path + '.redirect').read().strip())
                    self.end_headers()
                else:
                    self.send_error(404)
            def log_message(self, *arguments):
                pass
        server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), Handler)
        threading.Thread(target=lambda: (sys.stdin.read(), os._exit(0)), daemon=True).start()
        print(server.server_address[1], flush=True)
        server.serve_forever()
        """

    public init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("certpanel-http-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", Self.script, root.path]
        let output = Pipe()
        input = Pipe()
        process.standardOutput = output
        process.standardInput = input
        process.standardError = FileHandle.nullDevice
        try process.run()
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line += chunk
        }
        guard let port = Int(String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) else {
            kill(process.processIdentifier, SIGKILL)
            throw Program.Failure("python3 did not start the test web server (is python3 installed?)")
        }
        self.port = port
    }

    /// `http://127.0.0.1:PORT`
    public var base: String { "http://127.0.0.1:\(port)" }

    /// Serves `content` at `http://host/path`.
    public func serve(_ content: String, host: String, path: String) throws {
        let file = root.appendingPathComponent(host).appendingPathComponent(String(path.drop { $0 == "/" }))
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(content.utf8).write(to: file)
    }

    /// Answers `http://host/path` with a 301 to `location`.
    public func redirect(host: String, path: String, to location: String) throws {
        try serve(location, host: host, path: path + ".redirect")
    }

    deinit {
        // SIGKILL: the test process blocks SIGTERM, and a child inherits the mask.
        kill(process.processIdentifier, SIGKILL)
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: root)
    }
}
