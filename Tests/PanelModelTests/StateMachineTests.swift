import Foundation
import Testing
@testable import PanelModel

@Suite struct CertificateLifecycleTests {
    @Test func happyPath() throws {
        var state = CertificateState.awaitingCSR
        state = try state.applying(.csrSubmitted)
        #expect(state == .validating)
        state = try state.applying(.validated)
        #expect(state == .issued)
        state = try state.applying(.enteredRenewalWindow)
        #expect(state == .expiring)
        state = try state.applying(.renewed)
        #expect(state == .issued)
        state = try state.applying(.reissueRequested)
        #expect(state == .awaitingCSR)
    }

    @Test func illegalTransitionsAreRefusedWithTheirNames() {
        #expect(throws: PanelError.refused("The certificate's state is Waiting for CSR; it cannot be validated now.")) {
            try CertificateState.awaitingCSR.applying(.validated)
        }
        #expect(throws: PanelError.self) { try CertificateState.revoked.applying(.renewed) }
        #expect(throws: PanelError.self) { try CertificateState.expired.applying(.csrSubmitted) }
    }

    @Test func timeStateUsesTheThirtyDayWindow() {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        #expect(CertificateState.timeState(validTo: now.adding(days: 31), now: now) == .issued)
        #expect(CertificateState.timeState(validTo: now.adding(days: 30), now: now) == .expiring)
        #expect(CertificateState.timeState(validTo: now.adding(days: 1), now: now) == .expiring)
        #expect(CertificateState.timeState(validTo: now.addingTimeInterval(-1), now: now) == .expired)
    }
}

@Suite struct InternalTransferTests {
    let requested = Date(timeIntervalSince1970: 1_800_000_000)

    func request(auth: Bool) -> InternalTransferRequest {
        InternalTransferRequest(id: TransferRequestID(1), domain: DomainName(storedASCII: "example.com"), orderID: OrderID(1),
                                fromResellerID: ResellerID(1), toResellerID: ResellerID(2), withAuthCode: auth, noRenew: false,
                                requestedAt: requested)
    }

    @Test func theSixthDayDecidesAnUnansweredRequest() throws {
        let pending = InternalTransferState.pending
        #expect(try pending.applying(.deadlinePassed(withAuthCode: false, domainLocked: false)) == .timedOut)
        #expect(try pending.applying(.deadlinePassed(withAuthCode: true, domainLocked: false)) == .completed)
        #expect(try pending.applying(.deadlinePassed(withAuthCode: true, domainLocked: true)) == .timedOut)
    }

    @Test func decidedRequestsCannotChangeAgain() throws {
        let approved = try InternalTransferState.pending.applying(.approve)
        #expect(approved == .completed)
        #expect(throws: PanelError.self) { try approved.applying(.deny) }
        #expect(try InternalTransferState.pending.applying(.deny) == .denied)
    }

    @Test func fiveDayWindow() {
        let request = request(auth: false)
        #expect(request.deadline == requested.addingTimeInterval(5 * 86_400))
        #expect(request.daysLeft(at: requested) == 5)
        #expect(request.daysLeft(at: requested.addingTimeInterval(4.5 * 86_400)) == 1)
        #expect(request.daysLeft(at: requested.addingTimeInterval(6 * 86_400)) == 0)
    }
}
