import Foundation

/// An OpenSSH public key as written in `authorized_keys` and `*.pub` files
/// (`ssh-ed25519 AAAAC3Nz… alice@laptop`), parsed and validated from its wire format
/// (RFC 4253 §6.6, RFC 5656 §3.1, RFC 8709 §4): the type named inside the blob must be the
/// declared one, Ed25519 keys are 32 bytes, ECDSA keys are uncompressed points on the named
/// curve, RSA moduli have at least 2,048 bits. Certificates, DSA and security-key types are
/// refused. Pure: the fingerprint (SHA-256) is computed by the store.
public struct SSHPublicKey: Hashable, Sendable {
    public enum KeyType: String, CaseIterable, Sendable, Codable {
        case ed25519 = "ssh-ed25519"
        case ecdsaP256 = "ecdsa-sha2-nistp256"
        case ecdsaP384 = "ecdsa-sha2-nistp384"
        case ecdsaP521 = "ecdsa-sha2-nistp521"
        case rsa = "ssh-rsa"

        /// The curve identifier inside an ECDSA blob, and the length of its uncompressed point.
        var curve: (name: String, pointLength: Int)? {
            switch self {
            case .ecdsaP256: ("nistp256", 65)
            case .ecdsaP384: ("nistp384", 97)
            case .ecdsaP521: ("nistp521", 133)
            case .ed25519, .rsa: nil
            }
        }

        static var accepted: String { allCases.map(\.rawValue).joined(separator: ", ") }
    }

    public static let minimumRSABits = 2048
    public static let maximumRSABits = 16384
    public static let maximumCommentLength = 200
    /// A 16,384-bit RSA key is about 2.8 KB of base64; anything much longer is not a key.
    static let maximumLineLength = 16 * 1024

    public let type: KeyType
    /// The decoded wire-format blob (what the fingerprint hashes).
    public let blob: [UInt8]
    /// The key size in bits: 256 for Ed25519, the curve size for ECDSA, the modulus for RSA.
    public let bits: Int
    /// The free text after the key ("alice@laptop"); may be empty.
    public let comment: String

    /// The blob in base64, as in `authorized_keys`.
    public var base64: String { Data(blob).base64EncodedString() }

    /// `TYPE BASE64`, without the comment: one `authorized_keys` key.
    public var keyText: String { "\(type.rawValue) \(base64)" }

