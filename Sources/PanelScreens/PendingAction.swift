import Terminal

/// An action asked for on a list row (`m`, `c`, `R`, `v`, `S`/`U` on the order list), run by
/// the record's own screen once the record has loaded: the record's rules decide, exactly as
/// if the key had been pressed there. An action the record does not offer says why.
enum PendingAction {
    static func run<S: Screen>(_ action: ActionID, on screen: inout S, context: ScreenContext) -> [Effect] {
        if screen.keyMap.binding(for: action) != nil {
            return screen.update(.action(action), context: context)
        }
        return [.toast(Toast("\(screen.title): \(reason(action))", kind: .warning))]
    }

    static func reason(_ action: ActionID) -> String {
        switch action {
        case "details.csr", "cert.csr": "no CSR can be entered now (see its certificate state)"
        case "details.suspend": "only an active order can be suspended"
        case "details.unsuspend": "only a suspended order can be unsuspended"
        case "cert.reissue": "only an issued or expiring certificate can be reissued"
        case "cert.pem": "no certificate has been issued yet"
        default: "that action does not apply here"
        }
    }
}
