import Foundation
import Testing
@testable import EngageSync

/// Applying load results to a recorded run (R27): ledger, history entry, refusals of bad input.
@Suite struct LoadResultsTests {
    static let profile = "Engage_Profile_vod__c"
    static let connection = "Engage_Connection_vod__c"
    static let link = "ep-2:0055j00000Sj0NaAAJ"

    /// A state with runs `r1` (Success) and `r2` (Success) whose folders hold update files.
    struct Fixture {
        var root: String
        var state: SyncState
        var stateFile: String { root + "/state/state.json" }

        init() {
            root = temporaryFolder()
            state = SyncState()
            for (n, runId) in ["r1", "r2"].enumerated() {
                let folder = root + "/out/" + runId
                try! FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                try! Data("VExternal_ID_vod__c,RecordTypeId,Name\nep-1,0125j000000HcPqAAK,A\nep-2,0125j000000HcPqAAK,B\n".utf8)
                    .write(to: URL(fileURLWithPath: folder + "/Engage_Profile_vod__c.upsert.csv"))
                try! Data("VExternal_ID_vod__c,RecordTypeId,From_User_vod__c,To_Engage_Profile_vod__r.VExternal_ID_vod__c,Active_vod__c\n\(LoadResultsTests.link),0125j000000UtEpAAK,0055j00000Sj0NaAAJ,ep-2,true\n".utf8)
                    .write(to: URL(fileURLWithPath: folder + "/Engage_Connection_vod__c.upsert.part-2.csv"))
                var e = entry(runId, start: at(n * 60), status: .success)
                e.runFolder = folder
                state.record(e, policy: SyncPolicy())
            }
        }

        func file(_ text: String, _ name: String = UUID().uuidString + ".csv") -> LoadResultFile {
            let path = root + "/" + name
            try! Data(text.utf8).write(to: URL(fileURLWithPath: path))
            return try! LoadResultFile.read(path: path)
        }
    }

    let failedProfile = "sf__Id,sf__Error,VExternal_ID_vod__c,RecordTypeId,Name\n,REQUIRED_FIELD_MISSING:x,ep-2,0125j000000HcPqAAK,B\n"
    let failedLink = "\"VExternal_ID_vod__c\",\"RecordTypeId\",\"From_User_vod__c\",\"To_Engage_Profile_vod__r.VExternal_ID_vod__c\",\"Active_vod__c\",\"ERROR\"\n"
        + "\"\(Self.link)\",\"0125j000000UtEpAAK\",\"0055j00000Sj0NaAAJ\",\"ep-2\",\"true\",\"INVALID_CROSS_REFERENCE_KEY:no\"\n"
    let succeededProfile = "sf__Id,sf__Created,VExternal_ID_vod__c,RecordTypeId,Name\na0B5j000001AbCdEAF,false,ep-1,0125j000000HcPqAAK,A\n"

    @Test func r27_failedRowsEnterTheLedgerAndTheSuccessGetsErrors() throws {
        var f = Fixture()
        defer { cleanUp(f.root) }
        let watermark = f.state.watermark
        let report = try LoadResults.apply(
            failed: [f.file(failedProfile), f.file(failedLink)], succeeded: [f.file(succeededProfile)], runId: "r1",
            to: &f.state, stateFile: f.stateFile, now: at(30))
        #expect(report.failed == 2 && report.succeeded == 1)
        #expect(report.statusBefore == .success && report.statusAfter == .successWithErrors)
        let profileEntry = try #require(f.state.ledger.entry(object: Self.profile, externalId: "ep-2"))
        #expect(profileEntry.consecutiveFailures == 1)
        #expect(profileEntry.source == .load)
        #expect(profileEntry.lastError == "load: REQUIRED_FIELD_MISSING:x")
        #expect(profileEntry.lastRunId == "r1")
        #expect(f.state.ledger.entry(object: Self.connection, externalId: Self.link)?.profileId == "ep-2")
        let run = try #require(f.state.run("r1"))
        #expect(run.status == .successWithErrors)
        #expect(run.loadResults?.failed == 2 && run.loadResults?.succeeded == 1 && run.loadResults?.files.count == 3)
        #expect(f.state.run("r2")?.status == .success)
        #expect(f.state.history.count == 2)
        #expect(f.state.watermark == watermark)
    }

