import Foundation
/// Who may suspend or unsuspend an order, and from which state (seed 000: "If the Digital
/// Certificate Order is Suspended, you will have to first get it Unsuspended"; "For Resellers:
/// Unsuspending a Digital Certificate Order").
public enum SuspensionPolicy {
    public enum Change: String, Sendable {
        case suspend, unsuspend

        public var verb: String { rawValue.capitalized }
    }

    /// Nil when allowed; otherwise the refusal, saying what to do.
    public static func refusal(_ change: Change, order: Order, principal: Principal, resellerName: String,
                               reason: String) -> PanelError? {
        if case .customer = principal {
            return .refused(change == .unsuspend
                ? "Only your reseller can unsuspend this order. Ask \(resellerName) to unsuspend order \(order.id)."
                : "Only your reseller can suspend an order. Ask \(resellerName).")
        }
        switch change {
        case .suspend where order.status != .active:
            return .refused("Order \(order.id) is \(order.status.displayName.lowercased()); only an active order can be suspended.")
        case .unsuspend where order.status != .suspended:
            return .refused("Order \(order.id) is not suspended (it is \(order.status.displayName.lowercased())); there is nothing to unsuspend.")
        default:
            break
        }
        if reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            return .invalidInput("Give a reason to \(change.rawValue) order \(order.id); it is kept in the audit log.")
        }
        return nil
    }
}
