import Foundation
import PanelModel

/// The demo world: a small, hand-made set of resellers, customers and orders that shows
/// every rule of the seeds. Dates are relative to `now` so "expiring within 30 days"
/// stays true whenever the demo is seeded. README's "Demo logins" table describes it.
public enum DemoWorld {
    /// Every demo customer logs in with this password.
    public static let password = "certpanel-demo"

    // Well-known IDs, also used by tests and the README.
    public static let alice: Int64 = 100001          // owns the orders to move
    public static let bob: Int64 = 100002            // valid target, German contacts
    public static let carol: Int64 = 100003          // valid target without a German contact
    public static let dave: Int64 = 100004           // deleted customer
    public static let milan: Int64 = 100005          // Montenegrin registrant (third-level .ME)
    public static let erin: Int64 = 100006           // suspended customer
    public static let xavier: Int64 = 200001         // Reseller B: email hosting on sunrise-bakery.com
    public static let yolanda: Int64 = 200002        // Reseller B: target that hits the "another customer" rule
    public static let zoe: Int64 = 200003
    public static let grace: Int64 = 300001          // under a reseller without Digital Certificate
    public static let nina: Int64 = 400001           // under the handle that refuses pushes
    public static let kim: Int64 = 500001            // under a sub-reseller of ALVO
    public static let omar: Int64 = 600001           // under a Registry Account Management accreditation

    public static func fixture(now: Date) -> FixtureFile {
        var file = FixtureFile()
        file.resellers = resellers
        file.customers = customers
        file.contacts = contacts
        var orders = Orders(now: now)
        orders.build()
        file.orders = orders.orders
        file.certificates = orders.certificates
        file.invoices = orders.invoices
        file.transferRequests = orders.transferRequests
        return file
    }

    static let resellers: [FixtureFile.ResellerRecord] = [
        .init(id: 1, name: "ALVO Business Solutions, Corp.", parent: nil, products: allProducts, registrarHandle: "H10001",
              refusesPushes: false, internalTransferRenew: "default", registryAccountManagement: false),
        .init(id: 2, name: "Reseller B Hosting", parent: nil, products: allProducts, registrarHandle: "H20002",
              refusesPushes: false, internalTransferRenew: "no_renew", registryAccountManagement: false),
        .init(id: 3, name: "GoPedro Hosting", parent: nil, products: ["domain", "email_hosting", "web_hosting"],
              registrarHandle: "H30003", refusesPushes: false, internalTransferRenew: nil, registryAccountManagement: false),
        .init(id: 4, name: "Northwind Registrar", parent: nil, products: allProducts, registrarHandle: "H12345",
              refusesPushes: true, internalTransferRenew: nil, registryAccountManagement: false),
        .init(id: 5, name: "Keystone Web (sub-reseller of ALVO)", parent: 1, products: allProducts, registrarHandle: "H50005",
              refusesPushes: false, internalTransferRenew: "registry", registryAccountManagement: false),
        .init(id: 6, name: "Atlas Domains (RAM)", parent: nil, products: allProducts, registrarHandle: "H60006",
              refusesPushes: false, internalTransferRenew: nil, registryAccountManagement: true),
    ]

    static let allProducts = ["digital_certificate", "domain", "email_hosting", "web_hosting"]

    private static func customer(_ id: Int64, _ username: String, _ name: String, reseller: Int64, contact: Int64,
                                 status: String = "active") -> FixtureFile.CustomerRecord {
        .init(id: id, username: username, name: name, status: status, reseller: reseller, password: password,
              defaultContacts: .init(registrant: contact, admin: contact, tech: contact, billing: contact))
    }

    static let customers: [FixtureFile.CustomerRecord] = [
        customer(alice, "alice@example.com", "Alice Martin", reseller: 1, contact: 1),
        customer(bob, "bob@example.net", "Bob Schneider", reseller: 1, contact: 3),
        customer(carol, "carol@example.org", "Carol Diaz", reseller: 1, contact: 4),
        customer(dave, "dave@example.com", "Dave Deleted", reseller: 1, contact: 5, status: "deleted"),
        customer(milan, "milan@example.me", "Milan Petrović", reseller: 1, contact: 6),
        customer(erin, "erin@example.com", "Erin Walsh", reseller: 1, contact: 7, status: "suspended"),
        customer(xavier, "xavier@example.fr", "Xavier Laurent", reseller: 2, contact: 8),
        customer(yolanda, "yolanda@example.es", "Yolanda Ruiz", reseller: 2, contact: 9),
        customer(zoe, "zoe@example.nl", "Zoë de Vries", reseller: 2, contact: 10),
        customer(grace, "grace@example.org", "Grace Okafor", reseller: 3, contact: 11),
        customer(nina, "nina@example.se", "Nina Lindqvist", reseller: 4, contact: 12),
        customer(kim, "kim@example.kr", "김민지 (Kim Min-ji)", reseller: 5, contact: 13),
        customer(omar, "omar@example.com", "Omar Haddad", reseller: 6, contact: 14),
    ]

