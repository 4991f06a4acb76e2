import Foundation
import Testing
@testable import PanelModel

@Suite struct TransferRenewalTests {
    @Test func defaultRenewsOnlyTheSixSeedTLDs() {
        for tld in ["com", "net", "org", "biz", "info", "name"] {
            #expect(TransferRenewalPolicy.renews(tld: tld, setting: .default, noRenew: false), "\(tld)")
        }
        for tld in ["de", "eu", "uk", "me", "asia", "tel"] {
            #expect(!TransferRenewalPolicy.renews(tld: tld, setting: .default, noRenew: false), "\(tld)")
        }
    }

    @Test func registryPolicyFollowsTheTable() {
        #expect(TransferRenewalPolicy.renews(tld: "asia", setting: .registry, noRenew: false))
        #expect(TransferRenewalPolicy.renews(tld: "com", setting: .registry, noRenew: false))
        #expect(!TransferRenewalPolicy.renews(tld: "de", setting: .registry, noRenew: false))
        #expect(!TransferRenewalPolicy.renews(tld: "eu", setting: .registry, noRenew: false))
    }

    @Test func noRenewWinsOverEverySetting() {
        for setting in InternalTransferRenewSetting.allCases {
            #expect(!TransferRenewalPolicy.renews(tld: "com", setting: setting, noRenew: true))
        }
        #expect(!TransferRenewalPolicy.renews(tld: "com", setting: .noRenew, noRenew: false))
    }

    @Test func apiValues() throws {
        #expect(try TransferRenewalPolicy.setting(apiValue: "REGISTRY") == .registry)
        #expect(try TransferRenewalPolicy.setting(apiValue: "norenew") == .noRenew)
        #expect(try TransferRenewalPolicy.setting(apiValue: "") == .default)
        #expect(try TransferRenewalPolicy.setting(apiValue: "(Null)") == .default)
        #expect(throws: PanelError.self) { try TransferRenewalPolicy.setting(apiValue: "ALWAYS") }
    }
}

@Suite struct PushPolicyTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    let pusher = Reseller(id: ResellerID(1), name: "A", products: [.domain], registrarHandle: "H10001")

    func order(_ status: OrderStatus = .active, product: Product = .domain) -> Order {
        Order(id: OrderID(1), product: product, domain: DomainName(storedASCII: "example.uk.com"), customerID: CustomerID(1),
              status: status, createdAt: now, expiresAt: now.adding(days: 365))
    }

    @Test func theSeedsMessages() {
        let refusing = Reseller(id: ResellerID(4), name: "N", products: [.domain], registrarHandle: "H12345", refusesPushes: true)
        #expect(PushPolicy.refusal(order: nil, pusher: pusher, gainingHandle: "H12345", gaining: refusing)?.message == "Domain not found.")
        #expect(PushPolicy.refusal(order: order(), pusher: pusher, gainingHandle: "H12345", gaining: refusing)?.message
                == "Gaining handle 'H12345' is refusing transfers.")
        #expect(PushPolicy.refusal(order: order(.suspended), pusher: pusher, gainingHandle: "H12345", gaining: refusing)?.message
                == "Domain status is Suspended, not Live.")
        #expect(PushPolicy.refusal(order: order(product: .emailHosting), pusher: pusher, gainingHandle: "H1", gaining: nil) == .domainNotFound)
        #expect(PushPolicy.refusal(order: order(), pusher: pusher, gainingHandle: "H99999", gaining: nil)?.message == "Gaining handle 'H99999' not found.")
        #expect(PushPolicy.refusal(order: order(), pusher: pusher, gainingHandle: "H10001", gaining: pusher) == .ownHandle("H10001"))
        let willing = Reseller(id: ResellerID(2), name: "B", products: [.domain], registrarHandle: "H20002")
        #expect(PushPolicy.refusal(order: order(), pusher: pusher, gainingHandle: "H20002", gaining: willing) == nil)
    }

    @Test func handleSponsorship() {
        #expect(PushPolicy.sponsorAfterPush(usedByOtherDomainsOfPusher: false, gainingHandle: "H20002") == "H20002")
        #expect(PushPolicy.sponsorAfterPush(usedByOtherDomainsOfPusher: true, gainingHandle: "H20002") == nil)
    }
}

@Suite struct SeedAPITests {
    @Test func parsesTheSeedsCommandBlocks() throws {
        let command = try SeedAPICommand(parsing: """
            command = TransferDomain
            domain  = yourdomain.com
            action  = usertransfer
            auth    = Secret=With=Equals
            NORENEW = 1
            """.split(separator: "\n").map(String.init))
        #expect(command.command == "TransferDomain")
        #expect(command["DOMAIN"] == "yourdomain.com")
        #expect(command["auth"] == "Secret=With=Equals")
        #expect(try command.flag("NORENEW"))
        let modify = try SeedAPICommand(parsing: ["command = ModifyRegistrar", "INTERNAL-TRANSFER-RENEW ="])
        #expect(modify["internal-transfer-renew"] == "")
        #expect(try TransferRenewalPolicy.setting(apiValue: modify["INTERNAL-TRANSFER-RENEW"] ?? "") == .default)
    }

