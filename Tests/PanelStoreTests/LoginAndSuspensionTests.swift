import Foundation
import Testing
import PanelModel
@testable import PanelStore

@Suite struct LoginTests {
    let world: TemporaryDatabase
    var database: PanelDatabase { world.database }
    init() throws { world = try TemporaryDatabase.demo() }

    func attempt(_ username: String, _ password: String, at now: Date = TestClock.now) -> Result<Principal, PanelError> {
        Result { try database.login(username: username, password: password, clock: FixedClock(now)) }
            .mapError { $0 as! PanelError }
    }

    @Test func rightCredentialsGiveTheCustomerPrincipal() throws {
        #expect(try attempt("Alice@Example.com", DemoWorld.password).get() == .customer(CustomerID(DemoWorld.alice)))
    }

    @Test func wrongUsernameAndWrongPasswordReadTheSame() throws {
        let unknownUser = attempt("nobody@example.com", DemoWorld.password)
        let wrongPassword = attempt("alice@example.com", "not-the-password")
        #expect(unknownUser == .failure(.refused(LoginPolicy.wrongCredentials)))
        #expect(wrongPassword == unknownUser)
    }

    @Test func fiveFailuresLockTheAccountForFifteenMinutes() throws {
        for _ in 1..<LoginPolicy.maximumFailures {
            #expect(attempt("alice@example.com", "wrong") == .failure(.refused(LoginPolicy.wrongCredentials)))
        }
        guard case .failure(let fifth) = attempt("alice@example.com", "wrong") else { Issue.record("not locked"); return }
        #expect(fifth.message.hasPrefix("This account is locked after 5 failed logins in a row. Try again in 15 minutes"))
        // Locked: even the right password is refused, and says so.
        let during = attempt("alice@example.com", DemoWorld.password, at: TestClock.now.addingTimeInterval(14 * 60))
        guard case .failure(let locked) = during else { Issue.record("should still be locked"); return }
        #expect(locked.message.contains("Try again in 1 minute "))
        // After 15 minutes the right password works and the counter starts again.
        #expect(try attempt("alice@example.com", DemoWorld.password, at: TestClock.now.addingTimeInterval(15 * 60 + 1)).get()
                == .customer(CustomerID(DemoWorld.alice)))
        #expect(try database.auditEntries(subject: "customer:\(DemoWorld.alice)").map(\.action).contains("auth.locked"))
    }

    @Test func anUnknownUsernameLocksExactlyLikeARealAccount() throws {
        // Six wrong attempts, then one after the lock is over: the answers must not tell
        // whether the account exists.
        func answers(_ username: String) -> [String] {
            var messages = (0...LoginPolicy.maximumFailures).map { _ in Self.message(attempt(username, "wrong")) }
            messages.append(Self.message(attempt(username, "wrong", at: TestClock.now.addingTimeInterval(LoginPolicy.lockDuration + 1))))
            return messages
        }
        let real = answers("alice@example.com")
        let unknown = answers("Nobody@Example.com")
        #expect(unknown == real)
        #expect(real.count == 7)
        #expect(real.prefix(4).allSatisfy { $0 == LoginPolicy.wrongCredentials })
        #expect(real[4].hasPrefix("This account is locked after 5 failed logins in a row. Try again in 15 minutes"))
        #expect(real[5] == real[4])
        #expect(real[6] == LoginPolicy.wrongCredentials)
        #expect(try database.auditEntries(subject: "username:nobody@example.com").map(\.action) == ["auth.locked"])
    }

    @Test func onlyTheDemoWorldOffersItsLogins() throws {
        let seeded = try TemporaryDatabase()
        try DemoWorld.seed(into: seeded.database, now: TestClock.now, keySeed: DemoWorld.reproducibleKeySeed)
        #expect(try seeded.database.holdsDemoWorld())
        // A fixture loaded into a database is not the demo world, however alike (no demo CA).
        #expect(try database.holdsDemoWorld() == false)
        let empty = try TemporaryDatabase()
        #expect(try empty.database.holdsDemoWorld() == false)
        #expect(DemoWorld.logins.first == "alice@example.com")
        #expect(!DemoWorld.logins.contains("erin@example.com"))   // suspended: cannot log in
        for username in DemoWorld.logins {
            #expect(throws: Never.self, "\(username) logs in") { try attempt(username, DemoWorld.password).get() }
        }
    }

    static func message(_ result: Result<Principal, PanelError>) -> String {
        switch result {
        case .success(let principal): "logged in as \(principal)"
        case .failure(let failure): failure.message
        }
    }

    @Test func aSuccessResetsTheFailureCount() throws {
        for _ in 1..<LoginPolicy.maximumFailures { _ = attempt("bob@example.net", "wrong") }
        _ = try attempt("bob@example.net", DemoWorld.password).get()
        for _ in 1..<LoginPolicy.maximumFailures {
            #expect(attempt("bob@example.net", "wrong") == .failure(.refused(LoginPolicy.wrongCredentials)))
        }
    }

    @Test func suspendedAndDeletedCustomersAreToldWhy() throws {
        #expect(attempt("erin@example.com", DemoWorld.password)
                == .failure(.refused("This customer account is suspended. Ask your reseller, ALVO Business Solutions, Corp., to reactivate it.")))
        guard case .failure(let deleted) = attempt("dave@example.com", DemoWorld.password) else { Issue.record("deleted logged in"); return }
        #expect(deleted.message.hasPrefix("This customer account has been deleted"))
        // Without the right password the status is not disclosed.
        #expect(attempt("dave@example.com", "wrong") == .failure(.refused(LoginPolicy.wrongCredentials)))
    }
}

