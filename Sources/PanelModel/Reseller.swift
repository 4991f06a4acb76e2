/// A reseller account (seed 000's "Reseller", seed 002's "reseller account", seed 003's registrar handle).
public struct Reseller: Hashable, Codable, Sendable, Identifiable {
    public var id: ResellerID
    public var name: String
    public var parentID: ResellerID?
    /// Products the reseller has signed up for; moving an order under a reseller needs its product here.
    public var products: Set<Product>
    /// The registrar handle, like `H12345` (seed 003).
    public var registrarHandle: String
    /// The handle has opted out of the push system (seed 003: "is refusing transfers").
    public var refusesPushes: Bool
    /// Account-wide renewal setting for incoming internal transfers (seed 002).
    public var internalTransferRenew: InternalTransferRenewSetting
    /// Accreditations under Registry Account Management cannot use internal transfers (seed 002).
    public var usesRegistryAccountManagement: Bool

    public init(id: ResellerID, name: String, parentID: ResellerID? = nil, products: Set<Product>,
                registrarHandle: String, refusesPushes: Bool = false,
                internalTransferRenew: InternalTransferRenewSetting = .default,
                usesRegistryAccountManagement: Bool = false) {
        self.id = id
        self.name = name
        self.parentID = parentID
        self.products = products
        self.registrarHandle = registrarHandle
        self.refusesPushes = refusesPushes
        self.internalTransferRenew = internalTransferRenew
        self.usesRegistryAccountManagement = usesRegistryAccountManagement
    }

    public func hasSignedUp(for product: Product) -> Bool { products.contains(product) }

    /// A registrar handle is `H` followed by digits (seed 003's example `H12345`).
    public static func isValidHandle(_ text: String) -> Bool {
        text.count >= 2 && text.first == "H" && text.dropFirst().allSatisfy(\.isASCIIDigitCharacter)
    }
}

extension Character {
    var isASCIIDigitCharacter: Bool { isASCII && isNumber }
}

/// Seed 002: "Default", "Apply registry policy", "No renew"; API values (empty), REGISTRY, NORENEW.
public enum InternalTransferRenewSetting: String, CaseIterable, Codable, Sendable {
    case `default` = "default"
    case registry = "registry"
    case noRenew = "no_renew"

    /// TLDs the "Default" setting renews upon internal transfer (seed 002).
    public static let defaultRenewingTLDs: Set<String> = ["com", "net", "org", "biz", "info", "name"]
}
