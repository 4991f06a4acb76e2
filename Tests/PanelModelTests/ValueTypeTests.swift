import Foundation
import Testing
@testable import PanelModel

@Suite struct ValueTypeTests {
    @Test func principalParsing() throws {
        #expect(try Principal(parsing: "customer:100001") == .customer(CustomerID(100001)))
        #expect(try Principal(parsing: "reseller:2") == .reseller(ResellerID(2)))
        #expect(try Principal(parsing: "operator") == .operator)
        for bad in ["customer", "customer:abc", "customer:-1", "admin:1", "", "operator:1"] {
            #expect(throws: PanelError.self, "\(bad)") { try Principal(parsing: bad) }
        }
        #expect(Principal.customer(CustomerID(7)).description == "customer:7")
    }

    @Test func emailAddressesAreLowerCasedAndChecked() throws {
        #expect(try EmailAddress("Alice@Example.COM").value == "alice@example.com")
        for bad in ["alice", "@example.com", "alice@", "a b@example.com", "alice@exa mple.com", "al..ice@example.com"] {
            #expect(throws: PanelError.self, "\(bad)") { try EmailAddress(bad) }
        }
    }

    @Test func countryCodes() throws {
        #expect(try CountryCode("me").code == "ME")
        #expect(throws: PanelError.self) { try CountryCode("XX") }
        #expect(throws: PanelError.self) { try CountryCode("DEU") }
    }

    @Test func moneyFormatsMinorUnits() throws {
        #expect(try Money(minorUnits: 4999, currency: "usd").description == "49.99 USD")
        #expect(try Money(minorUnits: 5, currency: "EUR").description == "0.05 EUR")
        #expect(throws: PanelError.self) { try Money(minorUnits: -1, currency: "USD") }
        #expect(throws: PanelError.self) { try Money(minorUnits: 1, currency: "US") }
    }

    @Test func phoneNumbersUseRegistryForm() {
        #expect(Contact.isValidPhone("+49.301234567"))
        #expect(!Contact.isValidPhone("030 1234567"))
        #expect(!Contact.isValidPhone("+49301234567"))
    }

    @Test func registrarHandles() {
        #expect(Reseller.isValidHandle("H12345"))
        #expect(!Reseller.isValidHandle("12345"))
        #expect(!Reseller.isValidHandle("H"))
        #expect(!Reseller.isValidHandle("H12a"))
    }

    @Test func errorsMapToExitCodes() {
        #expect(PanelError.refused("x").exitCode == 1)
        #expect(PanelError.invalidInput("x").exitCode == 2)
        #expect(PanelError.notFound("x").exitCode == 3)
    }

    @Test func moneyBackPeriod() {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        var order = Order(id: OrderID(1), product: .digitalCertificate, domain: DomainName(storedASCII: "example.com"),
                          customerID: CustomerID(1), createdAt: now.adding(days: -5), expiresAt: now.adding(days: 360))
        #expect(!order.isInMoneyBackPeriod(at: now))
        order.moneyBackUntil = now.adding(days: 1)
        #expect(order.isInMoneyBackPeriod(at: now))
        #expect(!order.isInMoneyBackPeriod(at: now.adding(days: 2)))
    }
}