    private static func contact(_ id: Int64, owner: Int64, _ name: String, _ email: String, _ country: String, _ phone: String,
                                organisation: String? = nil, sponsor: String = "H10001", ced: Bool = false) -> FixtureFile.ContactRecord {
        .init(id: id, handle: "CP-\(1000 + id)", owner: owner, name: name, organisation: organisation, email: email,
              country: country, phone: phone, sponsoringRegistrar: sponsor, cedContact: ced)
    }

    static let contacts: [FixtureFile.ContactRecord] = [
        contact(1, owner: alice, "Alice Martin", "alice@example.com", "GB", "+44.2071234567", organisation: "Sunrise Bakery Ltd"),
        contact(2, owner: alice, "Lantern Trading Pte", "asia@example.com", "SG", "+65.61234567", organisation: "Lantern Trading Pte Ltd", ced: true),
        contact(3, owner: bob, "Bob Schneider", "bob@example.net", "DE", "+49.301234567", organisation: "Schneider Fahrräder GmbH"),
        contact(4, owner: carol, "Carol Diaz", "carol@example.org", "US", "+1.4155550100"),
        contact(5, owner: dave, "Dave Deleted", "dave@example.com", "GB", "+44.1611234567"),
        contact(6, owner: milan, "Milan Petrović", "milan@example.me", "ME", "+382.20123456", organisation: "Jadran d.o.o."),
        contact(7, owner: erin, "Erin Walsh", "erin@example.com", "IE", "+353.11234567"),
        contact(8, owner: xavier, "Xavier Laurent", "xavier@example.fr", "FR", "+33.140000000", sponsor: "H20002"),
        contact(9, owner: yolanda, "Yolanda Ruiz", "yolanda@example.es", "ES", "+34.911234567", sponsor: "H20002"),
        contact(10, owner: zoe, "Zoë de Vries", "zoe@example.nl", "NL", "+31.201234567", sponsor: "H20002"),
        contact(11, owner: grace, "Grace Okafor", "grace@example.org", "NG", "+234.12345678", sponsor: "H30003"),
        contact(12, owner: nina, "Nina Lindqvist", "nina@example.se", "SE", "+46.81234567", sponsor: "H12345"),
        contact(13, owner: kim, "김민지", "kim@example.kr", "KR", "+82.221234567", sponsor: "H50005"),
        contact(14, owner: omar, "Omar Haddad", "omar@example.com", "JO", "+962.61234567", sponsor: "H60006"),
    ]

    /// Builds the orders with their certificates, invoices and transfer requests.
    private struct Orders {
        let now: Date
        var orders: [FixtureFile.OrderRecord] = []
        var certificates: [FixtureFile.CertificateRecord] = []
        var invoices: [FixtureFile.InvoiceRecord] = []
        var transferRequests: [FixtureFile.TransferRequestRecord] = []
        private var invoiceSerial = 0

        init(now: Date) { self.now = now }

        private func day(_ offset: Int) -> String { FixtureDates.format(now.adding(days: offset)) }

        private func contactOf(_ customer: Int64) -> Int64 {
            DemoWorld.customers.first { $0.id == customer }!.defaultContacts!.registrant!
        }

        @discardableResult
        private mutating func order(_ id: Int64, _ product: String, _ domain: String, _ customer: Int64, status: String = "active",
                                    createdDaysAgo: Int = 400, expiresIn: Int = 330, moneyBackFor: Int? = nil,
                                    processing: String? = nil, lock: Bool = true, registrant: Int64? = nil) -> Int64 {
            let contact = contactOf(customer)
            orders.append(.init(id: id, product: product, domain: domain, customer: customer, status: status,
                                created: day(-createdDaysAgo), expires: day(expiresIn),
                                moneyBackUntil: moneyBackFor.map { day($0) }, transferLock: lock, processing: processing,
                                contacts: .init(registrant: registrant ?? contact, admin: contact, tech: contact, billing: contact)))
            return id
        }