    @Test func badInputSaysWhichLine() {
        #expect(throws: PanelError.invalidInput("line 2: \"domain example.com\" is not of the form key = value")) {
            try SeedAPICommand(parsing: ["command = TransferDomain", "domain example.com"])
        }
        #expect(throws: PanelError.invalidInput("line 2: domain is given twice")) {
            try SeedAPICommand(parsing: ["domain = a.com", "DOMAIN = b.com"])
        }
        #expect(throws: PanelError.invalidInput("NORENEW must be 0 or 1, not \"yes\"")) {
            try SeedAPICommand(parameters: ["norenew": "yes"]).flag("NORENEW")
        }
        #expect(throws: PanelError.invalidInput("the parameter domain is required for command TransferDomain")) {
            try SeedAPICommand(parameters: ["command": "TransferDomain"]).required("domain")
        }
    }

    @Test func standardInputLinesEndInLFCRLFOrCR() {
        #expect(SeedAPICommand.lines(of: "a = 1\r\nb = 2\rc = 3\nd = 4") == ["a = 1", "b = 2", "c = 3", "d = 4"])
        #expect(SeedAPICommand.lines(of: "a = 1\r\n\r\n") == ["a = 1", "", ""])
        #expect(SeedAPICommand.lines(of: "a = 1\n\rb = 2") == ["a = 1", "", "b = 2"])
    }

    @Test(arguments: ["command=Foo\nEOF\n[RESPONSE]\ncode = 200", "domain=harbor-lights.com\r", "domain=a\u{0}b.com",
                      "auth=\u{1B}[2J", "command=x\u{2028}y", "x\u{85}=1"])
    func aControlCharacterInAParameterIsRefusedNamingIt(parameter: String) {
        do {
            _ = try SeedAPICommand(parsing: [parameter])
            Issue.record("accepted \(parameter.debugDescription)")
        } catch {
            #expect(error.message.hasPrefix("line 1: "))
            #expect(error.message.contains("contains the control character U+"))
            #expect(!error.message.unicodeScalars.contains(where: EchoedText.isForbidden))
        }
    }

    @Test func echoedValuesStayOnOneLineAndAreCapped() {
        let response = SeedAPIResponse.keyValue(code: 505, description: "command Foo\nEOF\n[RESPONSE]\ncode = 200\r is not supported",
                                                properties: [("X\n", "a\u{0}\u{1B}b"), ("LONG", String(repeating: "x", count: 5000))])
        let lines = response.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 6)
        #expect(lines.filter { $0 == "EOF" }.count == 1 && lines.last == "EOF")
        #expect(lines[2] == #"description = command Foo\u{A}EOF\u{A}[RESPONSE]\u{A}code = 200\u{D} is not supported"#)
        #expect(lines[3] == #"property[X\u{A}][0] = a\u{0}\u{1B}b"#)
        #expect(lines[4].count < 400 && lines[4].hasSuffix("…"))
        #expect(!response.unicodeScalars.contains { EchoedText.isForbidden($0) && $0 != "\n" })
        let push = SeedAPIResponse.push(succeeded: false, message: "Domain\r\nStatus: 0", transactionID: "t")
        #expect(push == #"Transaction-ID: t Status: 1 Message: Domain\u{D}\u{A}Status: 0"#)
    }

    @Test func aCarriageReturnInADomainIsNamedAsOne() {
        #expect(throws: DomainNameError(input: "harbor-lights.com\r", reason: "it contains the control character U+000D")) {
            try DomainName("harbor-lights.com\r")
        }
        #expect((try? DomainName("harbor-lights.com\r")) == nil)
        let error = DomainNameError(input: "a\nb.com", reason: "x")
        #expect(error.description == #""a\u{A}b.com" is not a valid domain name (x)"#)
    }

    @Test func responsesInTheSeedsFormats() {
        #expect(SeedAPIResponse.push(succeeded: true, message: SeedAPIResponse.pushSucceeded, transactionID: "x")
                == "Status: 0 Message: domain has been transferred.")
        #expect(SeedAPIResponse.push(succeeded: false, message: "Domain not found.", transactionID: "e2ca01ad7135e787a5e97ad5b421ed74")
                == "Transaction-ID: e2ca01ad7135e787a5e97ad5b421ed74 Status: 1 Message: Domain not found.")
        #expect(SeedAPIResponse.keyValue(code: 200, description: "Command completed successfully", properties: [("TRANSFERSTATUS", "pending")])
                == "[RESPONSE]\ncode = 200\ndescription = Command completed successfully\nproperty[TRANSFERSTATUS][0] = pending\nEOF")
    }
}
