import Foundation

/// The TLD notes of seed 000, applied to the order being moved. docs/moves.md has them as a
/// table; each row has a test in MoveRegistryRuleTests.
extension MoveServicesPolicy {
    /// The registry rules that stop a move whatever the target: for an order whose registrable
    /// domain has a Domain order in the same panel, and for a Domain order itself.
    static func tldProblems(_ snapshot: OrderSnapshot) -> [Problem] {
        let order = snapshot.order
        let tld = order.domain.tld
        let name = snapshot.registryDomain
        if order.product == .domain {
            // Only .CA and .ES forbid moving the domain name itself; .UK, .NZ and .EU Domain orders move.
            let others = snapshot.relatedServices.map { "\($0.product.displayName) order \($0.id)" }
            let alsoStays = others.isEmpty ? "" : " (nor can \(others.joined(separator: ", ")) on it)"
            switch tld {
            case "ca":
                return [Problem(.tld, "The .CA domain name \(name) cannot be moved, so this Domain order cannot be moved\(alsoStays).",
                                fix: "It stays with this customer; the .CA Registry does not allow the move.")]
            case "es":
                return [Problem(.tld, "The .ES domain name \(name) cannot be moved\(alsoStays). The .ES Registry neither allows modification of any Contact Details of the Registrant Contact nor allows selecting of another Contact as the Registrant Contact.",
                                fix: "It stays with this customer.")]
            default:
                return []
            }
        }
        guard let domainOrder = snapshot.relatedDomainOrder else { return [] }
        let product = order.product.displayName
        switch tld {
        case "uk", "nz":
            return [Problem(.tld, "The .\(tld.uppercased()) domain name \(name) is a Domain order (\(domainOrder.id)) in this Control Panel, so this \(product) order cannot be moved.",
                            fix: "It cannot move while Domain order \(domainOrder.id) is in this Control Panel.")]
        case "ca":
            return [Problem(.tld, "The .CA domain name \(name) cannot be moved, so neither the \(product) order nor the .CA Domain order (\(domainOrder.id)) can be moved.",
                            fix: "Both orders stay with this customer.")]
        case "es":
            return [Problem(.tld, "The .ES domain name \(name) cannot be moved. The .ES Registry neither allows modification of any Contact Details of the Registrant Contact nor allows selecting of another Contact as the Registrant Contact. So neither the \(product) order nor the .ES Domain order (\(domainOrder.id)) can be moved.",
                            fix: "Both orders stay with this customer.")]
        case "eu":
            // Seed 000's words, with the order to move first named by its ID.
            return [Problem(.tld, "The .EU domain name \(name) is a Domain order (\(domainOrder.id)) present in this Control Panel.",
                            fix: "You need to first complete moving your .EU domain name Order: move Domain order \(domainOrder.id) (Move Services on its Order Details, or certpanel move-services \(domainOrder.id)). Once the action of moving your .EU domain name Order is complete, you can move the \(product) Order.")]
        default:
            return []
        }
    }

    /// What the new customer will need, known before the form (the form checks them): the
    /// third-level .ME and .DE conditions, and the products the new reseller must offer.
    public static func targetConditions(_ snapshot: OrderSnapshot) -> [String] {
        var conditions: [String] = []
        let products = snapshot.movingServices.map(\.product).uniqued()
        conditions.append("The new Customer's reseller must have signed up for \(products.map(\.displayName).joined(separator: ", ")).")
        if snapshot.hasDomainOrder && snapshot.order.domain.isThirdLevelME {
            conditions.append("Third level .ME: the new Customer's Default Registrant Contact must be a Montenegrin individual or entity (country ME).")
        }
        if snapshot.hasDomainOrder && snapshot.order.domain.tld == "de" {
            conditions.append(".DE: the new Customer's Default Registrant or Admin Contact must be a resident of Germany.")
        }
        return conditions
    }
}
