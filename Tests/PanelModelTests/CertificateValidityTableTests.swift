import Foundation
import Testing
@testable import PanelModel

/// SC-081v3's dated table, at each edge (UTC): the last second before a step, and its first.
@Suite struct CertificateValidityTableTests {
    func day(_ text: String) -> Date { ISO8601DateFormatter().date(from: text + "T00:00:00Z")! }

    @Test(arguments: [
        ("2026-03-15", 398, 398, 200, 200),
        ("2027-03-15", 200, 200, 100, 100),
        ("2029-03-15", 100, 100, 47, 10),
    ])
    func eachStepStartsAtMidnightUTCOfItsDay(edge: String, before: Int, reuseBefore: Int, on: Int, reuseOn: Int) {
        let start = day(edge)
        let lastSecondBefore = start.addingTimeInterval(-1)
        #expect(CertificateValidityTable.rule(on: lastSecondBefore).maxValidityDays == before)
        #expect(CertificateValidityTable.rule(on: lastSecondBefore).validationReuseDays == reuseBefore)
        #expect(CertificateValidityTable.rule(on: start.adding(days: -1)).maxValidityDays == before)   // the day before
        #expect(CertificateValidityTable.rule(on: start).maxValidityDays == on)                         // on the day
        #expect(CertificateValidityTable.rule(on: start).validationReuseDays == reuseOn)
        #expect(CertificateValidityTable.rule(on: start.addingTimeInterval(86_399)).maxValidityDays == on)
    }

    @Test func farBeforeAndAfterTheTable() {
        #expect(CertificateValidityTable.rule(on: day("2020-01-01")).maxValidityDays == 398)
        #expect(CertificateValidityTable.rule(on: day("2040-01-01")).maxValidityDays == 47)
        #expect(CertificateValidityTable.rule(on: day("2040-01-01")).validationReuseDays == 10)
    }

    @Test func aCertificateIsAsLongAsItsIssueDayAllowsNeverPastTheSubscription() {
        let issued = day("2026-06-13")
        let subscription = day("2028-06-13")
        // 200 days, counted inclusively as X.509 does: one second short of 200 × 86,400 s.
        let notAfter = CertificateValidityTable.notAfter(issuedAt: issued, subscriptionUntil: subscription)
        #expect(notAfter == day("2026-12-30").addingTimeInterval(-1))
        #expect(notAfter.timeIntervalSince(issued) + 1 == 200 * 86_400)
        // The subscription's end caps it.
        #expect(CertificateValidityTable.notAfter(issuedAt: issued, subscriptionUntil: day("2026-09-01")) == day("2026-09-01"))
        // Issued the day before the 2026 step: 398 days; on it: 200.
        let before = day("2026-03-14")
        #expect(CertificateValidityTable.notAfter(issuedAt: before, subscriptionUntil: subscription) == before.adding(days: 398).addingTimeInterval(-1))
        #expect(CertificateValidityTable.notAfter(issuedAt: day("2029-03-15"), subscriptionUntil: day("2031-01-01")) == day("2029-05-01").addingTimeInterval(-1))
    }

    @Test func validationIsReusedOnlyWithinThePeriodInForceAtIssue() {
        let validated = day("2029-03-01")
        // Issued on 2029-03-14 (100-day reuse): still fine; issued on 2029-03-15 (10-day reuse): 14 days is too old.
        #expect(CertificateValidityTable.validationReusable(validatedAt: validated, issuingAt: day("2029-03-14")))
        #expect(!CertificateValidityTable.validationReusable(validatedAt: validated, issuingAt: day("2029-03-15")))
        #expect(CertificateValidityTable.validationReusable(validatedAt: day("2029-03-10"), issuingAt: day("2029-03-19").addingTimeInterval(86_399)))
        #expect(!CertificateValidityTable.validationReusable(validatedAt: day("2029-03-10"), issuingAt: day("2029-03-20")))
        #expect(!CertificateValidityTable.validationReusable(validatedAt: day("2026-06-01"), issuingAt: day("2026-05-31")))   // not yet done
    }

    @Test func theLatestLegalStartFitsTheRuleOfThatStart() {
        let validTo = day("2026-12-13")
        let start = CertificateValidityTable.latestLegalStart(validTo: validTo, preferredDays: 365)
        #expect(start == day("2025-12-13").addingTimeInterval(1))    // before 2026-03-15: 365 fits under 398
        let later = day("2027-06-01")
        let start2 = CertificateValidityTable.latestLegalStart(validTo: later, preferredDays: 365)
        #expect(CertificateValidityTable.notAfter(issuedAt: start2, subscriptionUntil: later) == later)
        #expect(start2 == later.adding(days: -200).addingTimeInterval(1))   // 365 back is 2026-06-01 (200 days)
    }
}

@Suite struct ReissueScheduleTests {
    func day(_ text: String) -> Date { ISO8601DateFormatter().date(from: text + "T00:00:00Z")! }

