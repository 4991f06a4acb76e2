/// A contact handle, owned by a customer and used as a domain's registrant/admin/tech/billing contact.
public struct Contact: Hashable, Codable, Sendable, Identifiable {
    public var id: ContactID
    /// The handle as the registry knows it, e.g. `CP-100017`.
    public var handle: String
    public var ownerID: CustomerID
    public var name: String
    public var organisation: String?
    public var email: EmailAddress
    public var country: CountryCode
    public var phone: String
    /// The registrar handle sponsoring this contact; nil when unsponsored (seed 003).
    public var sponsoringRegistrar: String?
    /// The .ASIA Charter Eligibility Declaration contact (seed 000).
    public var isCEDContact: Bool

    public init(id: ContactID, handle: String, ownerID: CustomerID, name: String, organisation: String? = nil,
                email: EmailAddress, country: CountryCode, phone: String, sponsoringRegistrar: String? = nil,
                isCEDContact: Bool = false) {
        self.id = id
        self.handle = handle
        self.ownerID = ownerID
        self.name = name
        self.organisation = organisation
        self.email = email
        self.country = country
        self.phone = phone
        self.sponsoringRegistrar = sponsoringRegistrar
        self.isCEDContact = isCEDContact
    }

    /// Phone numbers in the registries' `+CC.NUMBER` form, e.g. `+49.301234567`.
    public static func isValidPhone(_ text: String) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].hasPrefix("+") else { return false }
        let cc = parts[0].dropFirst()
        return (1...3).contains(cc.count) && cc.allSatisfy(\.isASCIIDigitCharacter)
            && (4...14).contains(parts[1].count) && parts[1].allSatisfy(\.isASCIIDigitCharacter)
    }
}
