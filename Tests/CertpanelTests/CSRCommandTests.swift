import Foundation
import Testing
import TestSupport
import PanelModel

/// `certpanel csr check` through the real binary, on CSRs made by the real openssl.
@Suite struct CSRCommandTests {
    /// Runs /usr/bin/openssl in the fixture's directory and insists on success.
    @discardableResult
    static func openssl(_ arguments: [String], in directory: URL) throws -> String {
        let path = "/usr/bin/openssl"
        try #require(FileManager.default.isExecutableFile(atPath: path), "\(path) is missing: install openssl (scripts/test does)")
        let result = try Program.run(path, arguments, directory: directory)
        try #require(result.status == 0, "openssl \(arguments): \(result.stderr)")
        return result.stdout
    }

    /// `NAME.key` and `NAME.csr` in the fixture's directory; returns the CSR file's path.
    static func makeCSR(_ name: String, _ newkey: [String], subject: String, in demo: DemoFixture) throws -> String {
        try openssl(["req", "-new", "-nodes"] + newkey + ["-keyout", "\(name).key", "-out", "\(name).csr", "-subj", subject], in: demo.directory)
        return demo.directory.appendingPathComponent("\(name).csr").path
    }

    @Test func acceptedPrintsTheDecodedCSRAndExitsZero() throws {
        let demo = try DemoFixture(seed: false)
        try Self.openssl(["req", "-new", "-nodes", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-keyout", "site.key",
                          "-out", "site.csr", "-subj", "/C=SI/O=Sunrise Bakery/CN=sunrise-bakery.com",
                          "-addext", "subjectAltName=DNS:sunrise-bakery.com,DNS:www.sunrise-bakery.com"], in: demo.directory)
        let path = demo.directory.appendingPathComponent("site.csr").path
        let result = try demo.cli.run(["csr", "check", path, "--domain", "sunrise-bakery.com"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("  O   Sunrise Bakery\n"))
        #expect(result.stdout.contains("  CN  sunrise-bakery.com\n"))
        #expect(result.stdout.contains("Subject alternative names: sunrise-bakery.com, www.sunrise-bakery.com\n"))
        #expect(result.stdout.contains("Key: EC P-256\n"))
        #expect(result.stdout.contains("Signature algorithm: ECDSA with SHA-256\n"))
        #expect(result.stdout.contains("Self-signature: verifies\n"))
        #expect(result.stdout.hasSuffix("Accepted for sunrise-bakery.com.\n"))
        #expect(result.stderr.isEmpty)
        // The same from standard input.
        let piped = try demo.cli.run(["csr", "check", "-", "--domain", "sunrise-bakery.com"], stdin: try String(contentsOfFile: path, encoding: .utf8))
        #expect(piped.status == 0)
        #expect(piped.stdout == result.stdout)
    }

    @Test func refusedPrintsEachReasonAndExitsOne() throws {
        let demo = try DemoFixture(seed: false)
        let weak = try Self.makeCSR("weak", ["-newkey", "rsa:1024", "-sha1"], subject: "/CN=example.com", in: demo)
        let result = try demo.cli.run(["csr", "check", weak])
        #expect(result.status == 1)
        #expect(result.stdout.contains("Key: RSA 1024 bits\n"))
        let refusals = result.stdout.split(separator: "\n").filter { $0.hasPrefix("Refused: ") }
        #expect(refusals.count == 2)
        #expect(refusals.contains { $0.contains("RSA 1024 bits, which is too weak") })
        #expect(refusals.contains { $0.contains("SHA-1") })

        let good = try Self.makeCSR("good", ["-newkey", "rsa:2048"], subject: "/CN=example.com", in: demo)
        let wildcard = try demo.cli.run(["csr", "check", good, "--domain", "example.com", "--wildcard"])
        #expect(wildcard.status == 1)
        #expect(wildcard.stdout.contains("Refused: The CSR does not cover *.example.com"))
        #expect(wildcard.stdout.contains("Self-signature: verifies"))
    }

    @Test func unreadableInputAndFilesExitTwo() throws {
        let demo = try DemoFixture(seed: false)
        let missing = demo.directory.appendingPathComponent("nowhere.csr").path
        let noFile = try demo.cli.run(["csr", "check", missing])
        #expect(noFile.status == 2)
        #expect(noFile.stderr.contains("There is no file at \(missing)"))
        #expect(noFile.stdout.isEmpty)

        let directory = try demo.cli.run(["csr", "check", demo.directory.path])
        #expect(directory.status == 2)
        #expect(directory.stderr.contains("is a directory"))

        var random = SystemRandomNumberGenerator()
        let junk = demo.directory.appendingPathComponent("junk.bin")
        try Data((0..<5000).map { _ in UInt8.random(in: 0...255, using: &random) }).write(to: junk)
        let binary = try demo.cli.run(["csr", "check", junk.path])
        #expect(binary.status == 2)
        #expect(binary.stdout.hasPrefix("Unreadable: This is binary data"))

        let big = demo.directory.appendingPathComponent("big.txt")
        try Data(String(repeating: "not a csr at all\n", count: 62_000).utf8).write(to: big)   // about 1 MB
        let tooLarge = try demo.cli.run(["csr", "check", big.path])
        #expect(tooLarge.status == 2)
        #expect(tooLarge.stdout.contains("64 KiB"))

        #expect(try demo.cli.run(["csr", "check", "-"], stdin: "").status == 2)
        #expect(try demo.cli.run(["csr", "check", "-", "--wildcard"], stdin: "x").status == 2)   // --wildcard without --domain
        #expect(try demo.cli.run(["csr", "check", "-", "--domain", "exa mple.com"], stdin: "x").status == 2)
    }

    @Test func jsonDecodesToTheVerdict() throws {
        let demo = try DemoFixture(seed: false)
        let good = try Self.makeCSR("good", ["-newkey", "rsa:2048"], subject: "/CN=example.com", in: demo)
        let accepted = try demo.cli.run(["csr", "check", good, "--json"])
        #expect(accepted.status == 0)
        let verdict = try JSONDecoder().decode(CSRVerdict.self, from: Data(accepted.stdout.utf8))
        #expect(verdict.isAccepted)
        #expect(verdict.summary?.keyDescription == "RSA 2048 bits")
        #expect(verdict.canonicalPEM == (try String(contentsOfFile: good, encoding: .utf8)))

        let refused = try demo.cli.run(["--json", "csr", "check", good, "--domain", "other.org"])
        #expect(refused.status == 1)
        let refusal = try JSONDecoder().decode(CSRVerdict.self, from: Data(refused.stdout.utf8))
        #expect(refusal.problems.map(\.code) == ["names_missing", "names_not_in_order"])
        #expect(refusal.canonicalPEM == nil)

        let unreadable = try demo.cli.run(["csr", "check", "-", "--json"], stdin: "hello")
        #expect(unreadable.status == 2)
        #expect(try JSONDecoder().decode(CSRVerdict.self, from: Data(unreadable.stdout.utf8)).isReadable == false)
    }

    @Test func aPrivateKeyIsRefusedAndNeverEchoed() throws {
        let demo = try DemoFixture(seed: false)
        let csrPath = try Self.makeCSR("site", ["-newkey", "rsa:2048"], subject: "/CN=example.com", in: demo)
        let keyPath = demo.directory.appendingPathComponent("site.key").path
        let key = try String(contentsOfFile: keyPath, encoding: .utf8)
        let keyLines = key.split(separator: "\n").filter { !$0.hasPrefix("-----") }
        #expect(keyLines.count > 10)
        let both = key + (try String(contentsOfFile: csrPath, encoding: .utf8))
        for (arguments, stdin) in [(["csr", "check", keyPath], nil), (["csr", "check", "-"], both), (["csr", "check", "-", "--json"], both)] as [([String], String?)] {
            let result = try demo.cli.run(arguments, stdin: stdin)
            #expect(result.status == 1)
            #expect(result.stdout.contains("PRIVATE KEY"))
            #expect(result.stdout.contains("keep it secret"))
            for line in keyLines {
                #expect(!result.stdout.contains(line) && !result.stderr.contains(line))
            }
        }
    }

    /// `openssl req -outform DER` output given as FILE is read as DER, for check and submit alike.
    @Test func aDERFileIsReadAsDER() throws {
        let demo = try DemoFixture()
        let pemPath = try Self.makeCSR("site", ["-newkey", "rsa:2048"], subject: "/CN=bluebird-studio.com", in: demo)
        try Self.openssl(["req", "-in", "site.csr", "-outform", "DER", "-out", "site.der"], in: demo.directory)
        let derPath = demo.directory.appendingPathComponent("site.der").path
        #expect(try Data(contentsOf: URL(fileURLWithPath: derPath)).first == 0x30)

        let fromPEM = try demo.cli.run(["csr", "check", pemPath, "--domain", "bluebird-studio.com"])
        let fromDER = try demo.cli.run(["csr", "check", derPath, "--domain", "bluebird-studio.com"])
        #expect(fromDER.status == 0, "\(fromDER.stdout)\(fromDER.stderr)")
        #expect(fromDER.stdout == fromPEM.stdout)
        #expect(fromDER.stdout.hasSuffix("Accepted for bluebird-studio.com.\n"))
        let json = try demo.cli.run(["csr", "check", derPath, "--json"])
        let verdict = try JSONDecoder().decode(CSRVerdict.self, from: Data(json.stdout.utf8))
        #expect(verdict.canonicalPEM == (try String(contentsOfFile: pemPath, encoding: .utf8)))

        let submitted = try demo.cli.run(["--as", "customer:100001", "csr", "submit", "1003", derPath])
        #expect(submitted.status == 0, "\(submitted.stdout)\(submitted.stderr)")
        #expect(submitted.stdout.contains("State: Issued\n"))
    }
}
