import Foundation
import Testing
import PanelModel
import PanelStore
import Terminal
@testable import PanelScreens

@Suite struct LoginWalkTests {
    @Test func logInAndLandOnTheOrders() throws {
        let harness = try ScreenHarness(as: nil)
        harness.type("alice@example.com")
        harness.press(.tab)
        harness.type(DemoWorld.password)
        harness.press(.enter)
        #expect(harness.topTitle == "Orders")
        #expect(harness.contains("sunrise-bakery.com"))
        #expect(harness.session.principal == .customer(CustomerID(DemoWorld.alice)))
    }

    @Test func aPastedNewlineNeverSubmits() throws {
        let harness = try ScreenHarness(as: nil)
        harness.paste("alice@example.com\n")
        harness.press(.tab)
        harness.paste("\(DemoWorld.password)\n")
        #expect(harness.topTitle == "Login")
        #expect(harness.session.principal == nil)
        harness.press(.enter)
        #expect(harness.topTitle == "Orders")
    }

    @Test func typingQInAFieldDoesNotQuit() throws {
        let harness = try ScreenHarness(as: nil)
        harness.type("quinn?@example.com")
        #expect(harness.app.isRunning)
        #expect(harness.app.help == nil)
        #expect(harness.contains("quinn?@example.com"))
    }
}

@Suite struct OrdersWalkTests {
    let alice = Principal.customer(CustomerID(DemoWorld.alice))

    @Test func searchOpenAndBackKeepsTheSearchAndSelection() throws {
        let harness = try ScreenHarness(as: alice, size: Size(width: 100, height: 40))   // related services below the move pre-flight
        harness.press(.char("/"))
        harness.type("sunrise")
        harness.press(.enter, .down)        // leave the field, select the second row
        #expect(harness.contains("1-2 of 2"))
        harness.press(.enter)
        #expect(harness.topTitle == "Order 1002")
        #expect(harness.contains("Related services on sunrise-bakery.com"))
        #expect(harness.contains("1001  Digital Certificate"))
        harness.press(.escape)
        #expect(harness.topTitle == "Orders")
        #expect(harness.contains("sunrise"))
        harness.press(.enter)
        #expect(harness.topTitle == "Order 1002")
    }

    @Test func detailsShowInvoicesRelatedServicesAndBothDomainForms() throws {
        let harness = try ScreenHarness(as: alice, size: Size(width: 100, height: 40))   // invoices below the move pre-flight
        harness.openOrder(1026)
        #expect(harness.contains("bäckerei-müller.de  (A-label xn--bckerei-mller-bfb28a.de)"))
        #expect(harness.contains("INV-"))
        #expect(harness.contains("1027  Domain"))
        #expect(harness.contains("[m] Move Services"))
    }

    @Test func moveServicesIsDisabledWithItsReason() throws {
        let harness = try ScreenHarness(as: alice)
        harness.openOrder(1006)
        #expect(harness.contains("✗ Move Services: processing"))
        harness.press(.char("m"))
        #expect(harness.contains("Attention"))
        #expect(harness.contains("currently being processed"))
        #expect(harness.topTitle == "Order 1006")
    }

    @Test func filtersArePickedFromAListAndEscClearsThem() throws {
        let harness = try ScreenHarness(as: alice)
        harness.press(.char("p"))
        #expect(harness.contains("▶ All  ✓"))          // the current value is marked
        harness.press(.down, .enter)                   // Digital Certificate
        #expect(harness.contains("Product: Digital Certificate"))
        #expect(harness.contains("of 18"))
        harness.press(.char("s"), .down, .enter)       // Active
        #expect(harness.contains("Status: Active"))
        #expect(harness.contains("of 16"))
        #expect(harness.contains("Esc clears the filter"))
        harness.press(.char("s"), .escape)             // closing the picker changes nothing
        #expect(harness.contains("of 16"))
        harness.press(.escape)                         // Esc on the list clears it
        #expect(harness.contains("Product: All · Status: All · Sort: ID ↑"))
        #expect(harness.lines.contains { $0.contains("1002") && $0.contains("Email Hosting") })   // all products again
        #expect(!harness.contains("Esc clears the filter"))
    }