@Suite struct SuspensionTests {
    let world: TemporaryDatabase
    var database: PanelDatabase { world.database }
    init() throws { world = try TemporaryDatabase.demo() }

    @Test func aResellerUnsuspendsWithAReasonAndItIsAudited() throws {
        let reseller = Principal.reseller(ResellerID(1))
        let transaction = try database.change(.unsuspend, order: OrderID(1005), reason: "Payment received", as: reseller,
                                              clock: FixedClock(TestClock.now))
        #expect(try database.orderDetail(OrderID(1005), as: .operator).order.status == .active)
        let entry = try #require(try database.auditEntries(subject: "order:1005").first)
        #expect(entry.transactionID == transaction)
        #expect(entry.principal == "reseller:1")
        #expect(entry.action == "order.unsuspend")
        #expect(entry.summary == "suspended → active: Payment received")
        #expect(transaction.count == 32)
    }

    @Test func orderDetailsCarryTheReasonOfTheLatestSuspension() throws {
        let reseller = Principal.reseller(ResellerID(1))
        let clock = FixedClock(TestClock.now)
        #expect(try database.orderDetail(OrderID(1001), as: reseller).suspensionReason == nil)
        try database.change(.suspend, order: OrderID(1001), reason: "  Fraud check: card reported stolen ", as: reseller, clock: clock)
        #expect(try database.orderDetail(OrderID(1001), as: .customer(CustomerID(DemoWorld.alice))).suspensionReason
                == "Fraud check: card reported stolen")
        try database.change(.unsuspend, order: OrderID(1001), reason: "Cleared", as: reseller, clock: clock)
        #expect(try database.orderDetail(OrderID(1001), as: reseller).suspensionReason == nil)
        try database.change(.suspend, order: OrderID(1001), reason: "Second chargeback", as: reseller, clock: clock)
        #expect(try database.orderDetail(OrderID(1001), as: reseller).suspensionReason == "Second chargeback")
    }

    @Test func aResellerIsReadableByItselfAndOperatorsOnly() throws {
        #expect(try database.reseller(ResellerID(1), as: .operator).name == "ALVO Business Solutions, Corp.")
        #expect(try database.reseller(ResellerID(1), as: .reseller(ResellerID(1))).name == "ALVO Business Solutions, Corp.")
        #expect(throws: PanelError.self) { try database.reseller(ResellerID(1), as: .reseller(ResellerID(2))) }
        #expect(throws: PanelError.self) { try database.reseller(ResellerID(1), as: .customer(CustomerID(DemoWorld.alice))) }
    }

    @Test func aCustomerIsToldToAskItsReseller() throws {
        #expect(throws: PanelError.refused("Only your reseller can unsuspend this order. Ask ALVO Business Solutions, Corp. to unsuspend order 1005.")) {
            try database.change(.unsuspend, order: OrderID(1005), reason: "please", as: .customer(CustomerID(DemoWorld.alice)))
        }
    }

    @Test func theStatusMustFitTheChange() throws {
        #expect(throws: PanelError.self) { try database.change(.unsuspend, order: OrderID(1001), reason: "x", as: .operator) }
        #expect(throws: PanelError.self) { try database.change(.suspend, order: OrderID(1005), reason: "x", as: .operator) }
        #expect(throws: PanelError.self) { try database.change(.suspend, order: OrderID(1001), reason: "  ", as: .operator) }
        try database.change(.suspend, order: OrderID(1001), reason: "Abuse report", as: .operator)
        #expect(try database.orderDetail(OrderID(1001), as: .operator).order.status == .suspended)
    }

    @Test func anotherResellersOrderIsNotFound() throws {
        #expect(throws: PanelError.orderNotFound(OrderID(1005))) {
            try database.change(.unsuspend, order: OrderID(1005), reason: "x", as: .reseller(ResellerID(2)))
        }
    }

    @Test func theProfileShowsTheCustomerIDAndDefaultContacts() throws {
        let profile = try database.primaryProfile(as: .customer(CustomerID(DemoWorld.milan)))
        #expect(profile.customer.id == CustomerID(DemoWorld.milan))
        #expect(profile.customer.username.value == "milan@example.me")
        #expect(profile.defaultContacts[.registrant]?.country.code == "ME")
        #expect(profile.resellerName == "ALVO Business Solutions, Corp.")
    }
}
