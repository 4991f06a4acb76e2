import Foundation
import Testing
@testable import PanelModel

/// docs/moves.md's table of registry rules, row by row, and what moves with what.
@Suite struct MoveRegistryRuleTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    static let owner = CustomerID(1)

    static func order(_ id: Int64, _ product: Product, _ name: String, customer: CustomerID = owner) -> Order {
        Order(id: OrderID(id), product: product, domain: try! DomainName(name), customerID: customer,
              createdAt: now.addingTimeInterval(-86_400 * 400), expiresAt: now.addingTimeInterval(86_400 * 300))
    }

    static func snapshot(_ order: Order, _ related: [Order] = [], invoices: [Invoice] = []) -> MoveServicesPolicy.OrderSnapshot {
        .init(order: order, relatedServices: related, invoices: invoices, resellerName: "ALVO", actingAsCustomer: true)
    }

    static func problems(_ snapshot: MoveServicesPolicy.OrderSnapshot) -> [MoveServicesPolicy.Problem] {
        MoveServicesPolicy.orderProblems(snapshot, now: now)
    }

    static func customer(_ id: Int64, reseller: Reseller) -> Customer {
        Customer(id: CustomerID(id), username: try! EmailAddress("c\(id)@example.com"), name: "C\(id)", resellerID: reseller.id)
    }

    static func contact(_ id: Int64, _ country: CountryCode) -> Contact {
        Contact(id: ContactID(id), handle: "CP-\(id)", ownerID: CustomerID(2), name: "N", email: try! EmailAddress("n@example.com"),
                country: country, phone: "+1.5550100")
    }

    static let everything = Reseller(id: ResellerID(1), name: "ALVO", products: Set(Product.allCases), registrarHandle: "H10001")

    /// The target problems for a target whose default registrant and admin live in `registrant` / `admin`.
    static func targetProblems(_ snapshot: MoveServicesPolicy.OrderSnapshot, registrant: CountryCode, admin: CountryCode? = nil,
                               reseller: Reseller = everything) -> [MoveServicesPolicy.Problem] {
        let target = customer(2, reseller: reseller)
        return MoveServicesPolicy.targetProblems(
            .init(byUsername: target, byID: target, reseller: reseller, defaultRegistrant: contact(10, registrant),
                  defaultAdmin: contact(11, admin ?? registrant), otherCustomerServices: []), order: snapshot)
    }

    // MARK: - Certificate orders with a Domain order in the same panel

    @Test(arguments: ["uk", "nz"]) func ukAndNZCertificatesCannotMove(tld: String) throws {
        let name = tld == "uk" ? "books.co.uk" : "surf.co.nz"
        let found = Self.problems(Self.snapshot(Self.order(1, .digitalCertificate, name), [Self.order(2, .domain, name)]))
        #expect(found.map(\.kind) == [.tld])
        #expect(found[0].message.hasPrefix("The .\(tld.uppercased()) domain name \(name) is a Domain order (2) in this Control Panel, so this Digital Certificate order cannot be moved."))
        #expect(found[0].fix == "It cannot move while Domain order 2 is in this Control Panel.")
        // Without the Domain order in the panel, the certificate moves.
        #expect(Self.problems(Self.snapshot(Self.order(1, .digitalCertificate, name))).isEmpty)
    }

    @Test(arguments: ["uk", "nz", "eu"]) func ukNZAndEUDomainOrdersMoveOnTheirOwn(tld: String) throws {
        let name = tld == "uk" ? "books.co.uk" : tld == "nz" ? "surf.co.nz" : "parts.eu"
        let snapshot = Self.snapshot(Self.order(2, .domain, name), [Self.order(1, .digitalCertificate, "www.\(name)")])
        #expect(Self.problems(snapshot).isEmpty)
        #expect(snapshot.movingServices.map(\.id) == [OrderID(2)])
        #expect(snapshot.stayingServices.map(\.id) == [OrderID(1)])
    }

    @Test(arguments: ["ca", "es"]) func caAndESStopBothOrders(tld: String) throws {
        let name = "maple.\(tld)"
        let certificate = Self.order(1, .digitalCertificate, name), domain = Self.order(2, .domain, name)
        let fromCertificate = Self.problems(Self.snapshot(certificate, [domain]))
        #expect(fromCertificate.map(\.kind) == [.tld])
        #expect(fromCertificate[0].message.contains("So neither the Digital Certificate order nor the .ES Domain order (2) can be moved") == (tld == "es"))
        #expect(fromCertificate[0].message.contains("neither the Digital Certificate order nor the .CA Domain order (2) can be moved") == (tld == "ca"))
        let fromDomain = Self.problems(Self.snapshot(domain, [certificate]))
        #expect(fromDomain.map(\.kind) == [.tld])
        #expect(fromDomain[0].statement.hasPrefix("The .\(tld.uppercased()) domain name \(name) cannot be"))
        #expect(fromDomain[0].statement.contains("Digital Certificate order 1"))
        #expect(fromDomain[0].fix.hasPrefix("It stays with this customer"))
        // A Domain order stops even with no certificate beside it: the registry forbids it.
        #expect(Self.problems(Self.snapshot(domain)).map(\.kind) == [.tld])
    }

    @Test func esKeepsTheSeedsRegistryWording() {
        let found = Self.problems(Self.snapshot(Self.order(2, .domain, "tapas.es")))
        #expect(found[0].message.contains("The .ES Registry neither allows modification of any Contact Details of the Registrant Contact nor allows selecting of another Contact as the Registrant Contact."))
    }

    @Test func euCertificateWaitsForItsDomainOrderNamedByID() {
        let found = Self.problems(Self.snapshot(Self.order(1018, .digitalCertificate, "euro-parts.eu"), [Self.order(1019, .domain, "euro-parts.eu")]))
        #expect(found.map(\.kind) == [.tld])
        #expect(found[0].fix.hasPrefix("You need to first complete moving your .EU domain name Order: move Domain order 1019"))
        #expect(found[0].fix.hasSuffix("Once the action of moving your .EU domain name Order is complete, you can move the Digital Certificate Order."))
        #expect(found[0].message.hasSuffix(found[0].fix))
        #expect(!found[0].message.contains("cannot be moved from this panel"))
        // Once the Domain order has moved (it is no longer in this panel), the certificate moves.
        #expect(Self.problems(Self.snapshot(Self.order(1018, .digitalCertificate, "euro-parts.eu"))).isEmpty)
    }

    // MARK: - Conditions on the target

    @Test func thirdLevelMEAppliesToTheDomainOrderItselfAndItsCertificate() {
        for snapshot in [Self.snapshot(Self.order(2, .domain, "adriatic.co.me")),
                         Self.snapshot(Self.order(1, .digitalCertificate, "www.adriatic.co.me"), [Self.order(2, .domain, "adriatic.co.me")])] {
            #expect(Self.targetProblems(snapshot, registrant: .germany).map(\.kind) == [.montenegrinRegistrant])
            #expect(Self.targetProblems(snapshot, registrant: .montenegro).isEmpty)
        }
        // A second-level .ME name has no such condition.
        #expect(Self.targetProblems(Self.snapshot(Self.order(2, .domain, "budva.me")), registrant: .germany).isEmpty)
    }

    @Test func germanContactAppliesToTheDomainOrderItself() throws {
        let domain = Self.snapshot(Self.order(2, .domain, "bäckerei.de"))
        let us = try CountryCode("US")
        #expect(Self.targetProblems(domain, registrant: us).map(\.message) == [MoveServicesPolicy.germanContactRequired])
        #expect(Self.targetProblems(domain, registrant: us, admin: .germany).isEmpty)
        #expect(Self.targetProblems(domain, registrant: .germany, admin: us).isEmpty)
        // A certificate alone (no Domain order in the panel) has no .DE condition.
        #expect(Self.targetProblems(Self.snapshot(Self.order(1, .digitalCertificate, "bäckerei.de")), registrant: us).isEmpty)
    }

    @Test func theNewResellerMustOfferWhatMoves() {
        let certificatesOnly = Reseller(id: ResellerID(3), name: "Certs", products: [.digitalCertificate], registrarHandle: "H30003")
        let found = Self.targetProblems(Self.snapshot(Self.order(2, .domain, "parts.eu")), registrant: .germany, reseller: certificatesOnly)
        #expect(found.map(\.message) == ["Reseller has not signedup for this Product - Domain. So, we can't complete your request"])
        #expect(MoveServicesPolicy.resellerNotSignedUp == "Reseller has not signedup for this Product - Digital Certificate. So, we can't complete your request")
    }

    @Test func telNoteForADomainOrderWhoseRegistrantChanges() {
        let snapshot = Self.snapshot(Self.order(2, .domain, "call-me.tel"))
        let changed = MoveServicesPolicy.contactNotes(retain: false, order: snapshot, targetRegistrant: Self.contact(10, .germany), currentRegistrant: ContactID(1))
        #expect(changed.contains { $0.hasPrefix("Warning (.TEL)") })
        let retained = MoveServicesPolicy.contactNotes(retain: true, order: snapshot, targetRegistrant: Self.contact(10, .germany), currentRegistrant: ContactID(1))
        #expect(!retained.contains { $0.hasPrefix("Warning (.TEL)") })
    }

    // MARK: - Grouping by registrable domain and what moves

    @Test func aSubdomainCertificateIsAServiceOfItsRegistrableDomain() {
        // www.example.co.uk belongs to example.co.uk: the .UK rule sees the Domain order.
        let found = Self.problems(Self.snapshot(Self.order(1, .digitalCertificate, "www.example.co.uk"), [Self.order(2, .domain, "example.co.uk")]))
        #expect(found.first?.message.hasPrefix("The .UK domain name example.co.uk is a Domain order (2)") == true)
    }

    @Test func checksLookAtWhatMovesOnly() {
        var certificate = Self.order(1, .digitalCertificate, "parts.com")
        certificate.processingAction = "Reissue"
        let domain = Self.order(2, .domain, "parts.com")
        // The domain moves alone: its certificate being processed does not stop it.
        #expect(Self.problems(Self.snapshot(domain, [certificate])).isEmpty)
        let pending = Invoice(number: "INV-9", orderID: OrderID(1), customerID: Self.owner, amount: Money(stored: 100, currency: "USD"),
                              status: .pending, issuedAt: Self.now, dueAt: Self.now)
        #expect(Self.problems(Self.snapshot(domain, [Self.order(1, .digitalCertificate, "parts.com")], invoices: [pending])).isEmpty)
        // The certificate moves with the domain: the domain's state counts.
        var busyDomain = domain
        busyDomain.processingAction = "Renewal"
        #expect(Self.problems(Self.snapshot(Self.order(1, .digitalCertificate, "parts.com"), [busyDomain])).map(\.kind) == [.processing])
    }

    @Test func everyProblemSplitsIntoStatementAndFix() {
        var order = Self.order(1, .digitalCertificate, "parts.com")
        order.status = .suspended
        order.moneyBackUntil = Self.now.addingTimeInterval(86_400)
        for problem in Self.problems(Self.snapshot(order)) {
            #expect(!problem.fix.isEmpty, "\(problem.kind)")
            #expect(problem.message == problem.statement + " " + problem.fix)
        }
        order.status = .expired
        order.moneyBackUntil = nil
        let expired = Self.problems(Self.snapshot(order))
        #expect(expired.map(\.kind) == [.notActive])
        #expect(expired[0].fix.contains("ask your reseller, ALVO"))
    }

    @Test func targetConditionsNameWhatTheFormWillCheck() {
        let conditions = MoveServicesPolicy.targetConditions(Self.snapshot(Self.order(1, .digitalCertificate, "www.adriatic.co.me"),
                                                                            [Self.order(2, .domain, "adriatic.co.me")]))
        #expect(conditions.first == "The new Customer's reseller must have signed up for Digital Certificate, Domain.")
        #expect(conditions.contains { $0.hasPrefix("Third level .ME") })
        #expect(!MoveServicesPolicy.targetConditions(Self.snapshot(Self.order(2, .domain, "parts.com"))).contains { $0.contains(".DE") })
    }
}
