import Crypto
import Foundation

/// How a domain's control is shown to a public certificate authority. `email`: a mail to an
/// approver address is answered; `dns`: a CNAME record is published; `http`: a file is served.
public enum DCVMethod: String, Codable, CaseIterable, Sendable {
    case email, dns, http

    public var displayName: String {
        switch self {
        case .email: "Email"
        case .dns: "DNS (CNAME)"
        case .http: "HTTP file"
        }
    }
}

/// The DNS record a name needs: `name CNAME value`.
public struct DCVDNSRecord: Codable, Sendable, Hashable {
    public var type: String
    public var name: String
    public var value: String

    public init(type: String, name: String, value: String) {
        self.type = type
        self.name = name
        self.value = value
    }
}

/// The file a name needs: `content` served at `http://host/path`.
public struct DCVHTTPFile: Codable, Sendable, Hashable {
    public var host: String
    /// `/.well-known/pki-validation/<MD5>.txt`
    public var path: String
    public var content: String

    public var url: String { "http://\(host)\(path)" }
}

/// The validation values of one name of the CSR.
public struct DCVName: Codable, Sendable, Hashable {
    /// As the CSR names it (`*.example.com`).
    public var name: String
    /// The name whose control is shown: a wildcard's base name (`example.com`).
    public var validatedName: String
    /// The registrable domain (Public Suffix List), where the approver addresses are.
    public var registrableDomain: String
    public var approverEmails: [String]
    public var dns: DCVDNSRecord
    /// Nil for a wildcard: a file on one host does not show control of every name under it
    /// (Baseline Requirements 3.2.2.4.18), so `httpUnavailable` says why.
    public var http: DCVHTTPFile?
    public var httpUnavailable: String?
}

/// Domain-control validation values derived from a CSR the way Sectigo (formerly Comodo CA)
/// derives them: the MD5 and SHA-256 of the CSR's DER, in upper-case hex.
/// - HTTP: `http://NAME/.well-known/pki-validation/<MD5>.txt` holding `<SHA256>`, `comodoca.com`
///   and the unique value if the order has one, one per line.
/// - DNS: `_<MD5>.NAME CNAME <SHA256 first 32>.<SHA256 last 32>.[<unique>.]comodoca.com`.
/// - Email: admin@, administrator@, hostmaster@, postmaster@, webmaster@ the registrable domain.
/// Wildcards (`*.example.com`) validate their base name.
public struct DCVValues: Codable, Sendable, Hashable {
    public static let caDomain = "comodoca.com"
    public static let approverMailboxes = ["admin", "administrator", "hostmaster", "postmaster", "webmaster"]
    public static let httpDirectory = "/.well-known/pki-validation/"

    public var csrMD5: String
    public var csrSHA256: String
    public var caDomain: String
    public var uniqueValue: String?
    public var names: [DCVName]
    /// IP addresses in the CSR: not validated by these methods (left out of `names`).
    public var skippedNames: [String]

    /// The values for a CSR (PEM). Throws `invalidInput` when the text holds no readable CSR.
    public static func derive(csrPEM: String, uniqueValue: String? = nil) throws(PanelError) -> DCVValues {
        guard let block = PEMScanner.blocks(in: csrPEM).first(where: { CSRCheck.csrLabels.contains($0.label) && $0.isComplete }),
              case .success(let der) = block.decodedBytes() else {
            throw .invalidInput("The stored CSR cannot be read, so no validation values can be derived. Enter the CSR again.")
        }
        guard let summary = CSRCheck.judge(csrPEM, for: nil).summary else {
            throw .invalidInput("The stored CSR cannot be decoded, so no validation values can be derived. Enter the CSR again.")
        }
        return derive(der: der, names: [summary.commonName].compactMap { $0 } + summary.subjectAlternativeNames, uniqueValue: uniqueValue)
    }

    /// The values for a CSR's DER bytes and the names it holds (CN and SANs, in that order).
    public static func derive(der: [UInt8], names: [String], uniqueValue: String? = nil) -> DCVValues {
        let md5 = hex(Insecure.MD5.hash(data: der))
        let sha256 = hex(SHA256.hash(data: der))
        let unique = uniqueValue.flatMap { $0.isEmpty ? nil : $0 }
        let target = ([String(sha256.prefix(32)), String(sha256.suffix(32))] + [unique].compactMap { $0 } + [caDomain]).joined(separator: ".")
        let content = ([sha256, caDomain] + [unique].compactMap { $0 }).joined(separator: "\n")

        var seen = Set<String>()
        var entries: [DCVName] = []
        var skipped: [String] = []
        for raw in names {
            let name = CSRNames.normalized(raw)
            guard seen.insert(name).inserted else { continue }
            let wildcard = name.hasPrefix("*.")
            let base = wildcard ? String(name.dropFirst(2)) : name
            guard let domain = try? DomainName(base) else { skipped.append(name); continue }
            let registrable = domain.registrableDomain
            entries.append(DCVName(
                name: name, validatedName: base, registrableDomain: registrable,
                approverEmails: approverMailboxes.map { "\($0)@\(registrable)" },
                dns: DCVDNSRecord(type: "CNAME", name: "_\(md5).\(base)", value: target),
                http: wildcard ? nil : DCVHTTPFile(host: base, path: httpDirectory + md5 + ".txt", content: content),
                httpUnavailable: wildcard ? "HTTP validation cannot cover the wildcard \(name); use DNS or email." : nil))
        }
        return DCVValues(csrMD5: md5, csrSHA256: sha256, caDomain: caDomain, uniqueValue: unique, names: entries, skippedNames: skipped)
    }

    /// Every approver address offered, without repeats, in the order of the names.
    public var approverEmails: [String] { names.flatMap(\.approverEmails).uniqued() }

    private static func hex<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
        digest.map { String(format: "%02X", $0) }.joined()
    }
}
