import Foundation
import Testing
import PanelModel

/// Real public keys made with ssh-keygen 9.2 (OpenSSH's own encoder), and hand-built blobs for
/// every way a key can be malformed.
@Suite struct SSHPublicKeyTests {
    static let ed25519 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJJxONhp2Sl7smP6pcrM30aOX1WtT4E8z7TFIw5gPUqG alice@laptop"
    static let p256 = "ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBBELo4FOzy+YJ93P+wNK1oBny/sT1kv61vwz/kqEy+VL9zhrGyaMigjmkRv5V0Mxm1qoUVGq59tVPXFsP/F8bw4= t"
    static let p384 = "ecdsa-sha2-nistp384 AAAAE2VjZHNhLXNoYTItbmlzdHAzODQAAAAIbmlzdHAzODQAAABhBNWdN/9mKBEHVxo/U2G/GNx11iZeDJARagT8RywK2m9SxSi0FYld1vC9XBTDiidaOyCkAjqPrQ+36S92Btm1WY1qkhrXJGz/NRER+Xhfxlp+dBU8JlyU980zjeZ+NI/wiA== t"
    static let p521 = "ecdsa-sha2-nistp521 AAAAE2VjZHNhLXNoYTItbmlzdHA1MjEAAAAIbmlzdHA1MjEAAACFBAHfcDgvXKxZnxTVprWOrEtzVQm8PKhMpDWXmFlTaXU2sYQLzoAMKe7MpdzkHGiazYr16jcbybqgd/xDoB/L0YigIgHI6zstV6gAA5Uf37i9M9etDZDnXDKajRQ0O62JDLWl6d2JuN7gJSBHUHzvIsN7DYaBmBZlXPEo8JBgiKU3HdTexA== root@vm"
    static let rsa2048 = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC+8XUIpGuExUGhvuY1/NLWY0HM4vCPeXbV7nNQ9O77OEj2c/1vHOIRHsakcYRJEjmVVJdRKtQI8aj+Mmw48vUzod11rIGIv7I58eRzcWwFAJ5Yc3J9HSjAnR+VklVirWG39F8zB3KEE2z+oVpva4yIoA7/iDQNsdBF5k5/sVQeHNXYRQVJxiAhTOLMdDalGHzAVHUeZixFTHvDWuifwNIhOq8if6lRLh4947vOS9IDYZXB20LnYKjG8Uiw8LSIH8DrzVxYv6Pffs8r4xEb3E7gCmc9oWwgc/iqVHhh1EPP6N5tiWjNU0Zt4iYh/qqdnPTnIzcbLB2jOgYL+1aFSvcL t"
    static let rsa1024 = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAAAgQDDr/T6ags8UTy6Inguo2q5b54qClNwJYeka+SmPsakZqCj37WVHbOZpF2kFGIjRI8yPCK7jMIvVM+LtUODHM7DSCt5TtYAfwucQTY7tSuquD7JsLdZG7ipsR8e5JJRs2IRxdI72rUwRRGH/Scg7HUGSMcSsW0fZ+/yf5t+epi9bw== root@vm"

    // MARK: - Wire-format builders

    static func string(_ bytes: [UInt8]) -> [UInt8] {
        let n = UInt32(bytes.count)
        return [UInt8(n >> 24), UInt8(n >> 16 & 0xff), UInt8(n >> 8 & 0xff), UInt8(n & 0xff)] + bytes
    }
    static func string(_ text: String) -> [UInt8] { string(Array(text.utf8)) }
    static func base64(_ parts: [UInt8]...) -> String { Data(parts.joined()).base64EncodedString() }

    /// The refusal message for `line`, or nil when it parses.
    static func refusal(_ line: String) -> String? {
        do {
            _ = try SSHPublicKey(parsing: line)
            return nil
        } catch {
            #expect(error.exitCode == 2)
            return error.message
        }
    }

    // MARK: - Accepted

