import Foundation
import TestSupport

/// Runs a real program found on PATH (openssl, python3) and collects its output.
enum ExternalTool {
    typealias Result = Program.Result

    /// `arguments[0]` is the program, found on PATH.
    @discardableResult
    static func run(_ arguments: [String], stdin: String? = nil) throws -> Result {
        try Program.run(arguments[0], Array(arguments.dropFirst()), stdin: stdin)
    }

    /// Runs and throws with its standard error unless it exits 0.
    @discardableResult
    static func require(_ arguments: [String], stdin: String? = nil) throws -> String {
        try Program.succeed(arguments[0], Array(arguments.dropFirst()), stdin: stdin)
    }

    /// Reads an .eml file with Python's `email` parser (policy.default decodes RFC 2047 and
    /// quoted-printable) and returns its headers and plain-text content (with the mail's CRLF
    /// line ends turned back into the \n the outbox stores).
    static func parseEmail(at path: String) throws -> [String: String] {
        let script = """
            import email, email.policy, json, sys
            raw = open(sys.argv[1], 'rb').read()
            message = email.message_from_bytes(raw, policy=email.policy.default)
            bare_lf = raw.replace(b'\\r\\n', b'').count(b'\\n')
            print(json.dumps({
                'to': str(message['To']), 'from': str(message['From']), 'subject': str(message['Subject']),
                'date': str(message['Date']), 'date_parsed': str(message['Date'].datetime) if message['Date'] else '',
                'message_id': str(message['Message-ID']), 'mime': str(message['MIME-Version']),
                'content_type': message.get_content_type(), 'charset': str(message.get_content_charset()),
                'transfer_encoding': str(message['Content-Transfer-Encoding']),
                'body': message.get_content().replace('\\r\\n', '\\n'), 'defects': str(len(message.defects)), 'bare_lf': str(bare_lf),
                'longest_line': str(max(len(line) for line in raw.split(b'\\r\\n'))),
            }))
            """
        let output = try require(["python3", "-c", script, path])
        return try JSONDecoder().decode([String: String].self, from: Data(output.utf8))
    }
}

/// Real keys, CSRs and checks with Debian's `openssl`, in a temporary directory.
final class OpenSSLWorkspace {
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("certpanel-openssl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    func write(_ name: String, _ text: String) throws -> String {
        try Data(text.utf8).write(to: directory.appendingPathComponent(name))
        return path(name)
    }

    /// A new key (`rsa:BITS` or `ec:CURVE`) and a CSR for `commonName` with `names` as DNS
    /// subjectAltNames; returns the PEMs.
    func csr(commonName: String, names: [String] = [], key: String = "rsa:2048", digest: String = "-sha256") throws -> (csr: String, key: String) {
        let base = UUID().uuidString
        let keyArguments = key.hasPrefix("ec:") ? ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:\(key.dropFirst(3))"] : ["-newkey", key]
        var arguments = ["openssl", "req", "-new"] + keyArguments + ["-nodes", "-keyout", path("\(base).key"), "-out", path("\(base).csr"),
                         "-subj", "/O=Test Shop/CN=\(commonName)", digest]
        if !names.isEmpty { arguments += ["-addext", "subjectAltName=" + names.map { "DNS:\($0)" }.joined(separator: ",")] }
        try ExternalTool.require(arguments)
        return (try String(contentsOfFile: path("\(base).csr"), encoding: .utf8), try String(contentsOfFile: path("\(base).key"), encoding: .utf8))
    }

    /// `openssl verify -CAfile` of `certificate` against `authority` at the instant `at` (the
    /// test's clock, not the wall clock): the tool's answer and status.
    func verify(_ certificate: String, authority: String, at: Date) throws -> ExternalTool.Result {
        let ca = try write("ca-\(UUID().uuidString).pem", authority)
        let leaf = try write("leaf-\(UUID().uuidString).pem", certificate)
        return try ExternalTool.run(["openssl", "verify", "-attime", String(Int64(at.timeIntervalSince1970)), "-CAfile", ca, leaf])
    }

    /// `openssl x509 -noout -text` of a certificate.
    func text(of certificate: String) throws -> String {
        try ExternalTool.require(["openssl", "x509", "-noout", "-text", "-in", try write("x509-\(UUID().uuidString).pem", certificate)])
    }
}
