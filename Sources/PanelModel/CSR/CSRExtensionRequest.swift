import Foundation
import SwiftASN1
import X509

/// The extensions a CSR asks for, read from its `[0] attributes` as OpenSSL reads them rather
/// than as swift-certificates' strict DER parser does. Real CSRs that OpenSSL accepts and whose
/// signatures verify would otherwise be refused as damaged:
/// - an Extension that writes out `critical BOOLEAN FALSE` (DER forbids encoding a DEFAULT value;
///   FreeIPA/certmonger emit it),
/// - an extensionRequest attribute whose value SET is empty (some appliance firmware),
/// - no `[0] attributes` at all (OpenSSL's template marks it optional for broken encoders).
///
///     Attribute ::= SEQUENCE { type OBJECT IDENTIFIER, values SET OF ANY }
///     Extension ::= SEQUENCE { extnID OBJECT IDENTIFIER, critical BOOLEAN DEFAULT FALSE, extnValue OCTET STRING }
enum CSRExtensionRequest {
    static let extensionRequestOID: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 1, 9, 14]
    static let attributesTag = ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific)

    /// The requested extensions from what follows the SubjectPublicKeyInfo in
    /// certificationRequestInfo; empty when nothing is requested.
    static func extensions(from nodes: inout ASN1NodeCollection.Iterator) throws -> Certificate.Extensions {
        guard let attributes = nodes.next() else { return Certificate.Extensions() }
        guard attributes.identifier == attributesTag, case .constructed(let children) = attributes.content else {
            throw ASN1Error.unexpectedFieldType(attributes.identifier)
        }
        var found: Certificate.Extensions?
        for attribute in children {
            let (type, values) = try DER.sequence(attribute, identifier: .sequence) { nodes in
                let type = try ASN1ObjectIdentifier(derEncoded: &nodes)
                guard let values = nodes.next(), values.identifier == .set, case .constructed(let members) = values.content else {
                    throw ASN1Error.invalidASN1Object(reason: "an attribute's values are a SET")
                }
                return (type, Array(members))
            }
            guard type == extensionRequestOID else { continue }
            guard found == nil else { throw ASN1Error.invalidASN1Object(reason: "two extension requests") }
            guard values.count <= 1 else { throw ASN1Error.invalidASN1Object(reason: "an extension request has one value") }
            found = try values.first.map(Self.extensionList) ?? Certificate.Extensions()
        }
        return found ?? Certificate.Extensions()
    }

    /// `Extensions ::= SEQUENCE OF Extension`, each with an optional, possibly explicit, `critical`.
    private static func extensionList(_ node: ASN1Node) throws -> Certificate.Extensions {
        let list = try DER.sequence(of: LenientExtension.self, identifier: .sequence, rootNode: node)
        return try Certificate.Extensions(list.map(\.value))
    }

    private struct LenientExtension: DERParseable {
        var value: Certificate.Extension

        init(derEncoded node: ASN1Node) throws {
            value = try DER.sequence(node, identifier: .sequence) { nodes in
                let oid = try ASN1ObjectIdentifier(derEncoded: &nodes)
                var rest = nodes
                var critical = false
                if let next = rest.next(), next.identifier == .boolean {
                    critical = try Bool(derEncoded: next)
                    nodes = rest
                }
                let value = try ASN1OctetString(derEncoded: &nodes)
                return Certificate.Extension(oid: oid, critical: critical, value: value.bytes)
            }
        }
    }
}
