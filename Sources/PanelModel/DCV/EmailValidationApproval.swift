import Foundation

/// Who may confirm that an order's approver answered the certificate authority's validation
/// mail, and when: the panel cannot look an answer up, so a reseller or an operator confirms it
/// (`certpanel dcv approve`), for a certificate waiting in "validating" whose chosen method is
/// email. Nil: allowed; otherwise the refusal, saying what to do instead.
public enum EmailValidationApproval {
    public static func refusal(order: OrderID, byCustomer: Bool, state: CertificateState, choice: DCVChoice?) -> String? {
        if byCustomer {
            return "Email validation of order \(order) is confirmed by your reseller once the approver has answered the mail. Ask your reseller, or validate by DNS or HTTP instead: certpanel dcv method \(order) dns, then certpanel dcv check \(order)."
        }
        guard state == .validating else {
            return "Order \(order) is not waiting for domain validation (its certificate is \(state.displayName.lowercased())), so there is nothing to approve."
        }
        guard let choice, choice.method == .email else {
            return "Order \(order) validates by \(choice?.method.displayName ?? "no chosen method"), not by email: check it with certpanel dcv check \(order) (or choose email first: certpanel dcv method \(order) email)."
        }
        return nil
    }
}