    @Test(arguments: [
        (ed25519, SSHPublicKey.KeyType.ed25519, 256, "alice@laptop"),
        (p256, .ecdsaP256, 256, "t"),
        (p384, .ecdsaP384, 384, "t"),
        (p521, .ecdsaP521, 521, "root@vm"),
        (rsa2048, .rsa, 2048, "t"),
    ])
    func realKeysParse(line: String, type: SSHPublicKey.KeyType, bits: Int, comment: String) throws {
        let key = try SSHPublicKey(parsing: line)
        #expect(key.type == type)
        #expect(key.bits == bits)
        #expect(key.comment == comment)
        // Round trip: the text without the comment is the first two fields.
        #expect(key.keyText == line.split(separator: " ").prefix(2).joined(separator: " "))
        // sshd's %t %k form gives the same key.
        let fields = line.split(separator: " ").map(String.init)
        #expect(try SSHPublicKey(type: fields[0], base64: fields[1]).blob == key.blob)
    }

    @Test func surroundingWhitespaceTabsAndCommentsWithSpacesAreKept() throws {
        let key = try SSHPublicKey(parsing: "  ssh-ed25519\tAAAAC3NzaC1lZDI1NTE5AAAAIJJxONhp2Sl7smP6pcrM30aOX1WtT4E8z7TFIw5gPUqG  Alice's  laptop \n")
        #expect(key.comment == "Alice's  laptop")
        #expect(try SSHPublicKey(parsing: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJJxONhp2Sl7smP6pcrM30aOX1WtT4E8z7TFIw5gPUqG").comment == "")
    }

    // MARK: - Refused

    @Test func weakRSAKeysAreRefusedWithTheirSize() throws {
        let message = try #require(Self.refusal(Self.rsa1024))
        #expect(message.contains("1024 bits"))
        #expect(message.contains("at least 2048"))
        #expect(message.contains("ssh-keygen -t ed25519"))
    }

    @Test func rsaBitsAreCountedFromTheModulusNotItsPadding() throws {
        // A 2047-bit modulus (top byte 0x7f after the mpint's sign byte) is refused; 2048 passes.
        let e: [UInt8] = [0x01, 0x00, 0x01]
        let n2047 = [0x00, 0x7f] + [UInt8](repeating: 0xab, count: 255)
        let n2048 = [0x00, 0x80] + [UInt8](repeating: 0xab, count: 255)
        let short = "ssh-rsa " + Self.base64(Self.string("ssh-rsa"), Self.string(e), Self.string(n2047))
        let long = "ssh-rsa " + Self.base64(Self.string("ssh-rsa"), Self.string(e), Self.string(n2048))
        #expect(Self.refusal(short)?.contains("2047 bits") == true)
        #expect(try SSHPublicKey(parsing: long).bits == 2048)
        // A negative modulus (no sign byte) is not a key.
        let negative = "ssh-rsa " + Self.base64(Self.string("ssh-rsa"), Self.string(e), Self.string([0x80] + [UInt8](repeating: 0xab, count: 255)))
        #expect(Self.refusal(negative)?.contains("negative") == true)
        // An even exponent is not RSA.
        let even = "ssh-rsa " + Self.base64(Self.string("ssh-rsa"), Self.string([0x02]), Self.string(n2048))
        #expect(Self.refusal(even)?.contains("exponent") == true)
    }

    @Test func theTypeInsideTheBlobMustBeTheDeclaredOne() throws {
        // An Ed25519 blob labelled ssh-rsa.
        let blob = Self.ed25519.split(separator: " ")[1]
        let message = try #require(Self.refusal("ssh-rsa \(blob)"))
        #expect(message.contains("says ssh-rsa but the key inside is \"ssh-ed25519\""))
        // An ECDSA blob whose curve field names another curve.
        let wrongCurve = "ecdsa-sha2-nistp256 " + Self.base64(Self.string("ecdsa-sha2-nistp256"), Self.string("nistp384"), Self.string([0x04] + [UInt8](repeating: 1, count: 64)))
        #expect(Self.refusal(wrongCurve)?.contains("names another curve") == true)
    }

