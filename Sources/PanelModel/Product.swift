/// The products a reseller can sign up for and a customer can order.
public enum Product: String, CaseIterable, Codable, Sendable, Comparable {
    case digitalCertificate = "digital_certificate"
    case domain = "domain"
    case emailHosting = "email_hosting"
    case webHosting = "web_hosting"

    /// The name the web panels use in their messages ("Digital Certificate").
    public var displayName: String {
        switch self {
        case .digitalCertificate: "Digital Certificate"
        case .domain: "Domain"
        case .emailHosting: "Email Hosting"
        case .webHosting: "Web Hosting"
        }
    }

    public static func < (lhs: Product, rhs: Product) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Accepts the raw value or the display name, case-insensitively ("Email Hosting", "email_hosting").
    public init?(lenient text: String) {
        let folded = text.lowercased().replacingOccurrences(of: " ", with: "_").replacingOccurrences(of: "-", with: "_")
        guard let product = Product(rawValue: folded) else { return nil }
        self = product
    }
}
