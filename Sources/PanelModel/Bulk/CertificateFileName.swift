/// The file a downloaded certificate is written to: `<order ID>-<domain>.pem`, the domain in
/// its ASCII (punycode) form. The domain comes from the database, where a loaded fixture may
/// have put anything, so only letters, digits, `-` and `.` are kept (anything else becomes
/// `_`), dots never lead (no `..`, no hidden file) and the length is capped: the name can
/// never leave the chosen directory.
public enum CertificateFileName {
    public static let maximumDomainLength = 100

    public static func name(order: OrderID, domain: String) -> String {
        var kept = String(domain.lowercased().unicodeScalars.map { scalar -> Character in
            let allowed = ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "-" || scalar == "."
            return allowed ? Character(scalar) : "_"
        })
        while kept.contains("..") { kept = kept.replacingOccurrences(of: "..", with: "_") }
        while kept.hasPrefix(".") { kept.removeFirst() }
        kept = String(kept.prefix(maximumDomainLength))
        return kept.isEmpty ? "\(order).pem" : "\(order)-\(kept).pem"
    }
}
