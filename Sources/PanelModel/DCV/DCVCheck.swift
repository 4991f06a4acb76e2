import Foundation

/// What a DNS lookup of one name and record type gave.
public enum DNSAnswer: Sendable, Hashable {
    /// The records' data (a CNAME's target, a TXT record's text), possibly none.
    case records([String])
    /// The name does not exist (NXDOMAIN).
    case noSuchName
    /// The lookup itself failed (no answer, a server failure).
    case failed(String)
}

/// What an HTTP GET gave.
public enum HTTPOutcome: Sendable, Hashable {
    case response(status: Int, location: String?, body: String)
    /// No response: the connection or the request failed.
    case failed(String)
}

/// One name's result for one method.
public struct DCVFinding: Codable, Sendable, Hashable {
    public enum Status: String, Codable, Sendable {
        /// The value is in place.
        case found
        /// Nothing is there.
        case missing
        /// Something else is there.
        case wrong
        /// The lookup could not be made; nothing is known.
        case failed
        /// The method cannot validate this name.
        case unavailable
    }

    public var name: String
    public var method: DCVMethod
    public var status: Status
    /// What was looked up and what was found, and when it is not found, what to do.
    public var message: String

    public var isFound: Bool { status == .found }
}

/// Judges what a lookup found against the values a CSR needs. Pure: the lookups are made
/// elsewhere (PanelStore's DomainValidationProbe) and passed in.
public enum DCVCheck {
    public static func dns(_ name: DCVName, answer: DNSAnswer) -> DCVFinding {
        let record = name.dns
        let wanted = "\(record.name). \(record.type) \(record.value)."
        func finding(_ status: DCVFinding.Status, _ message: String) -> DCVFinding {
            DCVFinding(name: name.name, method: .dns, status: status, message: message)
        }
        switch answer {
        case .noSuchName, .records([]):
            return finding(.missing, "No \(record.type) record at \(record.name). Add this record to the zone of \(name.registrableDomain): \(wanted)")
        case .failed(let reason):
            return finding(.failed, "The DNS lookup of \(record.name) failed (\(reason)). Try again later; if it keeps failing, check the name servers of \(name.registrableDomain).")
        case .records(let targets):
            let normalized = targets.map(normalizedHost)
            if normalized.contains(normalizedHost(record.value)) {
                return finding(.found, "\(record.name) \(record.type) \(record.value): found.")
            }
            let shown = targets.map { EchoedText.quoted($0) }.joined(separator: ", ")
            return finding(.wrong, "\(record.name) \(record.type) points to \(shown), not to \(record.value). Change the record to: \(wanted)")
        }
    }

    public static func http(_ name: DCVName, outcome: HTTPOutcome) -> DCVFinding {
        guard let file = name.http else {
            return DCVFinding(name: name.name, method: .http, status: .unavailable,
                              message: name.httpUnavailable ?? "HTTP validation cannot cover \(name.name).")
        }
        func finding(_ status: DCVFinding.Status, _ message: String) -> DCVFinding {
            DCVFinding(name: name.name, method: .http, status: status, message: message)
        }
        let wanted = file.content.split(separator: "\n").joined(separator: " / ")
        let put = "Put the file \(file.path) on the web server of \(file.host) with these lines: \(wanted)"
        switch outcome {
        case .failed(let reason):
            return finding(.failed, "Could not fetch \(file.url) (\(reason)). Make sure \(file.host) answers plain HTTP on port 80, then: \(put)")
        case .response(let status, let location, let body):
            if (300..<400).contains(status) {
                let target = location.map { " to \(EchoedText.quoted($0))" } ?? ""
                return finding(.wrong, "\(file.url) answered \(status), a redirect\(target). Serve the file at that address itself (no redirect): \(put)")
            }
            guard status == 200 else {
                return finding(.missing, "\(file.url) answered \(status)\(status == 404 ? " (not found)" : ""). \(put)")
            }
            if lines(of: body) == lines(of: file.content) {
                return finding(.found, "\(file.url): found, with the right content.")
            }
            let first = body.split(whereSeparator: \.isNewline).first.map { EchoedText.quoted($0.trimmingCharacters(in: .whitespaces)) } ?? "nothing"
            return finding(.wrong, "\(file.url) is there but holds other content (first line \(first)). Replace its content with these lines: \(wanted)")
        }
    }

    /// The file's lines as a CA compares them: line ends (LF or CRLF) and surrounding spaces do
    /// not count, nor do empty lines at the end; the hash is compared without regard to case.
    static func lines(of text: String) -> [String] {
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines).uppercased() }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines
    }

    private static func normalizedHost(_ name: String) -> String {
        var text = name.trimmingCharacters(in: .whitespaces).lowercased()
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }
}
