import Foundation

/// Marking an invoice paid: who may, and which invoices can be.
public enum InvoicePaymentPolicy {
    /// Only operators record payments; customers and resellers are told what to do instead.
    public static func refusal(for principal: Principal) -> PanelError? {
        switch principal {
        case .operator:
            return nil
        case .customer:
            return .refused("Only an operator can mark an invoice as paid. Pay it as the invoice says; it shows as paid once the payment has been received.")
        case .reseller:
            return .refused("Only an operator can mark an invoice as paid. Ask an operator to record the payment (certpanel --as operator invoices pay NUMBER).")
        }
    }

    /// Only a pending invoice can be paid; the refusal names the state it is in.
    public static func refusal(paying invoice: Invoice) -> PanelError? {
        switch invoice.status {
        case .pending:
            return nil
        case .paid:
            let when = invoice.paidAt.map { " on \($0.dayText)" } ?? ""
            return .refused("Invoice \(invoice.number) is already paid\(when); there is nothing to mark.")
        case .credited:
            return .refused("Invoice \(invoice.number) is credited, so it cannot be paid. Pay the invoice that replaced it (see certpanel invoices list).")
        case .cancelled:
            return .refused("Invoice \(invoice.number) is cancelled, so it cannot be paid. Pay the order's current invoice (see certpanel invoices list).")
        }
    }
}

/// What marking an invoice paid did.
public struct InvoicePayment: Hashable, Codable, Sendable {
    public var invoice: Invoice
    /// The renewal it completed, when it was a renewal invoice and the CSR had been exchanged.
    public var renewal: CertificateJobOutcome?
    public var transactionID: String

    public init(invoice: Invoice, renewal: CertificateJobOutcome?, transactionID: String) {
        self.invoice = invoice
        self.renewal = renewal
        self.transactionID = transactionID
    }
}