        /// A Digital Certificate order with its certificate details and a paid invoice. `validFor`
        /// is the subscription's end (the order's expiry), in days from now. Without `issuedDaysAgo`
        /// the certificate runs to that end and started as early as the validity table allowed
        /// (at most 365 days); with it, the certificate was issued that many days ago for as long
        /// as the table allowed then, within the subscription (a reissue within the term is next).
        private mutating func certificate(_ id: Int64, _ domain: String, _ customer: Int64, state: String, type: String = "dv",
                                          validFor: Int = 300, issuedDaysAgo: Int? = nil, status: String = "active",
                                          moneyBackFor: Int? = nil, processing: String? = nil, registrant: Int64? = nil) {
            let created = state == "awaiting_csr" ? 3 : state == "validating" ? 10 : issuedDaysAgo ?? 365 - validFor + 30
            order(id, "digital_certificate", domain, customer, status: status, createdDaysAgo: created,
                  expiresIn: state == "awaiting_csr" ? 362 : validFor, moneyBackFor: moneyBackFor, processing: processing,
                  registrant: registrant)
            let issued = ["issued", "expiring", "expired"].contains(state)
            let subscriptionEnd = now.adding(days: validFor)
            let (from, to): (Date, Date) = if let issuedDaysAgo {
                (now.adding(days: -issuedDaysAgo),
                 CertificateValidityTable.notAfter(issuedAt: now.adding(days: -issuedDaysAgo), subscriptionUntil: subscriptionEnd))
            } else {
                (CertificateValidityTable.latestLegalStart(validTo: subscriptionEnd, preferredDays: 365), subscriptionEnd)
            }
            certificates.append(.init(order: id, type: type, state: state, csr: nil, certificate: nil,
                                      validFrom: issued ? FixtureDates.format(from) : nil, validTo: issued ? FixtureDates.format(to) : nil,
                                      additionalNames: type == "multi_domain" ? ["www.\(domain)", "shop.\(domain)"] : nil))
            invoice(id, amount: type == "ev" ? 29900 : 4999, status: "paid", issuedDaysAgo: created)
        }

        private mutating func invoice(_ order: Int64, amount: Int64, status: String, issuedDaysAgo: Int) {
            invoiceSerial += 1
            invoices.append(.init(number: String(format: "INV-%06d", invoiceSerial), order: order, amount: amount,
                                  currency: "USD", status: status, issued: day(-issuedDaysAgo),
                                  due: day(-issuedDaysAgo + Invoice.dueAfterDays)))
        }

