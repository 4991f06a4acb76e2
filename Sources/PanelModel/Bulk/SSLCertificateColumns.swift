import Foundation

/// The columns of the SSL Certificates list, defined once: the screen's table and
/// `ssl status --csv` both take their titles and cell text from here, so a new column is one
/// edit (plus its width on the screen, which the compiler asks for).
public enum SSLCertificateColumn: String, CaseIterable, Sendable {
    case order, type, domain, state, expires, daysLeft, subscriptionUntil, reissueDue, invoices

    public var title: String {
        switch self {
        case .order: "ORDER"
        case .type: "TYPE"
        case .domain: "DOMAIN"
        case .state: "STATE"
        case .expires: "EXPIRES"
        case .daysLeft: "DAYS LEFT"
        case .subscriptionUntil: "SUBSCRIBED"
        case .reissueDue: "REISSUE"
        case .invoices: "INVOICES"
        }
    }

    /// The cell as plain text (the screen adds its status symbols).
    public func text(_ row: SSLCertificateRow) -> String {
        switch self {
        case .order: row.orderID.description
        case .type: row.type.displayName
        case .domain: row.domain.unicode
        case .state: row.state.displayName
        case .expires: row.validTo.map(DayText.utc) ?? "-"
        case .daysLeft: row.daysLeft.map(String.init) ?? "-"
        case .subscriptionUntil: row.subscriptionUntil.map(DayText.utc) ?? "-"
        case .reissueDue: row.nextReissueDue.map(DayText.utc) ?? "-"
        case .invoices: "\(row.invoicesPaid)/\(row.invoicesIssued) paid"
        }
    }
}
