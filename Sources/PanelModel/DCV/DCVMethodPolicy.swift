import Foundation

/// The validation method chosen for an order's CSR, with the approver address for `email`.
public struct DCVChoice: Codable, Sendable, Hashable {
    public var method: DCVMethod
    public var approverEmail: String?

    public init(method: DCVMethod, approverEmail: String? = nil) {
        self.method = method
        self.approverEmail = method == .email ? approverEmail : nil
    }

    /// "email (admin@example.com)", "dns", "http".
    public var text: String {
        approverEmail.map { "\(method.rawValue) (\($0))" } ?? method.rawValue
    }
}

/// Whether a method can validate every name of a CSR.
public enum DCVMethodPolicy {
    /// The choice to store, or the refusal (`refused`) that says what to choose instead.
    /// `email` without an address takes the first approver address (admin@ the registrable domain).
    public static func decide(_ method: DCVMethod, email: String?, for values: DCVValues) throws(PanelError) -> DCVChoice {
        guard !values.names.isEmpty else {
            throw .refused("The CSR names no domain that can be validated; enter a CSR with the order's domain name.")
        }
        if method != .email, let email, !email.isEmpty {
            throw .invalidInput("--email is for the email method only; leave it out for \(method.rawValue).")
        }
        switch method {
        case .dns:
            return DCVChoice(method: .dns)
        case .http:
            if let blocked = values.names.first(where: { $0.http == nil }) {
                throw .refused(blocked.httpUnavailable ?? "HTTP validation cannot cover \(blocked.name); use DNS or email.")
            }
            return DCVChoice(method: .http)
        case .email:
            let domains = values.names.map(\.registrableDomain).uniqued()
            guard domains.count == 1 else {
                throw .refused("The CSR's names belong to \(domains.count) registered domains (\(domains.joined(separator: ", "))); one approver address covers only one of them. Choose dns or http.")
            }
            let offered = values.approverEmails
            let address = (email ?? offered[0]).trimmingCharacters(in: .whitespaces).lowercased()
            guard offered.contains(address) else {
                throw .refused("\(EchoedText.quoted(address)) is not an approver address for this CSR. Choose one of: \(offered.joined(separator: ", ")).")
            }
            return DCVChoice(method: .email, approverEmail: address)
        }
    }
}
