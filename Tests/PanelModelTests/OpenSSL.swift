import Foundation
import Testing
import TestSupport

/// The real `openssl` (Debian's /usr/bin/openssl) in a fresh temporary directory: makes keys,
/// CSRs and certificates for the CSR tests, and verifies what the demo CA issues.
final class OpenSSL {
    static let path = "/usr/bin/openssl"

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    typealias Result = Program.Result

    /// How to make a key: `openssl req -newkey` arguments.
    enum Key: Sendable {
        case rsa(Int)
        case ec(String)
        case ed25519

        var arguments: [String] {
            switch self {
            case .rsa(let bits): ["-newkey", "rsa:\(bits)"]
            case .ec(let curve): ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:\(curve)"]
            case .ed25519: ["-newkey", "ed25519"]
            }
        }
    }

    let directory: URL

    init() throws {
        guard FileManager.default.isExecutableFile(atPath: Self.path) else {
            Issue.record("\(Self.path) is missing: these tests make real CSRs with openssl; install it with `apt-get install openssl` (scripts/test does).")
            throw Failure(description: "openssl is not installed")
        }
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("certpanel-openssl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    func read(_ name: String) throws -> String {
        try String(contentsOfFile: path(name), encoding: .utf8)
    }

    func write(_ name: String, _ text: String) throws {
        try Data(text.utf8).write(to: directory.appendingPathComponent(name))
    }

    /// Runs openssl in the directory; `run` returns whatever happened, `succeed` insists on exit 0.
    func run(_ arguments: [String]) throws -> Result {
        try Program.run(Self.path, arguments, directory: directory)
    }

    @discardableResult
    func succeed(_ arguments: [String]) throws -> String {
        let result = try run(arguments)
        guard result.status == 0 else {
            throw Failure(description: "openssl \(arguments.joined(separator: " ")) exited \(result.status): \(result.stderr)")
        }
        return result.stdout
    }

    /// A new key in `NAME.key` and its CSR in `NAME.csr`; returns the CSR's PEM text.
    @discardableResult
    func makeCSR(_ name: String, key: Key, subject: String, sans: [String] = [], digest: String? = "sha256") throws -> String {
        var arguments = ["req", "-new", "-nodes"] + key.arguments + ["-keyout", "\(name).key", "-out", "\(name).csr", "-subj", subject]
        if let digest { arguments.append("-\(digest)") }
        if !sans.isEmpty { arguments += ["-addext", "subjectAltName=" + sans.joined(separator: ",")] }
        try succeed(arguments)
        return try read("\(name).csr")
    }

    /// The DER bytes of a PEM CSR file.
    func csrDER(_ name: String) throws -> [UInt8] {
        try succeed(["req", "-in", "\(name).csr", "-outform", "DER", "-out", "\(name).der"])
        return Array(try Data(contentsOf: directory.appendingPathComponent("\(name).der")))
    }

    /// PEM text for DER bytes, wrapped at 64 columns as openssl writes it.
    static func pem(_ label: String, _ der: [UInt8]) -> String {
        let base64 = Data(der).base64EncodedString(options: [.lineLength64Characters, .endLineWithLineFeed])
        return "-----BEGIN \(label)-----\n\(base64)\n-----END \(label)-----\n"
    }
}
