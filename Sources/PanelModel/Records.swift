import Foundation

/// A push of a domain to another registrar handle (seed 003), as recorded after the fact.
public struct DomainPush: Hashable, Codable, Sendable {
    public var id: Int64
    public var orderID: OrderID?
    public var domain: DomainName
    public var fromHandle: String
    public var gainingHandle: String
    public var test: Bool
    public var succeeded: Bool
    public var message: String
    public var transactionID: String
    public var at: Date

    public init(id: Int64, orderID: OrderID?, domain: DomainName, fromHandle: String, gainingHandle: String, test: Bool,
                succeeded: Bool, message: String, transactionID: String, at: Date) {
        self.id = id
        self.orderID = orderID
        self.domain = domain
        self.fromHandle = fromHandle
        self.gainingHandle = gainingHandle
        self.test = test
        self.succeeded = succeeded
        self.message = message
        self.transactionID = transactionID
        self.at = at
    }
}

/// One audited action: who did what to which subject, with a transaction ID to quote.
public struct AuditEntry: Hashable, Codable, Sendable {
    public var id: Int64
    public var transactionID: String
    public var principal: String
    public var action: String
    public var subject: String
    public var summary: String
    public var at: Date

    public init(id: Int64, transactionID: String, principal: String, action: String, subject: String, summary: String, at: Date) {
        self.id = id
        self.transactionID = transactionID
        self.principal = principal
        self.action = action
        self.subject = subject
        self.summary = summary
        self.at = at
    }
}

/// A rendered notification waiting in the outbox (renewal notices, push notices).
public struct OutboxMessage: Hashable, Codable, Sendable {
    public var id: Int64
    /// An email address, or `registrar:HANDLE` for notices to another registrar.
    public var recipient: String
    public var subject: String
    public var body: String
    public var createdAt: Date
    /// When it was handed to the mail system (`outbox export`); nil while waiting.
    public var sentAt: Date?
    /// The order it is about, when there is one (renewal notices).
    public var orderID: OrderID?

    public init(id: Int64, recipient: String, subject: String, body: String, createdAt: Date, sentAt: Date? = nil,
                orderID: OrderID? = nil) {
        self.id = id
        self.recipient = recipient
        self.subject = subject
        self.body = body
        self.createdAt = createdAt
        self.sentAt = sentAt
        self.orderID = orderID
    }
}
