/// Seed 003, "Pushing a Domain Name To Another Registrar": when a push may go ahead. Each
/// refusal's message is the text after "Message: " in the seed's response format.
public enum PushPolicy {
    public enum Refusal: Equatable, Sendable {
        case domainNotFound
        case notLive(OrderStatus)
        case gainingHandleUnknown(String)
        case gainingHandleRefuses(String)
        case ownHandle(String)

        public var message: String {
            switch self {
            case .domainNotFound: "Domain not found."
            case .notLive(let status): "Domain status is \(status.displayName), not Live."
            case .gainingHandleUnknown(let handle): "Gaining handle '\(handle)' not found."
            case .gainingHandleRefuses(let handle): "Gaining handle '\(handle)' is refusing transfers."
            case .ownHandle(let handle): "Gaining handle '\(handle)' is your own account."
            }
        }
    }

    /// `order` is the Domain order on the pusher's account (nil when the domain is not on it);
    /// `gaining` the reseller that owns `gainingHandle`, if any.
    public static func refusal(order: Order?, pusher: Reseller, gainingHandle: String, gaining: Reseller?) -> Refusal? {
        guard let order, order.product == .domain else { return .domainNotFound }
        guard order.status == .active else { return .notLive(order.status) }
        guard let gaining else { return .gainingHandleUnknown(gainingHandle) }
        guard gaining.id != pusher.id else { return .ownHandle(gainingHandle) }
        guard !gaining.refusesPushes else { return .gainingHandleRefuses(gainingHandle) }
        return nil
    }

    /// What happens to a contact handle of the pushed domain (seed 003): sponsorship moves to
    /// the gaining registrar unless the handle is used by other domains on the pusher's account,
    /// in which case it becomes unsponsored.
    public static func sponsorAfterPush(usedByOtherDomainsOfPusher: Bool, gainingHandle: String) -> String? {
        usedByOtherDomainsOfPusher ? nil : gainingHandle
    }
}
