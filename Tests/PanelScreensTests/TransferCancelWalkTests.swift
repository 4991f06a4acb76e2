import Foundation
import Testing
import PanelModel
import PanelStore
import Terminal
@testable import PanelScreens

/// The requester withdraws its own pending request from the Internal Transfers screen's
/// outgoing table: c asks first, the safe button has the focus, and the reload keeps the row.
@Suite struct TransferCancelWalkTests {
    let alvo = Principal.reseller(ResellerID(1))

    func state(_ harness: ScreenHarness, _ domain: String) throws -> InternalTransferState {
        try harness.database.internalTransferStatus(domain: domain, as: .operator).state
    }

    @Test func theRequesterCancelsAnOutgoingRequestAfterAConfirmation() throws {
        let harness = try ScreenHarness(as: alvo)
        harness.press(.char("T"))
        #expect(!harness.lines.contains { $0.hasPrefix("▶") && $0.contains("harbor-lights.com") })   // not selected before Tab
        harness.press(.tab)
        #expect(harness.lines.contains { $0.hasPrefix("▶") && $0.contains("harbor-lights.com") && $0.contains("pending") })
        let before = try harness.database.contentDump()
        harness.press(.char("c"))
        #expect(harness.contains("Cancel your request for the internal transfer of"))
        #expect(harness.contains("harbor-lights.com from Reseller B Hosting (2)?"))
        #expect(harness.contains("< Keep it >"))                  // the safe choice is focused
        harness.press(.enter)                                     // Keep it: nothing written
        #expect(try harness.database.contentDump() == before)
        harness.press(.char("c"), .escape)                        // Back: nothing written either
        #expect(try harness.database.contentDump() == before)
        harness.press(.char("c"), .left, .enter)                  // Cancel request
        #expect(try state(harness, "harbor-lights.com") == .cancelled)
        #expect(harness.contains("Transfer request cancelled: harbor-lights.com stays with"))
        // Reloaded: the row shows its new state and keeps the selection.
        #expect(harness.lines.contains { $0.hasPrefix("▶") && $0.contains("harbor-lights.com") && $0.contains("cancelled") })
        // A decided request cannot be cancelled: the model's reason, and no dialog.
        harness.press(.char("c"))
        #expect(harness.contains("This transfer request is already cancelled; nothing more can be done with it."))
        #expect(!harness.contains("Cancel your request"))
    }

    @Test func theSelectionFollowsTheRequestAcrossAReload() throws {
        let harness = try ScreenHarness(as: alvo)
        // A second outgoing request, newer, so harbor-lights.com is the second row.
        _ = try harness.database.requestInternalTransfer(domain: "olive-grove.com", receivingCustomer: CustomerID(DemoWorld.bob), authCode: nil,
                                                         noRenew: false, as: alvo, clock: FixedClock(ScreenHarness.now))
        harness.press(.char("T"), .tab, .down)
        #expect(harness.lines.contains { $0.hasPrefix("▶") && $0.contains("harbor-lights.com") })
        // Another request arrives elsewhere; the reload puts a new row on top.
        _ = try harness.database.cancelInternalTransfer(domain: "olive-grove.com", as: alvo, clock: FixedClock(ScreenHarness.now))
        _ = try harness.database.requestInternalTransfer(domain: "olive-grove.com", receivingCustomer: CustomerID(DemoWorld.bob), authCode: nil,
                                                         noRenew: false, as: alvo, clock: FixedClock(ScreenHarness.now))
        harness.press(.ctrl("r"))
        #expect(harness.lines.contains { $0.hasPrefix("▶") && $0.contains("harbor-lights.com") })
        harness.press(.char("c"), .left, .enter)
        #expect(try state(harness, "harbor-lights.com") == .cancelled)
        #expect(try state(harness, "olive-grove.com") == .pending)
    }

    @Test func theHolderHasNoOutgoingRequestToCancelHere() throws {
        // Reseller 4 (Nordic) made no request: c says so, and a and x still say what is missing.
        let harness = try ScreenHarness(as: .reseller(ResellerID(4)))
        harness.press(.char("T"), .char("c"))
        #expect(harness.contains("You have no outgoing request to cancel."))
    }
}