        mutating func build() {
            // Ready to move (to Bob); a related Email Hosting service moves along with it. Moving it to
            // Yolanda fails: Xavier, another customer of Reseller B, has Email Hosting on the same domain.
            certificate(1001, "sunrise-bakery.com", alice, state: "issued", validFor: 190)
            order(1002, "email_hosting", "sunrise-bakery.com", alice)
            order(2001, "email_hosting", "sunrise-bakery.com", xavier)
            // Ready to move; waiting for a CSR.
            certificate(1003, "bluebird-studio.com", alice, state: "awaiting_csr", type: "ov")
            // Suspended: must be unsuspended by the reseller first.
            certificate(1005, "quiet-harbor.net", alice, state: "issued", validFor: 150, status: "suspended")
            // A related Web Hosting service is being processed.
            // Subscription until 250 days from now; its certificate ends in 5 days: the reissue is overdue.
            certificate(1006, "maple-leaf-tea.com", alice, state: "issued", validFor: 250, issuedDaysAgo: 195)
            order(1007, "web_hosting", "maple-leaf-tea.com", alice, processing: "Renewal")
            // A pending invoice; the certificate expires within 30 days.
            certificate(1008, "copper-kettle.org", alice, state: "expiring", validFor: 12)
            invoice(1008, amount: 4999, status: "pending", issuedDaysAgo: 2)
            // In its money-back period.
            certificate(1009, "fresh-start.io", alice, state: "validating", type: "wildcard", moneyBackFor: 20)
            // TLD rules: each certificate has a domain order on the same name in Alice's panel.
            certificate(1010, "oldtown-books.co.uk", alice, state: "issued", validFor: 180)
            order(1011, "domain", "oldtown-books.co.uk", alice)
            certificate(1012, "kiwi-surf.co.nz", alice, state: "issued", validFor: 190)
            order(1013, "domain", "kiwi-surf.co.nz", alice)
            certificate(1014, "northern-lights.ca", alice, state: "issued", validFor: 210, issuedDaysAgo: 30)
            order(1015, "domain", "northern-lights.ca", alice)
            certificate(1016, "tapas-bar.es", alice, state: "issued", validFor: 220, issuedDaysAgo: 30)
            order(1017, "domain", "tapas-bar.es", alice)
            // .EU, domain order not yet moved: the certificate cannot move before it.
            certificate(1018, "euro-parts.eu", alice, state: "issued", validFor: 230, issuedDaysAgo: 30)
            order(1019, "domain", "euro-parts.eu", alice)
            // .EU, domain order already moved to Bob: the certificate may now follow it.
            certificate(1020, "euro-tools.eu", alice, state: "issued", validFor: 240, issuedDaysAgo: 30)
            order(1021, "domain", "euro-tools.eu", bob)
            // Third-level .ME: the target's default registrant must be Montenegrin (Milan is, Bob is not).
            certificate(1022, "adriatic.co.me", alice, state: "issued", validFor: 260, issuedDaysAgo: 30)
            order(1023, "domain", "adriatic.co.me", alice)
            // .TEL: a registrant change means updating the .TEL hosting e-mail address.
            certificate(1024, "call-me.tel", alice, state: "issued", validFor: 270, issuedDaysAgo: 30)
            order(1025, "domain", "call-me.tel", alice)
            // .DE (an IDN): the target needs a German registrant or admin contact (Bob has, Carol has not).
            certificate(1026, "bäckerei-müller.de", alice, state: "issued", type: "ov", validFor: 280, issuedDaysAgo: 30)
            order(1027, "domain", "bäckerei-müller.de", alice)
            // .ASIA with a CED contact as registrant.
            certificate(1028, "lantern-trading.asia", alice, state: "issued", validFor: 290, issuedDaysAgo: 30, registrant: 2)
            order(1029, "domain", "lantern-trading.asia", alice, registrant: 2)
            // Expired certificate.
            certificate(1030, "retired-site.com", alice, state: "expired", validFor: -10, status: "expired")
            // A multi-domain certificate under a three-year subscription; its certificate ends in 29 days.
            certificate(1032, "grand-hotel.com", alice, state: "issued", type: "multi_domain", validFor: 930, issuedDaysAgo: 171)
            // A domain Reseller B asked to take over from ALVO (incoming for ALVO to approve), with auth code.
            order(1031, "domain", "alpine-gear.com", alice)
            transferRequests.append(.init(id: 1, order: 1031, from: 1, to: 2, toCustomer: xavier, authCode: "Alp1ne-Gear-Auth", noRenew: false,
                                          state: "pending", requested: day(-2), decided: nil))

            // Bob, Carol, Milan, Kim and the others own a few orders of their own.
            certificate(1101, "bobs-bikes.de", bob, state: "issued", validFor: 100)
            order(1102, "domain", "bobs-bikes.de", bob)
            certificate(1201, "carol-photo.com", carol, state: "expiring", validFor: 25)
            certificate(1301, "budva-apartments.me", milan, state: "issued", validFor: 150)
            certificate(5001, "東京ラーメン.jp", kim, state: "issued", validFor: 210, issuedDaysAgo: 30)
            order(5002, "domain", "東京ラーメン.jp", kim)

            // Reseller B's domains: ALVO asks for one without auth code, Keystone for one with (NORENEW=1).
            order(2002, "domain", "harbor-lights.com", xavier, lock: false)
            order(2003, "domain", "blue-lagoon.net", zoe, lock: false)
            transferRequests.append(.init(id: 2, order: 2002, from: 2, to: 1, toCustomer: bob, authCode: nil, noRenew: false,
                                          state: "pending", requested: day(-3), decided: nil))
            transferRequests.append(.init(id: 3, order: 2003, from: 2, to: 5, toCustomer: kim, authCode: "Blue-Lagoon-42", noRenew: true,
                                          state: "pending", requested: day(-1), decided: nil))
            certificate(2004, "paella-house.es", yolanda, state: "issued", validFor: 120)
            // Free to request: no transfer pending, not locked (the request form's example).
            order(2005, "domain", "olive-grove.com", yolanda, lock: false)
            // Its certificate expired 5 days ago while the subscription runs on: it needs a reissue, not a renewal.
            certificate(3001, "green-valley.org", grace, state: "expired", validFor: 200, issuedDaysAgo: 205)
            order(4001, "domain", "fjord-cabins.se", nina)
            order(6001, "domain", "desert-rose.com", omar)
            // A credited invoice, as after a push.
            invoice(2002, amount: 1299, status: "credited", issuedDaysAgo: 40)
        }
    }
}
