import PanelModel
import PanelStore

/// What the screens use of the model layer: the store, the clock and who is acting.
/// Screens call it only from `Effect.run` closures, never while drawing.
public final class PanelSession {
    public let database: PanelDatabase
    public let clock: any Clock
    /// Nil until someone logs in (the SSH path and `--as` set it up front).
    public internal(set) var principal: Principal? {
        didSet { whoText = Self.describe(principal, database) }
    }
    /// Whether forms may read files the user names (a local terminal); never over SSH, where
    /// the files are the server's.
    public var allowsLocalFiles = false
    /// "alice@example.com (Customer ID 100001)", "reseller 1", "operator": who is logged in.
    public private(set) var whoText: String

    public init(database: PanelDatabase, clock: any Clock = SystemClock(), principal: Principal? = nil) {
        self.database = database
        self.clock = clock
        self.principal = principal
        whoText = Self.describe(principal, database)
    }

    /// The principal, for screens that are only reachable after login.
    var acting: Principal { principal ?? .customer(CustomerID(0)) }

    var isCustomer: Bool {
        if case .customer = principal { return true }
        return false
    }

    private static func describe(_ principal: Principal?, _ database: PanelDatabase) -> String {
        switch principal {
        case .customer(let id): (try? database.customer(id, as: .operator)).map { "\($0.username) (Customer ID \(id))" } ?? "customer \(id)"
        case .reseller(let id): "reseller \(id)"
        case .operator: "operator"
        case nil: "not logged in"
        }
    }

    /// Runs a model call for an `Effect.run`, turning any error into the `PanelError` the
    /// screens show. An error that is not a `PanelError` (GRDB's text holds SQL, and over SSH
    /// the screen is a customer's) becomes an internal failure with an incident ID; its detail
    /// goes only to the log.
    func attempt<T>(_ work: () throws -> T) -> Result<T, PanelError> {
        Result { try work() }.mapError { Incident.report($0, during: "a panel screen") }
    }

    /// The first screen: the order list when the principal is known, else the login form.
    public func rootScreen() -> any Screen {
        principal == nil ? LoginScreen(session: self) : OrdersScreen(session: self)
    }
}

import Terminal

/// Status words always come with a symbol, never colour alone.
enum StatusText {
    static func kind(_ status: OrderStatus) -> StatusKind {
        switch status {
        case .active: .ok
        case .suspended, .inProcess: .warning
        case .pendingDelete, .deleted, .expired: .danger
        }
    }

    static func kind(_ state: CertificateState) -> StatusKind {
        switch state {
        case .issued: .ok
        case .awaitingCSR, .validating: .info
        case .expiring: .warning
        case .expired, .revoked: .danger
        }
    }

    static func kind(_ status: InvoiceStatus) -> StatusKind {
        switch status {
        case .paid: .ok
        case .pending: .warning
        case .credited, .cancelled: .info
        }
    }

    static func kind(_ state: InternalTransferState) -> StatusKind {
        switch state {
        case .pending: .info
        case .completed: .ok
        case .denied, .timedOut, .cancelled: .muted
        }
    }

    static func label(_ status: OrderStatus) -> String { kind(status).label(status.displayName) }
}

/// A screen of a session: the header shows who is logged in.
protocol SessionScreen: Screen {
    var session: PanelSession { get }
}

extension SessionScreen {
    public var headerNote: String? { session.principal == nil ? nil : session.whoText }
}
