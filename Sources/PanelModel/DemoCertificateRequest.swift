import Crypto
import Foundation
import SwiftASN1
import X509

/// CSRs for the demo world's certificates that are already issued when it is seeded: a P-256
/// key derived from a seed (thrown away afterwards, never stored) and the order's names, so the
/// demo CA can sign a real certificate for each. The same seed gives the same key, and so the
/// same certificate from the demo CA.
public enum DemoCertificateRequest {
    public static func make(requirement: CSRRequirement, organization: String?, keySeed: [UInt8]) throws(PanelError) -> String {
        let key: P256.Signing.PrivateKey
        do {
            key = try P256.Signing.PrivateKey(rawRepresentation: Array(SHA256.hash(data: keySeed)))
        } catch {
            throw .invalidInput("cannot derive a demo key from the seed: \(error)")
        }
        let names = requirement.requiredNames
        do {
            let subject = try DistinguishedName {
                if let organization { OrganizationName(organization) }
                CommonName(names[0])
            }
            let extensions = try Certificate.Extensions {
                SubjectAlternativeNames(names.map { GeneralName.dnsName($0) })
            }
            let attributes = CertificateSigningRequest.Attributes([try .init(ExtensionRequest(extensions: extensions))])
            let request = try CertificateSigningRequest(version: .v1, subject: subject, privateKey: Certificate.PrivateKey(key),
                                                        attributes: attributes, signatureAlgorithm: .ecdsaWithSHA256)
            return try request.serializeAsPEM().pemString + "\n"
        } catch {
            throw .invalidInput("cannot make a demo CSR for \(names.joined(separator: ", ")): \(error)")
        }
    }
}
