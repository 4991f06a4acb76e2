import Foundation

public struct Invoice: Hashable, Codable, Sendable, Identifiable {
    /// The invoice number, e.g. `INV-2026-000123`.
    public var number: String
    public var orderID: OrderID
    public var customerID: CustomerID
    public var amount: Money
    public var status: InvoiceStatus
    public var issuedAt: Date
    public var dueAt: Date
    /// When an operator marked it paid (nil for unpaid invoices and those loaded as already paid).
    public var paidAt: Date?
    /// What it bills: the order itself, or a certificate's next period (seed 004's renewal invoice).
    public var kind: InvoiceKind

    public var id: String { number }

    public init(number: String, orderID: OrderID, customerID: CustomerID, amount: Money, status: InvoiceStatus,
                issuedAt: Date, dueAt: Date, paidAt: Date? = nil, kind: InvoiceKind = .order) {
        self.number = number
        self.orderID = orderID
        self.customerID = customerID
        self.amount = amount
        self.status = status
        self.issuedAt = issuedAt
        self.dueAt = dueAt
        self.paidAt = paidAt
        self.kind = kind
    }

    // Written by hand so JSON from before `kind` existed still decodes (as an order invoice).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        number = try container.decode(String.self, forKey: .number)
        orderID = try container.decode(OrderID.self, forKey: .orderID)
        customerID = try container.decode(CustomerID.self, forKey: .customerID)
        amount = try container.decode(Money.self, forKey: .amount)
        status = try container.decode(InvoiceStatus.self, forKey: .status)
        issuedAt = try container.decode(Date.self, forKey: .issuedAt)
        dueAt = try container.decode(Date.self, forKey: .dueAt)
        paidAt = try container.decodeIfPresent(Date.self, forKey: .paidAt)
        kind = try container.decodeIfPresent(InvoiceKind.self, forKey: .kind) ?? .order
    }

    /// Seed 004: "The invoice due date is the same as for other services, i.e. 10 calendar days."
    public static let dueAfterDays = 10
}

public enum InvoiceStatus: String, CaseIterable, Codable, Sendable {
    case pending, paid, credited, cancelled
}

public enum InvoiceKind: String, CaseIterable, Codable, Sendable {
    /// The order's own invoice (first purchase, or anything loaded from a fixture).
    case order
    /// The next period of a certificate, issued 30 days before it expires.
    case renewal
}

/// An amount in minor units (cents) of an ISO 4217 currency.
public struct Money: Hashable, Codable, Sendable, CustomStringConvertible {
    public var minorUnits: Int64
    public var currency: String

    public init(minorUnits: Int64, currency: String) throws(PanelError) {
        let code = currency.uppercased()
        guard code.count == 3, code.allSatisfy({ $0.isASCII && $0.isLetter }) else {
            throw .invalidInput("\"\(currency)\" is not an ISO 4217 currency code (use three letters, such as USD or EUR)")
        }
        guard minorUnits >= 0 else { throw .invalidInput("an amount cannot be negative (\(minorUnits))") }
        self.minorUnits = minorUnits
        self.currency = code
    }

    public init(stored minorUnits: Int64, currency: String) {
        self.minorUnits = minorUnits
        self.currency = currency
    }

    /// `49.99 USD` (two decimal places; the products here are all priced in such currencies).
    public var description: String {
        let whole = minorUnits / 100
        let cents = minorUnits % 100
        return "\(whole).\(cents < 10 ? "0" : "")\(cents) \(currency)"
    }
}
