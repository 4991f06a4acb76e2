import Foundation
import CPublicSuffix

/// A validated, lower-cased domain name. Stored in ASCII (A-label, punycode) form and
/// shown in Unicode (U-label) form. Public suffixes come from the Public Suffix List
/// (ICANN section) through Debian's libpsl; IDN conversion through libidn2 (IDNA2008/UTS 46).
public struct DomainName: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    /// The A-label form, e.g. `xn--bcher-kva.de`.
    public let ascii: String

    public init(_ input: String) throws(DomainNameError) {
        var text = input.trimmingCharacters(in: .whitespaces)
        if text.hasSuffix(".") { text.removeLast() }
        guard !text.isEmpty else { throw DomainNameError(input: input, reason: "it is empty") }
        // Controls first: CR, LF and tab are whitespace to Unicode too, but not "a space".
        if let bad = text.unicodeScalars.first(where: { $0.properties.generalCategory == .control || $0 == "\u{2028}" || $0 == "\u{2029}" }) {
            throw DomainNameError(input: input, reason: "it contains the control character \(EchoedText.codePoint(bad))")
        }
        if text.unicodeScalars.contains(where: \.properties.isWhitespace) {
            throw DomainNameError(input: input, reason: "it contains a space")
        }
        let ascii: String
        if text.unicodeScalars.allSatisfy(\.isASCII) {
            ascii = text.lowercased()
        } else {
            ascii = try Self.toASCII(text.lowercased(), input: input)
        }
        try Self.checkSyntax(ascii, input: input)
        guard let suffix = Self.icannSuffix(of: ascii) else {
            let tld = ascii.split(separator: ".").last.map(String.init) ?? ascii
            throw DomainNameError(input: input, reason: ".\(tld) is not a top-level domain in the Public Suffix List")
        }
        guard suffix != ascii else {
            throw DomainNameError(input: input, reason: "\(ascii) is a public suffix; give a name registered under it, such as example.\(ascii)")
        }
        self.ascii = ascii
    }

    /// For names read back from the store, which were validated when they were written.
    public init(storedASCII: String) { self.ascii = storedASCII }

    /// The U-label form for display, e.g. `bücher.de`. Falls back to ASCII if conversion fails.
    public var unicode: String {
        guard ascii.contains("xn--") else { return ascii }
        var out: UnsafeMutablePointer<CChar>? = nil
        defer { cps_free(out) }
        guard cps_to_unicode(ascii, &out) == 0, let out else { return ascii }
        return String(cString: out)
    }

    public var isInternationalized: Bool { ascii.contains("xn--") }

    public var labels: [Substring] { ascii.split(separator: ".") }

    /// The top-level domain in ASCII, without the dot (`uk`, `me`, `xn--p1ai`).
    public var tld: String { String(labels.last ?? "") }

    /// The longest ICANN public suffix (`co.uk`, `co.me`, `de`).
    public var publicSuffix: String { Self.icannSuffix(of: ascii) ?? tld }

    /// The public suffix plus one label (`example.co.uk`).
    public var registrableDomain: String {
        let suffixLabels = publicSuffix.split(separator: ".").count
        return labels.suffix(suffixLabels + 1).joined(separator: ".")
    }

    /// A name under a second-level .ME suffix such as `co.me`, `net.me`, `its.me`, `priv.me`.
    /// Only Montenegrin individuals and entities may register these (seed 000).
    public var isThirdLevelME: Bool { tld == "me" && publicSuffix != "me" }

    public var description: String { unicode }

    public static func < (lhs: DomainName, rhs: DomainName) -> Bool { lhs.ascii < rhs.ascii }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        self = try DomainName(text)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(ascii)
    }

    // MARK: - Validation

    private static func toASCII(_ text: String, input: String) throws(DomainNameError) -> String {
        var out: UnsafeMutablePointer<CChar>? = nil
        defer { cps_free(out) }
        let code = cps_to_ascii(text, &out)
        guard code == 0, let out else {
            throw DomainNameError(input: input, reason: String(cString: cps_idn_error(code)).lowercased())
        }
        return String(cString: out)
    }

    private static func checkSyntax(_ ascii: String, input: String) throws(DomainNameError) {
        guard ascii.utf8.count <= 253 else {
            throw DomainNameError(input: input, reason: "it is longer than 253 characters")
        }
        let labels = ascii.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2 else {
            throw DomainNameError(input: input, reason: "it needs at least two labels, such as example.com")
        }
        for label in labels {
            if label.isEmpty { throw DomainNameError(input: input, reason: "it has an empty label (two dots in a row)") }
            if label.utf8.count > 63 { throw DomainNameError(input: input, reason: "the label \"\(label)\" is longer than 63 characters") }
            if !label.utf8.allSatisfy({ isLetterDigitHyphen($0) }) {
                throw DomainNameError(input: input, reason: "labels may only contain letters, digits and hyphens")
            }
            if label.hasPrefix("-") || label.hasSuffix("-") {
                throw DomainNameError(input: input, reason: "the label \"\(label)\" starts or ends with a hyphen")
            }
        }
        if labels.last!.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
            throw DomainNameError(input: input, reason: "the top-level domain cannot be numeric")
        }
    }

    private static func isLetterDigitHyphen(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x2D
    }

    /// Longest suffix of `ascii` that the ICANN section lists (explicit rules, wildcards included).
    static func icannSuffix(of ascii: String) -> String? {
        let labels = ascii.split(separator: ".")
        for start in labels.indices {
            let candidate = labels[start...].joined(separator: ".")
            if cps_is_icann_suffix(candidate) == 1 { return candidate }
        }
        return nil
    }
}

public struct DomainNameError: Error, Equatable, Sendable, CustomStringConvertible {
    public let input: String
    public let reason: String

    public var description: String { "\(EchoedText.quoted(input)) is not a valid domain name (\(reason))" }
}
