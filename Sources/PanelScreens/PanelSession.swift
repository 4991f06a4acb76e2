import Foundation
import PanelModel
import PanelStore
import Terminal

/// What the screens use of the model layer: the store, the clock and who is acting.
/// Screens call it only from `Effect.run` jobs, never while drawing. Jobs run in worker
/// tasks, so the few mutable facts (who logged in) sit behind a lock.
public final class PanelSession: @unchecked Sendable {
    public let database: PanelDatabase
    public let clock: any Clock
    private let lock = NSLock()
    private var state: (principal: Principal?, whoText: String, allowsLocalFiles: Bool, demoLogins: [String])

    /// Nil until someone logs in (the SSH path and `--as` set it up front).
    public internal(set) var principal: Principal? {
        get { lock.withLock { state.principal } }
        set {
            let who = Self.describe(newValue, database)
            lock.withLock { state.principal = newValue; state.whoText = who }
        }
    }
    /// Whether forms may read files the user names (a local terminal); never over SSH, where
    /// the files are the server's.
    public var allowsLocalFiles: Bool {
        get { lock.withLock { state.allowsLocalFiles } }
        set { lock.withLock { state.allowsLocalFiles = newValue } }
    }
    /// The demo world's usernames when the database holds it, for the login screen to show
    /// (a visitor of `certpanel demo` would otherwise not know how to log in); else empty.
    public var demoLogins: [String] {
        get { lock.withLock { state.demoLogins } }
        set { lock.withLock { state.demoLogins = newValue } }
    }
    /// How the domain-validation screen looks values up (tests put fakes here).
    public var domainValidationLookups: DomainValidationLookups {
        get { lock.withLock { lookups } }
        set { lock.withLock { lookups = newValue } }
    }
    private var lookups = (try? DomainValidationLookups.system())
        ?? DomainValidationLookups(resolver: SystemDNSResolver(), fetcher: PlainHTTPFetcher())
    /// "alice@example.com (Customer ID 100001)", "ALVO Business Solutions (reseller 1)",
    /// "operator": who is logged in.
    public var whoText: String { lock.withLock { state.whoText } }

    public init(database: PanelDatabase, clock: any Clock = SystemClock(), principal: Principal? = nil) {
        self.database = database
        self.clock = clock
        state = (principal, Self.describe(principal, database), false, [])
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
        case .reseller(let id): (try? database.reseller(id, as: .operator)).map { "\(shortName($0.name)) (reseller \(id))" } ?? "reseller \(id)"
        case .operator: "operator"
        case nil: "not logged in"
        }
    }

    /// "ALVO Business Solutions" for "ALVO Business Solutions, Corp.": short enough that the
    /// header (which gives its right-hand note at most half the width) still shows it at 80 columns.
    static func shortName(_ name: String) -> String {
        let beforeComma = name.split(separator: ",", maxSplits: 1).first.map(String.init) ?? name
        return TextLayout.truncate(beforeComma, to: 24)
    }

    /// Fills `demoLogins` if the database holds the demo world.
    public func detectDemoWorld() {
        demoLogins = (try? database.holdsDemoWorld()) == true ? DemoWorld.logins : []
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
