import Testing
@testable import PanelModel

@Suite struct DomainNameTests {
    @Test func idnIsStoredAsALabelAndShownAsULabel() throws {
        let name = try DomainName("Bücher.de")
        #expect(name.ascii == "xn--bcher-kva.de")
        #expect(name.unicode == "bücher.de")
        #expect(name.isInternationalized)
        #expect(name.publicSuffix == "de")
        #expect(name.registrableDomain == "xn--bcher-kva.de")
    }

    @Test func aLabelInputReadsBackAsTheSameName() throws {
        #expect(try DomainName("xn--bcher-kva.de") == DomainName("bücher.de"))
    }

    @Test func thirdLevelMEComesFromThePublicSuffixList() throws {
        let third = try DomainName("example.co.me")
        #expect(third.publicSuffix == "co.me")
        #expect(third.isThirdLevelME)
        for suffix in ["net.me", "org.me", "its.me", "priv.me"] {
            #expect(try DomainName("shop.\(suffix)").isThirdLevelME, "\(suffix)")
        }
        let second = try DomainName("example.me")
        #expect(second.publicSuffix == "me")
        #expect(!second.isThirdLevelME)
        // A subdomain of a second-level .me name is not a third-level registration.
        #expect(try !DomainName("www.example.me").isThirdLevelME)
    }

    @Test func multiLabelSuffixes() throws {
        let name = try DomainName("www.example.co.uk")
        #expect(name.publicSuffix == "co.uk")
        #expect(name.registrableDomain == "example.co.uk")
        #expect(name.tld == "uk")
        #expect(try DomainName("example.co.uk").publicSuffix == "co.uk")
    }

    @Test func normalisesCaseAndTrailingDot() throws {
        #expect(try DomainName(" EXAMPLE.Com. ").ascii == "example.com")
    }

    @Test(arguments: [
        ("exa mple.com", "contains a space"),
        ("", "empty"),
        ("example", "at least two labels"),
        ("-bad.com", "starts or ends with a hyphen"),
        ("a..b.com", "empty label"),
        ("ex_ample.com", "letters, digits and hyphens"),
        ("example.notatld", "not a top-level domain"),
        ("co.uk", "is a public suffix"),
        ("example.123", "numeric"),
        (String(repeating: "a", count: 64) + ".com", "longer than 63"),
    ])
    func rejectsInvalidNames(input: String, reason: String) {
        #expect {
            try DomainName(input)
        } throws: { error in
            let text = "\(error)"
            return text.hasPrefix("\"\(input)\" is not a valid domain name") && text.contains(reason)
        }
    }

    @Test func rejectsNamesLongerThan253Characters() {
        let label = String(repeating: "a", count: 60)
        let long = [label, label, label, label, label, "com"].joined(separator: ".")
        #expect(throws: DomainNameError.self) { try DomainName(long) }
    }
}