    @Test func theIssueExampleReads() {
        let from = day("2026-06-13"), to = day("2026-12-30"), subscription = day("2028-06-13")
        let due = ReissueSchedule.nextReissueDue(validFrom: from, validTo: to, subscriptionUntil: subscription)
        #expect(due == day("2026-12-16"))
        #expect(ReissueSchedule.summary(subscriptionUntil: subscription, validTo: to, nextReissueDue: due)
                == "subscription until 2028-06-13 · this certificate until 2026-12-30 · next reissue due 2026-12-16")
    }

    @Test func aCertificateRunningToTheSubscriptionsEndIsRenewedNotReissued() {
        let to = day("2027-06-13")
        #expect(ReissueSchedule.nextReissueDue(validFrom: day("2026-06-13"), validTo: to, subscriptionUntil: to) == nil)
        // Cut to whole seconds below the subscription's end: still the end.
        #expect(ReissueSchedule.nextReissueDue(validFrom: nil, validTo: to.addingTimeInterval(-0.5), subscriptionUntil: to) == nil)
        #expect(ReissueSchedule.summary(subscriptionUntil: to, validTo: to, nextReissueDue: nil).hasSuffix("renewal at the end of the subscription"))
    }

    @Test func shortCertificatesAreDueAThirdOfTheirValidityBefore() {
        // 47 days: 14 days' lead (a third is 15); 30 days: 10.
        #expect(ReissueSchedule.lead(validFrom: day("2029-04-01"), validTo: day("2029-05-18")) == 14)
        #expect(ReissueSchedule.lead(validFrom: day("2029-04-01"), validTo: day("2029-05-01")) == 10)
        #expect(ReissueSchedule.lead(validFrom: day("2029-04-01"), validTo: day("2029-04-02")) == 1)
    }

    @Test func withinTheTermNoRenewalInvoiceOnlyExpiry() {
        let now = day("2026-12-20")
        let snapshot = RenewalPolicy.Snapshot(state: .issued, validTo: day("2026-12-30"), renewalInvoice: nil, hasRenewalCSR: false,
                                              subscriptionUntil: day("2028-06-13"))
        #expect(RenewalPolicy.step(snapshot, now: now) == nil)
        #expect(RenewalPolicy.step(snapshot, now: day("2026-12-30")) == .expire)
        var end = snapshot
        end.subscriptionUntil = day("2026-12-30")
        #expect(RenewalPolicy.step(end, now: now) == .enterRenewalWindow(issueInvoice: true))
    }
}

@Suite struct ExpiryReminderPolicyTests {
    @Test func theTightestThresholdReachedIsDueOnlyItsOwn() {
        let days = ExpiryReminderDays.standard
        #expect(ExpiryReminderPolicy.dueThreshold(daysLeft: 31, kind: .reissue, settings: days) == nil)
        #expect(ExpiryReminderPolicy.dueThreshold(daysLeft: 30, kind: .reissue, settings: days) == 30)
        #expect(ExpiryReminderPolicy.dueThreshold(daysLeft: 15, kind: .reissue, settings: days) == 30)
        #expect(ExpiryReminderPolicy.dueThreshold(daysLeft: 14, kind: .reissue, settings: days) == 14)
        #expect(ExpiryReminderPolicy.dueThreshold(daysLeft: 5, kind: .reissue, settings: days) == 7)
        #expect(ExpiryReminderPolicy.dueThreshold(daysLeft: 0, kind: .reissue, settings: days) == 1)
        #expect(ExpiryReminderPolicy.dueThreshold(daysLeft: -1, kind: .reissue, settings: days) == nil)
    }

    @Test func aRenewalsThirtyDayReminderIsTheSeedsNotice() {
        let days = ExpiryReminderDays.standard
        #expect(ExpiryReminderPolicy.dueThreshold(daysLeft: 30, kind: .renewal, settings: days) == nil)
        #expect(ExpiryReminderPolicy.dueThreshold(daysLeft: 14, kind: .renewal, settings: days) == 14)
        // A notice that went out with 12 days left was the 14-day reminder too.
        #expect(ExpiryReminderPolicy.dueThreshold(daysLeft: 11, kind: .renewal, settings: days, noticeDaysLeft: 12) == nil)
        #expect(ExpiryReminderPolicy.dueThreshold(daysLeft: 7, kind: .renewal, settings: days, noticeDaysLeft: 12) == 7)
    }

    @Test func theDaysParseAndRefuseWithWhatToDo() throws {
        #expect(try ExpiryReminderDays(parsing: " 7, 30,1 ,30").days == [30, 7, 1])
        #expect(try ExpiryReminderDays(parsing: "21").text == "21")
        for bad in ["", "0", "366", "30,,7", "a"] {
            #expect(throws: PanelError.self) { try ExpiryReminderDays(parsing: bad) }
        }
    }
}
