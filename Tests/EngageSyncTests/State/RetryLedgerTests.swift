import Testing
@testable import EngageSync

@Suite struct RetryLedgerTests {
    let policy = SyncPolicy()
    let object = "Engage_Profile_vod__c"

    @Test func r25_firstFailureIsAttemptOne() {
        var ledger = RetryLedger()
        #expect(ledger.attempt(object: object, externalId: "P1") == 0)
        #expect(ledger.attempt(object: object, externalId: "P1", profileUpdatedAt: at()) == 1)
        let attempt = ledger.recordFailure(object: object, externalId: "P1", profileId: "P1",
                                           profileUpdatedAt: at(), error: "boom", runId: "r1")
        #expect(attempt == 1)
        #expect(ledger.attempt(object: object, externalId: "P1") == 1)
        #expect(ledger.entry(object: object, externalId: "P1")?.lastError == "boom")
        #expect(ledger.profileIdsDueForRetry(policy: policy) == ["P1"])
        #expect(ledger.isDueForRetry(profileId: "P1", policy: policy))
    }

    @Test func r25_eleventhSyncSkipsTheRecord() {
        var ledger = RetryLedger()
        for sync in 1...10 {
            #expect(ledger.shouldProcess(object: object, externalId: "P1", profileUpdatedAt: at(), policy: policy),
                    "sync \(sync)")
            let attempt = ledger.recordFailure(object: object, externalId: "P1", profileId: "P1",
                                               profileUpdatedAt: at(), error: "boom", runId: "r\(sync)")
            #expect(attempt == sync)
        }
        #expect(!ledger.shouldProcess(object: object, externalId: "P1", profileUpdatedAt: at(), policy: policy))
        #expect(ledger.profileIdsDueForRetry(policy: policy).isEmpty)
        #expect(ledger.isWaitingForChange(object: object, externalId: "P1", policy: policy))
    }

    @Test func r25_newerUpdatedAtRestartsTheCount() {
        var ledger = RetryLedger()
        for sync in 1...10 {
            ledger.recordFailure(object: object, externalId: "P1", profileId: "P1", profileUpdatedAt: at(),
                                 error: "boom", runId: "r\(sync)")
        }
        #expect(ledger.shouldProcess(object: object, externalId: "P1", profileUpdatedAt: at(5), policy: policy))
        #expect(ledger.attempt(object: object, externalId: "P1", profileUpdatedAt: at(5)) == 1)
        let attempt = ledger.recordFailure(object: object, externalId: "P1", profileId: "P1",
                                           profileUpdatedAt: at(5), error: "still", runId: "r11")
        #expect(attempt == 1)
        #expect(ledger.profileIdsDueForRetry(policy: policy) == ["P1"])
    }

    @Test func r25_successRemovesTheRecord() {
        var ledger = RetryLedger()
        ledger.recordFailure(object: object, externalId: "P1", profileId: "P1", profileUpdatedAt: at(),
                             error: "boom", runId: "r1")
        ledger.recordFailure(object: "Engage_Connection_vod__c", externalId: "P1:005000000000001AAA",
                             profileId: "P1", profileUpdatedAt: at(), error: "boom", runId: "r1")
        ledger.recordSuccess(object: object, externalId: "P1")
        #expect(ledger.entry(object: object, externalId: "P1") == nil)
        #expect(ledger.count == 1)
        #expect(ledger.shouldProcess(object: object, externalId: "P1", profileUpdatedAt: at(), policy: policy))
        ledger.removeAll(profileId: "P1")
        #expect(ledger.isEmpty)
    }

    @Test func r25_sameExternalIdOnTwoObjectsAreTwoRecords() {
        var ledger = RetryLedger()
        ledger.recordFailure(object: "A", externalId: "X", profileId: "P1", profileUpdatedAt: nil, error: "a", runId: "r")
        ledger.recordFailure(object: "B", externalId: "X", profileId: "P2", profileUpdatedAt: nil, error: "b", runId: "r")
        #expect(ledger.entries.map(\.object) == ["A", "B"])
        #expect(ledger.attempt(object: "A", externalId: "X", profileUpdatedAt: nil) == 2)
    }
}