    /// Parses one public-key line: `TYPE BASE64 [COMMENT]` (the content of a `.pub` file).
    public init(parsing line: String) throws(PanelError) {
        let text = line.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else {
            throw Self.problem("the key is empty")
        }
        guard text.utf8.count <= Self.maximumLineLength else {
            throw Self.problem("the text is \(text.utf8.count) bytes long, far longer than any public key")
        }
        guard !text.contains(where: { $0 == "\n" || $0 == "\r" }) else {
            throw Self.problem("the text has more than one line; give one key at a time")
        }
        let fields = text.split(maxSplits: 2, whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard fields.count >= 2 else {
            throw Self.problem("expected the key type, then the base64 key (\"ssh-ed25519 AAAAC3Nz…\"), but found only one word")
        }
        let comment = fields.count == 3 ? fields[2].trimmingCharacters(in: .whitespaces) : ""
        try self.init(type: fields[0], base64: fields[1], comment: comment)
    }

    /// Parses a key given as its type and base64 blob, as sshd passes them (`%t %k`).
    public init(type typeName: String, base64: String, comment: String = "") throws(PanelError) {
        guard let type = KeyType(rawValue: typeName) else {
            if typeName.contains("-cert-v01@openssh.com") {
                throw Self.problem("\"\(Self.shown(typeName))\" is an SSH certificate; register the plain public key instead")
            }
            if typeName == "ssh-dss" {
                throw Self.problem("DSA keys (ssh-dss) are too weak and no longer accepted; create an Ed25519 key with `ssh-keygen -t ed25519`")
            }
            if typeName.hasPrefix("sk-") {
                throw Self.problem("security-key types (\(Self.shown(typeName))) are not supported yet; register an Ed25519, ECDSA or RSA key")
            }
            if typeName.contains("=") || typeName.contains(",") || typeName.contains("\"") {
                throw Self.problem("the line starts with authorized_keys options; give only the key itself (TYPE BASE64 [COMMENT])")
            }
            throw Self.problem("\"\(Self.shown(typeName))\" is not a key type this panel accepts (\(KeyType.accepted))")
        }
        guard let data = Data(base64Encoded: base64), !data.isEmpty else {
            throw Self.problem("the key after \"\(type.rawValue)\" is not valid base64; copy the whole line of your .pub file")
        }
        guard comment.count <= Self.maximumCommentLength else {
            throw Self.problem("the comment is longer than \(Self.maximumCommentLength) characters")
        }
        guard !comment.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw Self.problem("the comment contains control characters")
        }
        var reader = WireReader(bytes: Array(data))
        let inner = try reader.string(naming: "the key type")
        guard let innerType = String(bytes: inner, encoding: .utf8), innerType == type.rawValue else {
            let named = String(bytes: inner, encoding: .utf8).map { "\"\(Self.shown($0))\"" } ?? "an unreadable type"
            throw Self.problem("the line says \(type.rawValue) but the key inside is \(named); the type and the key must come from the same .pub line")
        }
        let bits: Int
        switch type {
        case .ed25519:
            let key = try reader.string(naming: "the Ed25519 key")
            guard key.count == 32 else {
                throw Self.problem("an Ed25519 key is 32 bytes, this one is \(key.count)")
            }
            bits = 256
        case .ecdsaP256, .ecdsaP384, .ecdsaP521:
            let expected = type.curve!
            let curve = try reader.string(naming: "the curve name")
            guard String(bytes: curve, encoding: .utf8) == expected.name else {
                throw Self.problem("the key is \(type.rawValue) but names another curve inside")
            }
            let point = try reader.string(naming: "the curve point")
            guard point.count == expected.pointLength, point.first == 0x04 else {
                throw Self.problem("the \(expected.name) public point must be \(expected.pointLength) bytes in uncompressed form, this one is \(point.count) bytes")
            }
            bits = [65: 256, 97: 384, 133: 521][expected.pointLength]!
        case .rsa:
            let exponent = try reader.mpint(naming: "the RSA exponent")
            let modulus = try reader.mpint(naming: "the RSA modulus")
            guard !exponent.isEmpty, exponent.count <= 8, exponent.last! & 1 == 1, exponent != [1] else {
                throw Self.problem("the RSA public exponent is not a valid odd number")
            }
            bits = Self.bitCount(modulus)
            guard bits >= Self.minimumRSABits else {
                throw Self.problem("the RSA key has \(bits) bits; at least \(Self.minimumRSABits) are required. Create a new key with `ssh-keygen -t ed25519` (or `ssh-keygen -t rsa -b 4096`)")
            }
            guard bits <= Self.maximumRSABits else {
                throw Self.problem("the RSA key has \(bits) bits, more than the \(Self.maximumRSABits) OpenSSH accepts")
            }
        }
        guard reader.isAtEnd else {
            throw Self.problem("there are \(reader.remaining) unexpected bytes after the \(type.rawValue) key; copy the line from the .pub file again")
        }
        self.type = type
        self.blob = Array(data)
        self.bits = bits
        self.comment = comment
    }

    /// The number of significant bits of an unsigned big-endian number.
    static func bitCount(_ magnitude: [UInt8]) -> Int {
        guard let first = magnitude.first else { return 0 }
        return (magnitude.count - 1) * 8 + (8 - first.leadingZeroBitCount)
    }

    static func problem(_ what: String) -> PanelError {
        .invalidInput("This is not a usable SSH public key: \(what). Paste the single line of your public key file (for example ~/.ssh/id_ed25519.pub), not the private key.")
    }

    /// A bounded, printable excerpt of untrusted text for messages.
    static func shown(_ text: String) -> String {
        let printable = String(text.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }.map(Character.init))
        return printable.count > 40 ? String(printable.prefix(40)) + "…" : printable
    }

    /// Reads RFC 4251 `string` and `mpint` fields.
    struct WireReader {
        let bytes: [UInt8]
        var offset = 0

        var isAtEnd: Bool { offset == bytes.count }
        var remaining: Int { bytes.count - offset }

        mutating func string(naming what: String) throws(PanelError) -> [UInt8] {
            guard remaining >= 4 else {
                throw SSHPublicKey.problem("the key is cut short before \(what)")
            }
            let length = bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) }
            offset += 4
            guard length <= remaining else {
                throw SSHPublicKey.problem("the key is cut short in \(what) (\(length) bytes announced, \(remaining) left)")
            }
            defer { offset += length }
            return Array(bytes[offset..<offset + length])
        }

        /// A non-negative mpint, without its leading zero bytes.
        mutating func mpint(naming what: String) throws(PanelError) -> [UInt8] {
            let raw = try string(naming: what)
            if let first = raw.first, first & 0x80 != 0 {
                throw SSHPublicKey.problem("\(what) is negative")
            }
            return Array(raw.drop { $0 == 0 })
        }
    }
}
