import Foundation
import SwiftASN1
import X509

/// Subjects and issuers as people read them: openssl's short attribute names, values decoded
/// from whichever ASN.1 string type the CSR or certificate used.
enum DistinguishedNameText {
    /// Every attribute in encoding order (multi-valued RDNs flattened).
    static func fields(_ name: DistinguishedName) -> [CSRSubjectField] {
        name.flatMap { rdn in rdn.map { CSRSubjectField(name: shortName($0.type), value: text($0.value)) } }
    }

    /// RFC 4514 order (most specific first) with ", " between attributes:
    /// "CN=example.com, O=Example, C=SI". `,` `+` `"` `\` `<` `>` `;` in values are escaped.
    static func rfc4514(_ name: DistinguishedName) -> String {
        name.reversed().map { rdn in
            rdn.map { "\(shortName($0.type))=\(escaped(text($0.value)))" }.joined(separator: "+")
        }.joined(separator: ", ")
    }

    static let shortNames: [ASN1ObjectIdentifier: String] = [
        [2, 5, 4, 3]: "CN", [2, 5, 4, 6]: "C", [2, 5, 4, 7]: "L", [2, 5, 4, 8]: "ST", [2, 5, 4, 10]: "O",
        [2, 5, 4, 11]: "OU", [2, 5, 4, 9]: "street", [2, 5, 4, 5]: "serialNumber", [2, 5, 4, 4]: "SN",
        [2, 5, 4, 42]: "GN", [2, 5, 4, 12]: "title", [2, 5, 4, 15]: "businessCategory", [2, 5, 4, 17]: "postalCode",
        [2, 5, 4, 97]: "organizationIdentifier", [0, 9, 2342, 19_200_300, 100, 1, 25]: "DC",
        [0, 9, 2342, 19_200_300, 100, 1, 1]: "UID", [1, 2, 840, 113_549, 1, 9, 1]: "emailAddress",
        [1, 3, 6, 1, 4, 1, 311, 60, 2, 1, 1]: "jurisdictionL", [1, 3, 6, 1, 4, 1, 311, 60, 2, 1, 2]: "jurisdictionST",
        [1, 3, 6, 1, 4, 1, 311, 60, 2, 1, 3]: "jurisdictionC",
    ]

    static func shortName(_ type: ASN1ObjectIdentifier) -> String {
        shortNames[type] ?? type.description
    }

    /// The value as text: UTF8/Printable/IA5 directly, BMP (UTF-16), Universal (UTF-32),
    /// Teletex (read as Latin-1), else `#` and the DER in hex as RFC 4514 does.
    static func text(_ value: RelativeDistinguishedName.Attribute.Value) -> String {
        if let string = String(value) { return string }
        let any = ASN1Any(value)
        if let bmp = try? ASN1BMPString(asn1Any: any), let string = String(bytes: Array(bmp.bytes), encoding: .utf16BigEndian) {
            return string
        }
        if let universal = try? ASN1UniversalString(asn1Any: any), let string = String(bytes: Array(universal.bytes), encoding: .utf32BigEndian) {
            return string
        }
        if let teletex = try? ASN1TeletexString(asn1Any: any), let string = String(bytes: Array(teletex.bytes), encoding: .isoLatin1) {
            return string
        }
        var serializer = DER.Serializer()
        guard (try? serializer.serialize(any)) != nil else { return "#" }
        return "#" + serializer.serializedBytes.map { String(format: "%02x", $0) }.joined()
    }

    private static func escaped(_ value: String) -> String {
        var out = ""
        for character in value {
            if ",+\"\\<>;".contains(character) { out.append("\\") }
            out.append(character)
        }
        if out.hasPrefix(" ") || out.hasPrefix("#") { out.insert("\\", at: out.startIndex) }
        return out
    }
}