    @Test func everySortChoiceSorts() throws {
        let harness = try ScreenHarness(as: alice)
        for (index, label) in OrdersScreen.sorts.enumerated() {
            harness.press(.char("o"))
            for _ in 0..<index { harness.press(.down) }
            harness.press(.enter)
            let arrow = label.descending ? "↓" : "↑"
            let name = label.sort == .id ? "ID" : label.sort.rawValue.capitalized
            #expect(harness.contains("Sort: \(name) \(arrow)"), "\(label.label)")
            harness.press(.char("o"), .home)           // back to the first choice for the next round
            harness.press(.enter)
        }
        harness.press(.char("o"), .down, .enter)       // Order ID, highest first
        let rows = harness.lines.filter { $0.hasPrefix("▶ ") || $0.hasPrefix("  10") }
        #expect(rows.first?.contains("1032") == true)
    }

    @Test func anIDPrefixFindsTheOrdersAndTheListSaysSo() throws {
        let harness = try ScreenHarness(as: alice)
        harness.press(.char("/"))
        harness.type("10")
        #expect(harness.contains("Matching order IDs starting with 10"))
        #expect(harness.lines.contains { $0.contains("1001") && $0.contains("sunrise-bakery.com") })
        harness.type("0")
        #expect(harness.lines.contains { $0.contains("1003") && $0.contains("bluebird-studio.com") })
    }

    /// With jobs off the UI loop a keystroke's page arrives later: until then the list keeps
    /// what it showed (the screen driven by hand here, its job held back).
    @Test func typingKeepsTheRowsUntilTheNewPageArrives() throws {
        let harness = try ScreenHarness(as: alice)
        var screen = try #require(harness.app.stack.last as? OrdersScreen)
        let context = ScreenContext(size: Size(width: 100, height: 28), isCompact: false)
        func text(_ screen: OrdersScreen) -> String {
            var buffer = Buffer(size: Size(width: 100, height: 28))
            screen.view(into: &buffer, area: Rect(x: 0, y: 0, width: 100, height: 28), context: ViewContext(theme: .default, isCompact: false))
            return buffer.lines.joined(separator: "\n")
        }
        #expect(text(screen).contains("quiet-harbor.net"))
        _ = screen.update(.action("orders.search"), context: context)
        let effects = screen.update(.input(.key(.char("w"))), context: context)
        #expect(effects.count == 1)                        // the page job, not run yet
        #expect(text(screen).contains("quiet-harbor.net"))  // the old rows stay meanwhile
        guard case .perform(let job) = effects[0], let page = job.work() else { Issue.record("no page job"); return }
        _ = screen.update(.message(page), context: context)
        #expect(!text(screen).contains("quiet-harbor.net")) // replaced by the matches for "w"
        #expect(text(screen).contains("kiwi-surf.co.nz"))
    }

    /// Enter pressed before the new query's rows arrive opens the order the query found, not
    /// the one selected before it (typed fast in tmux, `/1019` Enter Enter opened 1001).
    @Test func enterBeforeTheNewRowsArriveOpensWhatTheQueryFound() throws {
        let harness = try ScreenHarness(as: alice)
        var screen = try #require(harness.app.stack.last as? OrdersScreen)
        let context = ScreenContext(size: Size(width: 100, height: 28), isCompact: false)
        _ = screen.update(.action("orders.search"), context: context)
        var jobs: [Effect] = []
        for character in "1019" { jobs = screen.update(.input(.key(.char(character))), context: context) }
        _ = screen.update(.action("orders.results"), context: context)
        #expect(screen.selectedOrder?.id == OrderID(1001))             // the old rows, still shown
        #expect(screen.update(.action("orders.open"), context: context).isEmpty)   // waits for the rows
        guard case .perform(let job)? = jobs.first, let page = job.work() else { Issue.record("no page job"); return }
        let opened = screen.update(.message(page), context: context)
        guard case .push(let details)? = opened.first else { Issue.record("nothing opened: \(opened)"); return }
        #expect(details.title == "Order 1019")
    }

