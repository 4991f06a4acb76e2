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

    @Test func responsesInTheSeedsFormats() {
        #expect(SeedAPIResponse.push(succeeded: true, message: SeedAPIResponse.pushSucceeded, transactionID: "x")
                == "Status: 0 Message: domain has been transferred.")
        #expect(SeedAPIResponse.push(succeeded: false, message: "Domain not found.", transactionID: "e2ca01ad7135e787a5e97ad5b421ed74")
                == "Transaction-ID: e2ca01ad7135e787a5e97ad5b421ed74 Status: 1 Message: Domain not found.")
        #expect(SeedAPIResponse.keyValue(code: 200, description: "Command completed successfully", properties: [("TRANSFERSTATUS", "pending")])
                == "[RESPONSE]\ncode = 200\ndescription = Command completed successfully\nproperty[TRANSFERSTATUS][0] = pending\nEOF")
    }
}
