/// The errors a user can meet, each with a text that says what happened and what to do.
/// The cases map to the command line's exit codes.
public enum PanelError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A rule refused the request (exit code 1). The message may be a seed's verbatim text.
    case refused(String)
    /// The input or usage was wrong (exit code 2).
    case invalidInput(String)
    /// The thing does not exist, or the principal may not see it (exit code 3).
    /// Both read the same so that scoping never leaks existence.
    case notFound(String)
    /// Something failed that no input explains: a bug, or the machine (disk full, a damaged
    /// database). Exit code 4. The user sees a plain message with the incident ID; the detail
    /// (which may hold SQL) goes only to the log, under the same ID (see `Incident`).
    case internalFailure(incident: String)
    /// The database server cannot be reached now (exit code 5): a restart or a network
    /// failure, not the input. The message says whether anything was changed.
    case unavailable(String)

    public var message: String {
        switch self {
        case .refused(let text), .invalidInput(let text), .notFound(let text), .unavailable(let text): text
        case .internalFailure(let incident):
            "Something went wrong inside CertPanel (incident \(incident)); it is not caused by what you entered. Try again, and if it happens again, give the incident ID to your provider."
        }
    }

    public var description: String { message }

    public var exitCode: Int32 {
        switch self {
        case .refused: 1
        case .invalidInput: 2
        case .notFound: 3
        case .internalFailure: 4
        case .unavailable: 5
        }
    }

    public static func orderNotFound(_ id: OrderID) -> PanelError {
        .notFound("Order \(id) not found. Check the order ID, or search with `certpanel orders search`.")
    }

    public static func customerNotFound(_ id: CustomerID) -> PanelError {
        .notFound("Customer \(id) not found.")
    }
}