    @Test func r27_successfulRowsClearTheirLedgerEntries() throws {
        var f = Fixture()
        defer { cleanUp(f.root) }
        f.state.ledger.recordLoadFailure(object: Self.profile, externalId: "ep-1", profileId: "ep-1", error: "x", runId: "r1")
        let report = try LoadResults.apply(failed: [], succeeded: [f.file(succeededProfile)], runId: "r2",
                                           to: &f.state, stateFile: f.stateFile, now: at(90))
        #expect(report.succeeded == 1 && report.failed == 0)
        #expect(f.state.ledger.isEmpty)
        #expect(f.state.run("r2")?.status == .success)
    }

    @Test func r27_loadFailuresOfLaterRunsCountInARow() throws {
        var f = Fixture()
        defer { cleanUp(f.root) }
        _ = try LoadResults.apply(failed: [f.file(failedProfile)], succeeded: [], runId: "r1", to: &f.state,
                                  stateFile: f.stateFile, now: at(30))
        _ = try LoadResults.apply(failed: [f.file(failedProfile.replacingOccurrences(of: ":x", with: ":y"))],
                                  succeeded: [], runId: "r2", to: &f.state, stateFile: f.stateFile, now: at(90))
        #expect(f.state.ledger.attempt(object: Self.profile, externalId: "ep-2") == 2)
        // r1's results arriving late decide nothing: r2's verdict is newer.
        let late = try LoadResults.apply(failed: [], succeeded: [f.file(succeededProfile.replacingOccurrences(of: "ep-1", with: "ep-2"))],
                                         runId: "r1", to: &f.state, stateFile: f.stateFile, now: at(100))
        #expect(late.alreadyCounted == 1 && late.succeeded == 0)
        #expect(f.state.ledger.attempt(object: Self.profile, externalId: "ep-2") == 2)
    }

    @Test func r27_theSameFileTwiceIsSkippedAndTheSameRowInAnotherFileIsNotCountedTwice() throws {
        var f = Fixture()
        defer { cleanUp(f.root) }
        let file = f.file(failedProfile)
        _ = try LoadResults.apply(failed: [file], succeeded: [], runId: "r1", to: &f.state, stateFile: f.stateFile, now: at(30))
        let once = f.state
        let again = try LoadResults.apply(failed: [file], succeeded: [], runId: "r1", to: &f.state,
                                          stateFile: f.stateFile, now: at(40))
        #expect(again.skippedFiles == [file.path])
        #expect(again.changedNothing)
        #expect(f.state == once)
        // The same rejection, as a Data Loader error file: a different file, the same verdict.
        let dataLoader = f.file("VEXTERNAL_ID_VOD__C,RECORDTYPEID,NAME,ERROR\nep-2,0125j000000HcPqAAK,B,REQUIRED_FIELD_MISSING:x\n")
        let other = try LoadResults.apply(failed: [dataLoader], succeeded: [], runId: "r1", to: &f.state,
                                          stateFile: f.stateFile, now: at(50))
        #expect(other.failed == 0 && other.alreadyCounted == 1)
        #expect(f.state.ledger.attempt(object: Self.profile, externalId: "ep-2") == 1)
    }