    @Test func theRowCounterMatchesTheRowsShown() throws {
        let harness = try ScreenHarness(as: alice, size: Size(width: 100, height: 30))
        let shown = harness.lines.filter { $0.range(of: #"^(▶ |  )\d{4} "#, options: .regularExpression) != nil }.count
        #expect(harness.contains("1-\(shown) of 30"))
    }

    @Test func actionsWorkFromTheOrderList() throws {
        let harness = try ScreenHarness(as: alice)
        harness.press(.char("/"))
        harness.type("1003")
        harness.press(.enter)
        harness.press(.char("c"))                      // 1003 awaits its CSR
        #expect(harness.topTitle == "Enter CSR")
        harness.press(.escape)                         // nothing typed: no question
        #expect(harness.topTitle == "Order 1003")
        harness.press(.escape, .char("m"))
        #expect(harness.topTitle == "Move Services")
        harness.press(.escape, .escape, .char("v"))    // no certificate issued yet: says why
        #expect(harness.topTitle == "Certificate 1003")
        #expect(harness.contains("no certificate has been issued yet"))
    }

    @Test func actionsWorkFromTheSSLList() throws {
        let harness = try ScreenHarness(as: alice)
        harness.press(.char("C"), .char("o"))          // sorted by order: 1001 first
        #expect(harness.lines.contains { $0.hasPrefix("▶") && $0.contains("1001") })
        harness.press(.char("v"))
        #expect(harness.topTitle == "Certificate 1001")
        #expect(harness.contains("-----BEGIN CERTIFICATE-----"))
        harness.press(.escape, .char("R"))
        #expect(harness.contains("Reissue certificate"))
        harness.press(.escape, .escape, .char("c"))    // issued: no CSR now, and it says so
        #expect(harness.contains("no CSR can be entered now"))
    }

    @Test func aRowActionTheOrderDoesNotAllowSaysWhy() throws {
        let harness = try ScreenHarness(as: alice)
        harness.openOrder(1001)
        harness.press(.escape)                         // back on the list, 1001 selected
        harness.press(.char("c"))                      // 1001's certificate is issued: no CSR now
        #expect(harness.topTitle == "Order 1001")
        #expect(harness.contains("no CSR can be entered now"))
    }

    @Test func aPasteGoesToTheSearchNeverToShortcuts() throws {
        let harness = try ScreenHarness(as: alice)
        harness.paste("-----BEGIN CERTIFICATE REQUEST-----\nq?m/P\n-----END CERTIFICATE REQUEST-----\n")
        #expect(harness.app.isRunning)
        #expect(harness.app.help == nil)
        #expect(harness.topTitle == "Orders")
        #expect(harness.contains("No orders match"))
    }

    @Test func aCustomerIsToldToAskTheResellerAboutASuspendedOrder() throws {
        let harness = try ScreenHarness(as: alice)
        harness.openOrder(1005)
        #expect(harness.contains("Ask your reseller, ALVO Business Solutions, Corp., to unsuspend it"))
        harness.press(.char("U"))                        // not offered to customers
        #expect(harness.text.contains("Unsuspend") == false)
    }

    @Test func aResellerUnsuspendsWithAReason() throws {
        let harness = try ScreenHarness(as: .reseller(ResellerID(1)))
        harness.openOrder(1005)
        harness.press(.char("U"))
        #expect(harness.contains("Unsuspend order 1005"))
        harness.press(.enter, .enter)                    // no reason yet
        #expect(harness.contains("Give a reason first"))
        harness.type("Payment received")
        harness.press(.enter, .enter)
        #expect(harness.contains("✓ Active"))
        let entry = try #require(try harness.database.auditEntries(subject: "order:1005").first)
        #expect(entry.action == "order.unsuspend")
        #expect(entry.principal == "reseller:1")
    }
}

@Suite struct MoveWalkTests {
    let alice = Principal.customer(CustomerID(DemoWorld.alice))

    func form(_ harness: ScreenHarness, order: Int, username: String, id: String, retain: Bool = false) {
        harness.openOrder(order)
        harness.press(.char("m"))
        harness.type(username)
        harness.press(.tab)
        harness.type(id)
        harness.press(.tab)
        if retain { harness.press(.char(" ")) }
        harness.press(.tab, .enter)
    }

    @Test func confirmMovesTheOrderWithItsRelatedServices() throws {
        let harness = try ScreenHarness(as: alice)
        form(harness, order: 1001, username: "bob@example.net", id: "100002")
        #expect(harness.contains("Bob Schneider"))
        #expect(harness.contains("1001  Digital Certificate  sunrise-bakery.com"))
        #expect(harness.contains("1002  Email Hosting        sunrise-bakery.com"))   // aligned columns
        #expect(harness.contains("Contact details change to the Default Contacts of the new Customer."))
        harness.press(.enter)
        #expect(harness.contains("Transaction ID:"))
        let moved = try harness.database.orderDetail(OrderID(1002), as: .operator)
        #expect(moved.customer.id == CustomerID(DemoWorld.bob))
        #expect(moved.order.contacts.registrant == ContactID(3))
        harness.press(.enter)
        // Alice no longer owns the order: Done takes her to her order list, not to a dead end.
        #expect(harness.topTitle == "Orders")
        #expect(harness.contains("Order 1001 moved to bob@example.net"))
        #expect(!harness.contains("Order 1001 not found"))
    }

    /// On the confirmation q does what Esc does (the footer says "Esc/q Back"): back to the
    /// form with what was typed, not out of the screen.
    @Test func qOnTheConfirmationGoesBackToTheFormWithItsInput() throws {
        let harness = try ScreenHarness(as: alice)
        form(harness, order: 1001, username: "bob@example.net", id: "100002")
        #expect(harness.contains("Bob Schneider"))
        #expect(harness.lines.last?.contains("Esc/q Back") == true)
        harness.press(.char("q"))
        #expect(harness.topTitle == "Move Services")
        #expect(!harness.contains("Bob Schneider") && harness.contains("bob@example.net") && harness.contains("100002"))
        #expect(try harness.database.orderDetail(OrderID(1001), as: .operator).customer.id == CustomerID(DemoWorld.alice))
    }

    @Test func qAndEscAskBeforeLosingTheForm() throws {
        let harness = try ScreenHarness(as: alice)
        harness.openOrder(1001)
        harness.press(.char("m"))
        harness.type("bob@example.net")
        harness.press(.tab, .tab)                      // focus on the checkbox: q is a key here
        harness.press(.char("q"))
        #expect(harness.app.isRunning)
        #expect(harness.contains("will be lost"))
        harness.press(.enter)                          // Keep editing
        #expect(harness.topTitle == "Move Services")
        #expect(harness.contains("bob@example.net"))
        harness.press(.escape, .left, .enter)          // Esc, then Discard
        #expect(harness.topTitle == "Order 1001")
    }

    @Test func arrowsMoveBetweenFieldsAndSpaceTicks() throws {
        let harness = try ScreenHarness(as: alice)
        harness.openOrder(1001)
        harness.press(.char("m"), .down, .down)        // to the checkbox
        harness.press(.enter)                          // Enter moves on, it does not tick
        #expect(harness.contains("[ ] Retain existing contact details"))
        harness.press(.up, .char(" "))
        #expect(harness.contains("[x] Retain existing contact details"))
    }

    @Test func aSmallTerminalScrollsTheFormToWhatHasFocus() throws {
        let harness = try ScreenHarness(as: alice, size: Size(width: 40, height: 12))
        harness.openOrder(1001)
        harness.press(.char("m"))
        harness.type("grace@example.org")
        harness.press(.tab)
        harness.type("300001")
        harness.press(.tab, .tab)                      // Submit
        #expect(harness.contains("< Submit >") || harness.contains("[ Submit ]") || harness.contains("Submit"))
        harness.press(.enter)
        #expect(harness.contains("Attention"))         // the result of the submit is on screen
        #expect(harness.contains("↑ more"))
    }

    @Test func aSmallTerminalScrollsTheConfirmationAndKeepsItsButtons() throws {
        let harness = try ScreenHarness(as: alice, size: Size(width: 40, height: 12))
        form(harness, order: 1001, username: "bob@example.net", id: "100002")
        #expect(harness.contains("Confirm"))
        #expect(harness.contains("↓ more"))
        var sawEveryService = false
        for _ in 0..<12 {
            harness.press(.down)
            if harness.contains("1002") { sawEveryService = true }   // the related service, below the fold at first
        }
        #expect(sawEveryService)
        #expect(harness.contains("↑ more"))
        #expect(harness.contains("Confirm"))                 // the buttons never scroll away
    }

    @Test func atSixtyColumnsALabelNeverRunsIntoItsValue() throws {
        let harness = try ScreenHarness(as: alice, size: Size(width: 60, height: 24))
        harness.openOrder(1001)
        harness.press(.char("m"))
        harness.type("bob@example.net")
        #expect(harness.contains("Customer Username (Email Address)"))
        #expect(!harness.lines.contains { $0.contains("Address)bob") || $0.contains("Addre…bob") })
    }

    @Test func everyProblemGetsItsOwnAttentionBox() throws {
        let harness = try ScreenHarness(as: alice, size: Size(width: 100, height: 40))
        form(harness, order: 1026, username: "grace@example.org", id: "300001")
        #expect(harness.contains("Reseller has not signedup for this Product - Digital Certificate."))
        #expect(harness.contains(MoveServicesPolicy.germanContactRequired))
        #expect(harness.text.components(separatedBy: "! Attention").count - 1 == 2)
    }

    @Test func backFromTheConfirmationChangesNothing() throws {
        let harness = try ScreenHarness(as: alice)
        form(harness, order: 1003, username: "carol@example.org", id: "100003", retain: true)
        #expect(harness.contains("Contact details are retained"))
        harness.press(.escape)
        #expect(harness.contains("Customer Username (Email Address)"))
        #expect(try harness.database.orderDetail(OrderID(1003), as: .operator).customer.id == CustomerID(DemoWorld.alice))
    }
}

@Suite struct ModalKeyTests {
    @Test func escapeClosesTheReasonPromptNotTheScreen() throws {
        let harness = try ScreenHarness(as: .reseller(ResellerID(1)))
        harness.openOrder(1005)
        harness.press(.char("U"))
        harness.press(.escape)
        #expect(harness.topTitle == "Order 1005")
        #expect(!harness.contains("Unsuspend order 1005"))
    }

    @Test func qAndQuestionMarkBelongToAnOpenDialog() throws {
        let harness = try ScreenHarness(as: .customer(CustomerID(DemoWorld.alice)))
        harness.openOrder(1005)
        harness.press(.char("m"))                  // the Attention dialog
        harness.press(.char("q"), .char("?"))
        #expect(harness.app.isRunning)
        #expect(harness.app.help == nil)
        #expect(harness.contains("Attention"))
        harness.press(.escape)
        #expect(harness.topTitle == "Order 1005")
        #expect(!harness.contains("! Attention"))
    }
}

@Suite struct IdentityTests {
    @Test func theHeaderSaysWhoIsLoggedIn() throws {
        let harness = try ScreenHarness(as: nil)
        #expect(!harness.lines[0].contains("Customer ID"))
        harness.type("alice@example.com")
        harness.press(.tab)
        harness.type(DemoWorld.password)
        harness.press(.enter)
        #expect(harness.lines[0].hasSuffix("alice@example.com (Customer ID 100001) "))
        let reseller = try ScreenHarness(as: .reseller(ResellerID(1)))
        #expect(reseller.lines[0].hasSuffix("ALVO Business Solutions (reseller 1) "))
        // Short enough for the header to keep it at 80 columns.
        let narrow = try ScreenHarness(as: .reseller(ResellerID(1)), size: Size(width: 80, height: 24))
        #expect(narrow.lines[0].hasSuffix("ALVO Business Solutions (reseller 1) "))
    }
}

@Suite struct KeysWalkTests {
    /// A syntactically valid ssh-ed25519 public key line (type string, then 32 key bytes).
    static func ed25519Line(seed: UInt8, comment: String) -> String {
        func string(_ bytes: [UInt8]) -> [UInt8] {
            let n = UInt32(bytes.count)
            return [UInt8(n >> 24), UInt8((n >> 16) & 0xff), UInt8((n >> 8) & 0xff), UInt8(n & 0xff)] + bytes
        }
        let blob = string(Array("ssh-ed25519".utf8)) + string((0..<32).map { UInt8($0) &+ seed })
        return "ssh-ed25519 \(Data(blob).base64EncodedString()) \(comment)"
    }

    @Test func addByPasteThenRemoveAfterConfirmation() throws {
        let harness = try ScreenHarness(as: .customer(CustomerID(DemoWorld.alice)))
        harness.press(.char("K"))
        #expect(harness.topTitle == "Settings → SSH Keys")
        #expect(harness.contains("No SSH keys yet"))
        harness.press(.char("a"))
        harness.paste(Self.ed25519Line(seed: 7, comment: "alice@laptop") + "\n")   // the newline must not submit
        #expect(try harness.database.sshKeys(of: harness.session.principal, as: harness.session.acting).isEmpty)
        harness.press(.enter)
        let keys = try harness.database.sshKeys(of: harness.session.principal, as: harness.session.acting)
        #expect(keys.count == 1)
        #expect(harness.contains(keys[0].fingerprint))
        #expect(harness.contains("alice@laptop"))
        harness.press(.char("d"))
        #expect(harness.contains("Remove SSH key"))
        harness.press(.char("q"))                  // belongs to the dialog: no quit
        #expect(harness.app.isRunning)
        harness.press(.left, .enter)               // Cancel is focused first; Remove
        #expect(try harness.database.sshKeys(of: harness.session.principal, as: harness.session.acting).isEmpty)
        #expect(harness.contains("No SSH keys yet"))
    }

    @Test func aBadKeyIsRefusedWithTheReason() throws {
        let harness = try ScreenHarness(as: .customer(CustomerID(DemoWorld.alice)))
        harness.press(.char("K"), .char("a"))
        harness.paste("ssh-dss AAAAB3NzaC1kc3MAAACBAP")
        harness.press(.enter)
        #expect(harness.contains("This is not a usable SSH public key"))
        #expect(try harness.database.sshKeys(of: harness.session.principal, as: harness.session.acting).isEmpty)
    }
}

@Suite struct TransfersWalkTests {
    @Test func theLosingResellerApprovesAfterAConfirmation() throws {
        let harness = try ScreenHarness(as: .reseller(ResellerID(2)))
        harness.press(.char("T"))
        #expect(harness.topTitle == "Internal Transfers")
        #expect(harness.contains("harbor-lights.com"))
        #expect(harness.contains("blue-lagoon.net"))
        #expect(harness.contains("days left"))
        #expect(harness.contains("Renewal of incoming transfers: No renew"))
        // Requests are listed newest first: blue-lagoon.net (3), then harbor-lights.com (2).
        harness.press(.down, .char("a"))
        #expect(harness.contains("Approve the internal transfer of harbor-lights.com"))
        harness.press(.escape)                       // decide later: nothing happens
        #expect(try harness.database.internalTransferStatus(domain: "harbor-lights.com", as: .operator).state == .pending)
        harness.press(.char("a"), .left, .enter)     // Cancel is focused first; Approve
        #expect(try harness.database.internalTransferStatus(domain: "harbor-lights.com", as: .operator).state == .completed)
        #expect(try harness.database.orderDetail(OrderID(2002), as: .operator).customer.id == CustomerID(DemoWorld.bob))
        #expect(!harness.contains("harbor-lights.com  reseller 1"))
    }

    @Test func aResellerRequestsATransferFromTheForm() throws {
        let harness = try ScreenHarness(as: .reseller(ResellerID(1)))
        harness.press(.char("T"), .char("n"))
        #expect(harness.topTitle == "Request Internal Transfer")
        // Submit with nothing filled in: told what to enter, nothing written.
        harness.press(.tab, .tab, .tab, .tab, .enter)
        #expect(harness.contains("Enter the domain name you want to transfer"))
        #expect(harness.contains("Enter the Customer ID (digits only)"))
        harness.press(.backTab, .backTab, .backTab, .backTab)
        harness.type("olive-grove.com")
        harness.press(.tab)
        harness.type("100002")
        harness.press(.tab)
        harness.type("secret-q?")                 // q and ? are text in a field
        #expect(harness.contains("•••••••••"))     // the auth code is masked
        #expect(!harness.contains("secret-q?"))
        harness.press(.tab, .char(" "), .tab, .enter)
        #expect(harness.contains("Requested the internal transfer of olive-grove.com"))
        let request = try harness.database.internalTransferStatus(domain: "olive-grove.com", as: .operator)
        #expect(request.state == .pending && request.withAuthCode && request.noRenew)
        #expect(request.toCustomerID == CustomerID(DemoWorld.bob))
        harness.press(.enter)                      // back to the list, which shows the new outgoing request
        #expect(harness.topTitle == "Internal Transfers")
        #expect(harness.contains("olive-grove.com"))
    }

    @Test func aRefusedRequestShowsTheSeedsReasonAndWritesNothing() throws {
        let harness = try ScreenHarness(as: .reseller(ResellerID(6)))
        let before = try harness.database.contentDump()
        harness.press(.char("T"), .char("n"))
        harness.type("olive-grove.com")
        harness.press(.tab)
        harness.type(String(DemoWorld.omar))
        harness.press(.tab, .tab, .tab, .enter)
        #expect(harness.contains("Registry Account Management (RAM) can not use internal"))
        #expect(harness.topTitle == "Request Internal Transfer")
        #expect(try harness.database.contentDump() == before)
    }

    @Test func aPushIsTestedFirstAndOnlyConfirmPushes() throws {
        let harness = try ScreenHarness(as: .reseller(ResellerID(1)))
        harness.press(.char("T"), .char("p"))
        #expect(harness.topTitle == "Push Domain to Another Registrar")
        harness.type("alpine-gear.com")
        harness.press(.tab)
        harness.type("H12345")
        harness.press(.tab, .enter)
        #expect(harness.contains("Gaining handle 'H12345' is refusing transfers."))
        harness.press(.backTab)
        for _ in 0..<6 { harness.press(.backspace) }
        harness.type("H20002")
        let before = try harness.database.contentDump()
        harness.press(.tab, .enter)
        #expect(harness.contains("Test run: the push is allowed."))
        #expect(harness.contains("< Back >"))        // the safe choice is focused
        // The test run changed nothing but the audit log (it is audited as push.test).
        let unaudited = { (dump: [String]) in dump.filter { !$0.hasPrefix("audit_log ") } }
        #expect(unaudited(try harness.database.contentDump()) == unaudited(before))
        harness.press(.enter)                        // Back: still nothing pushed
        #expect(try harness.database.orderDetail(OrderID(1031), as: .reseller(ResellerID(1))).order.domain.ascii == "alpine-gear.com")
        harness.press(.enter, .left, .enter)         // test again, choose Push
        #expect(harness.contains("Status: 0 Message: domain has been transferred."))
        #expect(throws: PanelError.self) { try harness.database.orderDetail(OrderID(1031), as: .reseller(ResellerID(1))) }
        #expect(try harness.database.contentDump().contains { $0.hasPrefix("outbox ") && $0.contains("registrar:H20002") && $0.contains("alpine-gear.com") })
    }

    @Test func theRenewalSettingIsPickedAndConfirmed() throws {
        let harness = try ScreenHarness(as: .reseller(ResellerID(1)))
        harness.press(.char("T"))
        #expect(harness.contains("Renewal of incoming transfers: Default"))
        let before = try harness.database.contentDump()
        harness.press(.char("r"), .down, .enter)           // pick "Apply registry policy"
        #expect(harness.contains("Change the renewal setting"))
        harness.press(.enter)                              // Cancel has the focus: nothing changes
        #expect(try harness.database.contentDump() == before)
        #expect(harness.contains("Renewal of incoming transfers: Default"))
        harness.press(.char("r"), .down, .enter, .left, .enter)
        #expect(harness.contains("Renewal of incoming transfers: Apply registry policy"))
        #expect(harness.contains("Renewal setting changed to \"Apply registry policy\""))
        #expect(harness.contains("harbor-lights.com"))     // ALVO's outgoing request
    }

    @Test func theOtherResellerIsNamed() throws {
        let harness = try ScreenHarness(as: .reseller(ResellerID(2)))
        harness.press(.char("T"))
        #expect(harness.lines.contains { $0.contains("harbor-lights.com") && $0.contains("ALVO Business Solutions") })
        harness.press(.char("a"))                          // the dialog names it with its ID
        #expect(harness.contains("Approve transfer"))
        #expect(harness.contains("Keystone Web"))              // blue-lagoon.net, asked by Keystone, is first
    }

    @Test func aRequestDecidedElsewhereLeavesTheListAndTheSelectionStays() throws {
        let harness = try ScreenHarness(as: .reseller(ResellerID(2)))
        harness.press(.char("T"))
        #expect(harness.contains("harbor-lights.com"))
        // Reseller B's incoming requests; decide the first one on the command line's path.
        let incoming = try harness.database.internalTransfers(as: .reseller(ResellerID(2))).incoming.filter { $0.state == .pending }
        try #require(incoming.count >= 1)
        _ = try harness.database.decideInternalTransfer(domain: incoming[0].domain.ascii, approve: false, as: .reseller(ResellerID(2)),
                                                       clock: FixedClock(ScreenHarness.now))
        harness.press(.ctrl("r"))                          // what the idle check does on a change
        #expect(!harness.lines.contains { $0.contains(incoming[0].domain.unicode) && $0.contains("days left") })
        #expect(harness.lines.contains { $0.hasPrefix("▶") && $0.contains("days left") })   // a pending row stays selected
    }

    @Test func approvingARequestDecidedMeanwhileSaysSoAndReloads() throws {
        let harness = try ScreenHarness(as: .reseller(ResellerID(2)))
        harness.press(.char("T"))
        let pending = try harness.database.internalTransfers(as: .reseller(ResellerID(2))).incoming.filter { $0.state == .pending }
        try #require(!pending.isEmpty)
        harness.press(.char("a"))                          // the dialog opens on the first request
        _ = try harness.database.decideInternalTransfer(domain: pending[0].domain.ascii, approve: false, as: .reseller(ResellerID(2)),
                                                       clock: FixedClock(ScreenHarness.now))
        harness.press(.left, .enter)                       // Approve
        #expect(harness.lines.contains { $0.hasPrefix("✗ ") })   // the store's reason, on the error line
        #expect(!harness.lines.contains { $0.contains(pending[0].domain.unicode) && $0.contains("days left") })
    }
}
