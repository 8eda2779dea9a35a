import Foundation
import Testing
@testable import EngageSync

@Suite struct RefusalTests {
    let policy = SyncPolicy()

    @Test func r26_firstSyncIsNotRefused() {
        #expect(Refusal.check(history: [], now: at(), policy: policy, postProcessingLock: nil) == nil)
    }

    @Test func r26_syncWithinSixtyMinutesIsRefusedWithTheEarliestTime() throws {
        let history = [entry("20261129T110100Z", start: at(-59), status: .failure)]
        let refusal = try #require(Refusal.check(history: history, now: at(), policy: policy, postProcessingLock: nil))
        #expect(refusal.reason == .tooSoon(lastStart: at(-59), lastRunId: "20261129T110100Z", earliest: at(1)))
        #expect(refusal.message == "too soon: the last sync (20261129T110100Z) started at 2026-11-29T11:01:00.000Z "
            + "and syncs must start at least 60 minutes apart; run again at or after 2026-11-29T12:01:00.000Z")
    }

    @Test func r26_aClockBeforeTheLastSyncIsSaidSo() throws {
        // A replay with --now before the latest recorded start is no "too soon": say what it is.
        let history = [entry("20261129T130000Z", start: at(60), status: .success)]
        let refusal = try #require(Refusal.check(history: history, now: at(), policy: policy, postProcessingLock: nil))
        #expect(refusal.reason == .beforeLastSync(now: at(), lastStart: at(60), lastRunId: "20261129T130000Z", earliest: at(120)))
        #expect(refusal.message == "the run's time 2026-11-29T12:00:00.000Z is before the start of the last sync "
            + "(20261129T130000Z, 2026-11-29T13:00:00.000Z); check the clock or --now: the next sync may run at or "
            + "after 2026-11-29T14:00:00.000Z")
    }

    @Test func r26_exactlySixtyMinutesIsAllowed() {
        let history = [entry("r1", start: at(-60), status: .success)]
        #expect(Refusal.check(history: history, now: at(), policy: policy, postProcessingLock: nil) == nil)
        let almost = [entry("r1", start: Instant(millisecondsSince1970: at(-60).millisecondsSince1970 + 1),
                            status: .success)]
        #expect(Refusal.check(history: almost, now: at(), policy: policy, postProcessingLock: nil) != nil)
    }

    @Test func r26_latestStartOfAnyStatusCounts() {
        // Not necessarily the last entry: the latest start.
        let history = [entry("r2", start: at(-30), status: .failure), entry("r1", start: at(-300), status: .success)]
        let refusal = Refusal.check(history: history, now: at(), policy: policy, postProcessingLock: nil)
        #expect(refusal?.reason == .tooSoon(lastStart: at(-30), lastRunId: "r2", earliest: at(30)))
    }

    @Test func r26_postProcessingLockRefuses() throws {
        let folder = temporaryFolder()
        defer { cleanUp(folder) }
        let lockFile = folder + "/engage-post-processing.lock"
        #expect(Refusal.check(history: [], now: at(), policy: policy, postProcessingLock: lockFile) == nil)
        _ = FileManager.default.createFile(atPath: lockFile, contents: Data())
        let refusal = try #require(Refusal.check(history: [], now: at(), policy: policy, postProcessingLock: lockFile))
        #expect(refusal.reason == .postProcessing(lockFile: lockFile))
        #expect(refusal.message.contains(lockFile))
        #expect(refusal.message.contains("run again"))
    }

    @Test func r26_stateLockedBecomesARefusal() {
        let refusal = Refusal(StateLocked(path: "/state/lock"))
        #expect(refusal.reason == .stateLocked(lockFile: "/state/lock"))
        #expect(refusal.message.contains("/state/lock"))
        #expect(Refusal.exitCode == 75)
    }
}