    @Test func ed25519KeysAreExactly32Bytes() throws {
        let short = "ssh-ed25519 " + Self.base64(Self.string("ssh-ed25519"), Self.string([UInt8](repeating: 7, count: 31)))
        #expect(Self.refusal(short)?.contains("32 bytes, this one is 31") == true)
        let trailing = "ssh-ed25519 " + Self.base64(Self.string("ssh-ed25519"), Self.string([UInt8](repeating: 7, count: 32)), [0])
        #expect(Self.refusal(trailing)?.contains("1 unexpected bytes") == true)
        let good = "ssh-ed25519 " + Self.base64(Self.string("ssh-ed25519"), Self.string([UInt8](repeating: 7, count: 32)))
        #expect(Self.refusal(good) == nil)
    }

    @Test func ecdsaPointsMustBeUncompressedAndOfTheCurvesSize() throws {
        let compressed = "ecdsa-sha2-nistp256 " + Self.base64(Self.string("ecdsa-sha2-nistp256"), Self.string("nistp256"), Self.string([0x02] + [UInt8](repeating: 1, count: 32)))
        #expect(Self.refusal(compressed)?.contains("65 bytes in uncompressed form, this one is 33") == true)
    }

    @Test func truncatedKeysSayWhereTheyEnd() throws {
        // Announces a 32-byte key but carries 4 bytes.
        let cut = "ssh-ed25519 " + Self.base64(Self.string("ssh-ed25519"), [0, 0, 0, 32, 1, 2, 3, 4])
        #expect(Self.refusal(cut)?.contains("cut short in the Ed25519 key (32 bytes announced, 4 left)") == true)
        let full = Self.ed25519.split(separator: " ").map(String.init)
        // A line cut in the middle of its base64 is not base64 at all.
        #expect(Self.refusal("ssh-ed25519 " + full[1].dropLast(3))?.contains("not valid base64") == true)
    }

    @Test(arguments: [
        ("", "the key is empty"),
        ("ssh-ed25519", "found only one word"),
        ("ssh-dss AAAAB3NzaC1kc3MAAACBAP", "DSA keys (ssh-dss) are too weak"),
        ("ssh-ed25519-cert-v01@openssh.com AAAA", "is an SSH certificate"),
        ("sk-ssh-ed25519@openssh.com AAAA", "security-key types"),
        ("no-pty,command=\"x\" ssh-ed25519 AAAA", "authorized_keys options"),
        ("-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n-----END OPENSSH PRIVATE KEY-----", "more than one line"),
        ("ssh-ed25519 !!!notbase64!!!", "not valid base64"),
        ("rsa AAAA", "is not a key type this panel accepts"),
    ])
    func malformedLinesSayWhatIsWrongAndWhatToDo(line: String, problem: String) throws {
        let message = try #require(Self.refusal(line))
        #expect(message.contains(problem), "\(message)")
        #expect(message.hasPrefix("This is not a usable SSH public key:"))
        #expect(message.contains("Paste the single line of your public key file"))
    }

    @Test func commentsWithControlCharactersOrTooLongAreRefused() throws {
        let blob = Self.ed25519.split(separator: " ")[1]
        #expect(Self.refusal("ssh-ed25519 \(blob) evil\u{1b}[2Jcomment")?.contains("control characters") == true)
        #expect(Self.refusal("ssh-ed25519 \(blob) " + String(repeating: "x", count: 201))?.contains("longer than 200") == true)
    }

    @Test func hugeInputIsRefusedBeforeDecoding() throws {
        let message = try #require(Self.refusal("ssh-rsa " + String(repeating: "A", count: 20_000)))
        #expect(message.contains("far longer than any public key"))
    }
}
