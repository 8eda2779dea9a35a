import Testing
@testable import EngageSync

@Suite struct ModeDecisionTests {
    let policy = SyncPolicy()

    @Test func r20_firstSyncIsFull() {
        let decision = ModeDecision.make(history: [], now: at(), forceFull: false, policy: policy)
        #expect(decision == ModeDecision(mode: .full, code: .firstSync, reason: "first sync"))
        #expect(ModeDecision.decide(history: [], now: at(), forceFull: true, policy: policy) == (.full, "first sync"))
    }

    @Test func r20_fullRequestedIsFull() {
        let history = [entry("r1", start: at(-120), status: .success)]
        let decision = ModeDecision.make(history: history, now: at(), forceFull: true, policy: policy)
        #expect(decision.mode == .full)
        #expect(decision.code == .requested)
        #expect(decision.reason == "full sync requested (--full)")
    }

    @Test func r20_recentSuccessIsIncrementalSinceTheWatermark() {
        let history = [entry("r1", start: at(-120), status: .successWithErrors, exportedAt: at(-200)),
                       entry("r2", start: at(-60), status: .failure)]
        let decision = ModeDecision.make(history: history, now: at(), forceFull: false, policy: policy)
        #expect(decision.mode == .incremental)
        #expect(decision.code == .incremental)
        #expect(decision.reason == "incremental since watermark 2026-11-29T08:40:00.000Z")
    }

    @Test func r20_noSuccessIn90DaysIsFull() {
        let history = [entry("r1", start: at(-1, days: -90), status: .success),
                       entry("r2", start: at(days: -1), status: .failure)]
        let decision = ModeDecision.make(history: history, now: at(), forceFull: false, policy: policy)
        #expect(decision.mode == .full)
        #expect(decision.code == .noSuccess90Days)
        #expect(decision.reason == "no successful sync in the last 90 days (last: 2026-08-31T11:59:00.000Z)")
    }

    @Test func r20_successExactly90DaysAgoStillCounts() {
        let history = [entry("r1", start: at(days: -90), status: .success)]
        #expect(ModeDecision.make(history: history, now: at(), forceFull: false, policy: policy).mode == .incremental)
    }

    @Test func r20_ninetyDaysAreMeasuredFromTheStartOfTheLastSuccess() {
        // Started 91 days ago, ended (much) later: the start counts.
        var old = entry("r1", start: at(days: -91), status: .success)
        old.end = at(days: -80)
        let decision = ModeDecision.make(history: [old], now: at(), forceFull: false, policy: policy)
        #expect(decision.code == .noSuccess90Days)
    }

    @Test func r20_onlyFailuresOnRecordIsFull() {
        let history = [entry("r1", start: at(-120), status: .failure)]
        let decision = ModeDecision.make(history: history, now: at(), forceFull: false, policy: policy)
        #expect(decision.code == .noSuccess90Days)
        #expect(decision.reason == "no successful sync in the last 90 days (last: none on record)")
    }

    @Test func r20_tenFailuresMakeFull() {
        // A success 11 syncs ago is within 90 days, but the last 10 failed.
        var history = [entry("r0", start: at(days: -2), status: .success)]
        for i in 1...10 { history.append(entry("r\(i)", start: at(-600 + i * 60), status: .failure)) }
        let decision = ModeDecision.make(history: history, now: at(), forceFull: false, policy: policy)
        #expect(decision == ModeDecision(mode: .full, code: .failed10, reason: "the last 10 syncs failed"))
    }

    @Test func r20_tenFailuresWithNoSuccessOnRecordReportTheTenFailures() {
        // SPEC §10: "the last 10 syncs all failed" needs 10 history entries; with them, that is the reason.
        let history = (1...10).map { entry("r\($0)", start: at(-660 + $0 * 60), status: .failure) }
        let decision = ModeDecision.make(history: history, now: at(), forceFull: false, policy: policy)
        #expect(decision == ModeDecision(mode: .full, code: .failed10, reason: "the last 10 syncs failed"))
    }

    @Test func r20_tenFailuresAfterAnOldSuccessReportTheTenFailures() {
        var history = [entry("r0", start: at(days: -100), status: .success)]
        for i in 1...10 { history.append(entry("r\(i)", start: at(-660 + i * 60), status: .failure)) }
        let decision = ModeDecision.make(history: history, now: at(), forceFull: false, policy: policy)
        #expect(decision.code == .failed10)
    }

    @Test func r20_nineFailuresAreNotEnough() {
        var history = [entry("r0", start: at(days: -2), status: .success)]
        for i in 1...9 { history.append(entry("r\(i)", start: at(-600 + i * 60), status: .failure)) }
        #expect(ModeDecision.make(history: history, now: at(), forceFull: false, policy: policy).mode == .incremental)
    }

    @Test func r20_policyNumbersAreHonoured() {
        var custom = SyncPolicy()
        custom.fullAfterDaysWithoutSuccess = 7
        let history = [entry("r1", start: at(days: -8), status: .success)]
        let decision = ModeDecision.make(history: history, now: at(), forceFull: false, policy: custom)
        #expect(decision.reason.hasPrefix("no successful sync in the last 7 days"))
    }
}
