import Foundation

/// One reason a CSR is refused; `message` is shown to customers verbatim and says what to fix.
public struct CSRProblem: Codable, Sendable, Hashable {
    /// A stable identifier for scripts and tests ("rsa_key_too_small", "private_key"…).
    public var code: String
    public var message: String

    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }
}

/// The outcome of judging pasted text as a CSR for an order.
public struct CSRVerdict: Codable, Sendable, Hashable {
    /// What the CSR says; nil when the input could not be read as a CSR, and always nil when it
    /// held a private key.
    public var summary: CSRSummary?
    /// Empty when the CSR is accepted.
    public var problems: [CSRProblem]
    /// False when the input is not a readable CSR at all (empty, too large, not PEM, damaged);
    /// `certpanel csr check` exits 2 then, and 1 for a readable CSR with problems.
    public var isReadable: Bool
    /// The CSR re-encoded as clean PEM (64-column base64, no surrounding text); set only when
    /// accepted. This is what gets stored.
    public var canonicalPEM: String?

    public var isAccepted: Bool { problems.isEmpty }

    public init(summary: CSRSummary?, problems: [CSRProblem], isReadable: Bool, canonicalPEM: String?) {
        self.summary = summary
        self.problems = problems
        self.isReadable = isReadable
        self.canonicalPEM = canonicalPEM
    }

    static func unreadable(_ problem: CSRProblem) -> CSRVerdict {
        CSRVerdict(summary: nil, problems: [problem], isReadable: false, canonicalPEM: nil)
    }

    /// Readable, but refused before anything inside could be summarised (a certificate, a key…).
    static func refusedUnread(_ problem: CSRProblem) -> CSRVerdict {
        CSRVerdict(summary: nil, problems: [problem], isReadable: true, canonicalPEM: nil)
    }
}
