import Foundation

/// The email a customer gets 30 days before a certificate expires (seed 004): what expires
/// when, the invoice for the next period, and that a new CSR is needed, with where to enter it.
public struct RenewalNotice: Sendable, Equatable {
    public var subject: String
    public var body: String

    public init(domain: DomainName, orderID: OrderID, customerID: CustomerID, customerName: String, validTo: Date, invoice: Invoice) {
        let name = domain.unicode
        subject = "Your SSL certificate for \(name) expires on \(validTo.dayText): invoice \(invoice.number)"
        body = """
            Dear \(customerName),

            the SSL certificate for \(name) (order \(orderID)) expires on \(validTo.dayText).

            We have issued invoice \(invoice.number) for the next period of \(RenewalPolicy.periodDays) days:
              Amount:   \(invoice.amount)
              Due date: \(invoice.dueAt.dayText)

            To renew the certificate we need two things:
              1. Payment of the invoice by its due date.
              2. A new CSR (certificate signing request) for \(name). Generate a new key and CSR
                 on your server, keep the key there, and enter the CSR:
                 - in the panel: open order \(orderID) (or SSL Certificates) and press c;
                 - on the command line: certpanel --as customer:\(customerID) csr submit \(orderID) FILE.csr

            Once the payment is received and the new CSR has been exchanged, the certificate is
            renewed and its new expiry date shows in your panel.

            CertPanel

            """
    }
}
