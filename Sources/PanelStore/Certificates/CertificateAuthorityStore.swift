import Foundation
import GRDB
import PanelModel

/// The certificate authority that signs accepted CSRs and renewals. Until the demo CA exists
/// there is none, so a paid renewal with its CSR waits (the job leaves it as it is).
enum CertificateAuthorityStore {
    struct Issued {
        var pem: String
        /// The serial in upper-case hex, as stored in `certificates.serial`.
        var serialHex: String
        var notBefore: Date
        var notAfter: Date
    }

    /// Signs `csrPEM` for notBefore…notAfter; nil without an authority.
    static func issue(csrPEM: String, notBefore: Date, notAfter: Date, _ db: Database) throws -> Issued? { nil }
}
