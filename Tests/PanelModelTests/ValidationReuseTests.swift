import Foundation
import Testing
import PanelModel

/// When domain validation may be reused for a reissue, at each step of the SC-081v3 table,
/// and the words the panel uses for it.
@Suite struct ValidationReuseTests {
    func day(_ text: String) -> Date { ISO8601DateFormatter().date(from: text + "T00:00:00Z")! }

    /// The end of the reuse period agrees with `validationReusable` on both sides of it.
    func expectEnd(_ validated: Date, _ end: Date, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(ValidationReuse.reuseEnds(validatedAt: validated) == end, sourceLocation: sourceLocation)
        #expect(CertificateValidityTable.validationReusable(validatedAt: validated, issuingAt: end.addingTimeInterval(-1)), sourceLocation: sourceLocation)
        #expect(!CertificateValidityTable.validationReusable(validatedAt: validated, issuingAt: end), sourceLocation: sourceLocation)
    }

    @Test func theReuseEndsAtEachStepOfTheTable() {
        let noon = day("2025-01-10").addingTimeInterval(43_200)
        // 398 days before 2026-03-15 would reach into 2026, where 200 apply: validated in January 2025,
        // 398 days end on 2026-02-12 (still the 398-day rule).
        expectEnd(noon, noon.adding(days: 398))
        // Validated 2025-09-01: 398 days would end in October 2026, but from 2026-03-15 only 200
        // apply: the reuse ends when 200 days have passed, on 2026-03-20.
        let september = day("2025-09-01")
        expectEnd(september, day("2026-03-20"))
        // Validated 2025-06-01: past 200 days when the 200-day rule starts: it ends at the step.
        expectEnd(day("2025-06-01"), day("2026-03-15"))
        // Under the 200-day rule.
        let may = day("2026-05-14").addingTimeInterval(36_000)
        expectEnd(may, may.adding(days: 200))
        #expect(ValidationReuse.lastReusableDay(validatedAt: may).dayText == "2026-11-30")
        // The 100-day step (2027-03-15) and the 10-day step (2029-03-15).
        expectEnd(day("2027-01-01"), day("2027-04-11"))
        expectEnd(day("2029-03-01"), day("2029-03-15"))
        expectEnd(day("2029-04-01"), day("2029-04-11"))
    }

    @Test func aFirstIssueValidatesAndAReissueReusesOnlyWithinThePeriod() {
        let validated = day("2026-05-14").addingTimeInterval(36_000)
        let now = day("2026-11-20")
        #expect(ValidationReuse.decide(isReissue: false, validatedAt: validated, now: now) == .issue(validatedAt: now))
        #expect(ValidationReuse.decide(isReissue: true, validatedAt: nil, now: now) == .issue(validatedAt: now))
        #expect(ValidationReuse.decide(isReissue: true, validatedAt: validated, now: now) == .issue(validatedAt: validated))
        let end = validated.adding(days: 200)
        #expect(ValidationReuse.decide(isReissue: true, validatedAt: validated, now: end)
                == .validateAgain(validatedAt: validated, reusableUntil: end.addingTimeInterval(-1)))
    }

    @Test func theWordsNameTheDatesAndTheNextStep() {
        let validated = day("2026-05-14").addingTimeInterval(36_000)
        let until = ValidationReuse.lastReusableDay(validatedAt: validated)
        #expect(ValidationReuse.validateAgainMessage(order: OrderID(1032), validatedAt: validated, reusableUntil: until).hasPrefix(
            "The domain validation of 2026-05-14 could be reused until 2026-11-30; this reissue validates the domain again: publish the values of `certpanel dcv show 1032` (or d on the certificate) and run `certpanel dcv check 1032`."))
        #expect(ValidationReuse.statusLine(validatedAt: validated, now: day("2026-11-30"))
                == "Domain validated 2026-05-14 · reusable until 2026-11-30")
        #expect(ValidationReuse.statusLine(validatedAt: validated, now: day("2026-12-01"))
                == "Domain validated 2026-05-14 · reuse ended 2026-11-30: the next reissue validates again")
    }

    @Test func onlyAResellerOrOperatorConfirmsAWaitingEmailValidation() {
        let order = OrderID(1032)
        let email = DCVChoice(method: .email, approverEmail: "admin@grand-hotel.com")
        #expect(EmailValidationApproval.refusal(order: order, byCustomer: false, state: .validating, choice: email) == nil)
        #expect(EmailValidationApproval.refusal(order: order, byCustomer: true, state: .validating, choice: email)?.contains("Ask your reseller") == true)
        #expect(EmailValidationApproval.refusal(order: order, byCustomer: false, state: .issued, choice: email)?.contains("not waiting for domain validation") == true)
        #expect(EmailValidationApproval.refusal(order: order, byCustomer: false, state: .validating, choice: DCVChoice(method: .dns))?
            .contains("certpanel dcv check 1032") == true)
        #expect(EmailValidationApproval.refusal(order: order, byCustomer: false, state: .validating, choice: nil) != nil)
    }
}
