import Foundation

/// The target side of Move Services (seed 000 step 4 and its error messages, verbatim).
extension MoveServicesPolicy {
    /// Seed texts, reproduced word for word.
    public static let invalidCustomer = "Invalid Customer"
    public static let notSameCustomer = "The Customer username and Customer ID are not of the same Customer"
    public static let statusProhibits = "New Customer's status prohibits this operation"
    public static let resellerNotSignedUp = resellerNotSignedUp(for: .digitalCertificate)
    /// The seed's text for any product that moves ("Product - Domain" for a Domain order).
    public static func resellerNotSignedUp(for product: Product) -> String {
        "Reseller has not signedup for this Product - \(product.displayName). So, we can't complete your request"
    }
    public static let germanContactRequired = "Either registrant or admin contact must be a resident of Germany"

    /// What the target checks read, looked up by the store from the form's two fields.
    public struct TargetSnapshot: Sendable {
        /// The customer the username names, if any.
        public var byUsername: Customer?
        /// The customer the Customer ID names, if any.
        public var byID: Customer?
        public var reseller: Reseller?
        /// Default registrant and admin contacts of the target.
        public var defaultRegistrant: Contact?
        public var defaultAdmin: Contact?
        /// Products of services on the same registrable domain held by other customers of the target's reseller.
        public var otherCustomerServices: [Product]

        public init(byUsername: Customer?, byID: Customer?, reseller: Reseller?, defaultRegistrant: Contact?, defaultAdmin: Contact?,
                    otherCustomerServices: [Product]) {
            self.byUsername = byUsername
            self.byID = byID
            self.reseller = reseller
            self.defaultRegistrant = defaultRegistrant
            self.defaultAdmin = defaultAdmin
            self.otherCustomerServices = otherCustomerServices
        }
    }

    /// Problems with the target. Identity problems stop the checks (nothing else can be known).
    public static func targetProblems(_ target: TargetSnapshot, order snapshot: OrderSnapshot) -> [Problem] {
        guard let byUsername = target.byUsername, let byID = target.byID else {
            return [Problem(.invalidCustomer, invalidCustomer)]
        }
        guard byUsername.id == byID.id else { return [Problem(.mismatchedCustomer, notSameCustomer)] }
        let customer = byID
        if customer.id == snapshot.order.customerID {
            return [Problem(.sameCustomer, "Order \(snapshot.order.id) already belongs to \(customer.username) (Customer ID \(customer.id)). Give the username and Customer ID of the customer you are moving it to.")]
        }
        var problems: [Problem] = []
        if customer.status == .deleted { problems.append(Problem(.deletedCustomer, statusProhibits)) }
        if let reseller = target.reseller {
            for product in snapshot.movingServices.map(\.product).uniqued() where !reseller.hasSignedUp(for: product) {
                problems.append(Problem(.resellerProduct, resellerNotSignedUp(for: product)))
            }
        }
        if !target.otherCustomerServices.isEmpty {
            let products = target.otherCustomerServices.map(\.displayName).uniqued().joined(separator: ", ")
            problems.append(Problem(.otherCustomerServices, "There are one or more Services for this domain name (\(products)) under another Customer of the new Reseller\(target.reseller.map { ", \($0.name)" } ?? ""). \(whatToDo)"))
        }
        // The registry conditions hold for a Domain order and for anything moving with one.
        let domain = snapshot.order.domain
        let hasDomainOrder = snapshot.hasDomainOrder
        if hasDomainOrder && domain.isThirdLevelME && target.defaultRegistrant?.country != .montenegro {
            problems.append(Problem(.montenegrinRegistrant, "Third level .ME domain names can be registered only by Montenegrin individuals and entities. The Default Registrant Contact of \(customer.username) must be a Montenegrin individual or entity (country ME) before \(snapshot.registryDomain) can be moved."))
        }
        if hasDomainOrder && domain.tld == "de"
            && target.defaultRegistrant?.country != .germany && target.defaultAdmin?.country != .germany {
            problems.append(Problem(.germanContact, germanContactRequired))
        }
        return problems
    }

    /// What the confirmation says will happen to the contacts, including the .ASIA and .TEL notes.
    public static func contactNotes(retain: Bool, order snapshot: OrderSnapshot, targetRegistrant: Contact?,
                                    currentRegistrant: ContactID?) -> [String] {
        var notes: [String] = []
        notes.append(retain
            ? "Contact details are retained: the Whois details of \(snapshot.order.domain.unicode) stay as they are."
            : "Contact details change to the Default Contacts of the new Customer.")
        let tld = snapshot.order.domain.tld
        if tld == "asia" {
            notes.append(retain
                ? ".ASIA: the current CED Contact continues to be used for \(snapshot.order.domain.unicode)."
                : ".ASIA: the Registrar's default CED Contact will be used for \(snapshot.order.domain.unicode).")
        }
        let registrantChanges = !retain && targetRegistrant?.id != currentRegistrant
        if tld == "tel" && registrantChanges && snapshot.hasDomainOrder {
            notes.append("Warning (.TEL): the Registrant Contact changes, so update the email address associated with the .TEL Hosting Control Panel for \(snapshot.order.domain.unicode); its login details were sent to the old Registrant Contact.")
        }
        return notes
    }
}

extension Array where Element: Hashable {
    /// The elements in order, each once.
    public func uniqued() -> [Element] {
        var seen: Set<Element> = []
        return filter { seen.insert($0).inserted }
    }
}
