import Foundation

/// What an order needs a CSR to name: its domain, and for wildcard and multi-domain
/// certificates the `*.` name or the additional names. Names are compared in lower-case
/// ASCII (IDNs as `xn--` A-labels), without a trailing dot.
public struct CSRRequirement: Sendable, Hashable {
    public var domain: String
    public var type: CertificateType
    public var additionalNames: [String]

    public init(domain: String, type: CertificateType, additionalNames: [String] = []) {
        var domain = CSRNames.normalized(domain)
        if domain.hasPrefix("*.") { domain.removeFirst(2) }
        self.domain = domain
        self.type = type
        self.additionalNames = type == .multiDomain ? additionalNames.map(CSRNames.normalized) : []
    }

    /// For `certpanel csr check --domain NAME [--wildcard]`: a single-name or a wildcard order.
    public init(domain: String, wildcard: Bool) {
        self.init(domain: domain, type: wildcard ? .wildcard : .dv)
    }

    /// The names the CSR must contain, in the order a customer would list them.
    public var requiredNames: [String] {
        switch type {
        case .wildcard: ["*." + domain]
        case .multiDomain: ([domain] + additionalNames).uniqued()
        case .dv, .ov, .ev: [domain]
        }
    }

    /// The names the CSR may contain: the required ones, plus the `www.` twin (or bare domain)
    /// that single-name certificates include, and the bare domain beside a wildcard.
    public var allowedNames: Set<String> {
        var names = Set(requiredNames)
        switch type {
        case .wildcard:
            names.insert(domain)
        case .dv, .ov, .ev:
            names.insert(domain.hasPrefix("www.") ? String(domain.dropFirst(4)) : "www." + domain)
        case .multiDomain:
            break
        }
        return names
    }
}

/// How names from orders and CSRs are compared.
enum CSRNames {
    /// Lower-case ASCII without a trailing dot; Unicode names become A-labels (`xn--…`), a
    /// leading `*.` is kept.
    static func normalized(_ name: String) -> String {
        var text = name.trimmingCharacters(in: .whitespaces)
        if text.hasSuffix(".") { text.removeLast() }
        guard !text.unicodeScalars.allSatisfy(\.isASCII) else { return text.lowercased() }
        let wildcard = text.hasPrefix("*.")
        let base = wildcard ? String(text.dropFirst(2)) : text
        guard let ascii = try? DomainName(base).ascii else { return text.lowercased() }
        return wildcard ? "*." + ascii : ascii
    }
}