    @Test func r27_anUnknownRunIsAnErrorListingTheKnownRunsAndChangesNothing() throws {
        var f = Fixture()
        defer { cleanUp(f.root) }
        let before = f.state
        let error = try #require(throws: UnknownRun.self) {
            try LoadResults.apply(failed: [f.file(failedProfile)], succeeded: [], runId: "r9", to: &f.state,
                                  stateFile: f.stateFile, now: at(30))
        }
        #expect(error.description.contains("no run 'r9' in the sync history; the history holds r1, r2"))
        #expect(f.state == before)
    }

    @Test func r27_aRowThatMatchesNoRecordOfTheRunNamesFileAndRowAndChangesNothing() throws {
        var f = Fixture()
        defer { cleanUp(f.root) }
        let before = f.state
        let stray = f.file(failedProfile + ",boom,ep-9,0125j000000HcPqAAK,Z\n", "failedResults.csv")
        let error = try #require(throws: InputError.self) {
            try LoadResults.apply(failed: [f.file(failedLink), stray], succeeded: [], runId: "r1", to: &f.state,
                                  stateFile: f.stateFile, now: at(30))
        }
        #expect(error.headline == "\(f.root)/failedResults.csv:row 3, column VExternal_ID_vod__c: error: 'ep-9' matches "
            + "no record of run r1 (update files in \(f.root)/out/r1)")
        #expect(f.state == before)
    }

    @Test func r27_columnsOfNoUpdateFileAndWrongRolesAreErrors() throws {
        var f = Fixture()
        defer { cleanUp(f.root) }
        let foreign = f.file("sf__Id,sf__Error,VExternal_ID_vod__c,Phone\n,boom,ep-1,123\n")
        let columns = try #require(throws: InputError.self) {
            try LoadResults.apply(failed: [foreign], succeeded: [], runId: "r1", to: &f.state, stateFile: f.stateFile, now: at(30))
        }
        #expect(columns.message.contains("match no update file of run r1 (it wrote Engage_Connection_vod__c, Engage_Profile_vod__c)"))
        let role = try #require(throws: InputError.self) {
            try LoadResults.apply(failed: [f.file(succeededProfile)], succeeded: [], runId: "r1", to: &f.state,
                                  stateFile: f.stateFile, now: at(30))
        }
        #expect(role.message == "this is a Bulk API 2.0 successfulResults, given with --failed; give it with --succeeded")
        let both = try #require(throws: InputError.self) {
            try LoadResults.apply(failed: [f.file(failedProfile)],
                                  succeeded: [f.file(succeededProfile.replacingOccurrences(of: "ep-1", with: "ep-2"))],
                                  runId: "r1", to: &f.state, stateFile: f.stateFile, now: at(30))
        }
        #expect(both.message.contains("'ep-2' is reported both failed and succeeded"))
    }

    @Test func r27_aLoadThatFailedWhollyLeavesSuccessWithErrorsAndTheWatermark() throws {
        var f = Fixture()
        defer { cleanUp(f.root) }
        let watermark = f.state.watermark
        let all = f.file(failedProfile + ",boom,ep-1,0125j000000HcPqAAK,A\n")
        let report = try LoadResults.apply(failed: [all, f.file(failedLink)], succeeded: [], runId: "r2", to: &f.state,
                                           stateFile: f.stateFile, now: at(90))
        #expect(report.failed == 3)
        #expect(report.statusAfter == .successWithErrors)
        #expect(f.state.watermark == watermark)
        #expect(f.state.ledger.profileIdsDueForRetry(policy: SyncPolicy()) == ["ep-1", "ep-2"])
    }

    @Test func r27_theProfileOfAConnectionIsThePartBeforeTheLastColon() {
        #expect(LoadResults.profileId(of: "ep-2:0055j00000Sj0NaAAJ") == "ep-2")
        #expect(LoadResults.profileId(of: "ep-2") == "ep-2")
    }

    @Test func r25_aSyncKeepsALoadFailureUntilTheLoadDecidesOrTheProfileChanges() {
        var ledger = RetryLedger()
        ledger.recordLoadFailure(object: Self.profile, externalId: "ep-1", profileId: "ep-1", error: "x", runId: "r1")
        let kept = ledger.keepLoadFailure(object: Self.profile, externalId: "ep-1", profileUpdatedAt: at())
        #expect(kept)
        #expect(ledger.entry(object: Self.profile, externalId: "ep-1")?.profileUpdatedAt == at())
        #expect(ledger.attempt(object: Self.profile, externalId: "ep-1", profileUpdatedAt: at()) == 2)
        let keptAfterChange = ledger.keepLoadFailure(object: Self.profile, externalId: "ep-1", profileUpdatedAt: at(5))
        #expect(!keptAfterChange)
        #expect(ledger.isEmpty)
    }
}
