import Foundation
import Testing
import EngageSync

/// Repeated `sync` runs through the binary, driven by `--now` (R20–R26, R28): each test names
/// its rule. Load results (R27) are in `ResultsCommandTests`, the kill test in `CrashSafetyTests`.
@Suite struct StateRulesTests {
    typealias Profile = StateScenario.Profile

    // MARK: R20 mode

    @Test func r20_firstSyncIsFullTheNextIncrementalSinceTheWatermark() throws {
        let s = try StateScenario()
        defer { s.cleanUp() }
        let e0 = try s.export("e0.json", exportedAt: hour(0, minutes: -10), profiles: [Profile(id: "ep-a", updatedAt: hour(-5))])
        #expect(try s.sync(e0, now: hour(0)).exitCode == 0)
        #expect(try s.summary()["mode"] as? String == "full")
        #expect(try s.summary()["mode_reason"] as? String == "first sync")
        let e1 = try s.export("e1.json", exportedAt: hour(1, minutes: -10), since: hour(0, minutes: -10), profiles: [])
        #expect(try s.sync(e1, now: hour(1)).exitCode == 0)
        #expect(try s.summary()["mode"] as? String == "incremental")
        #expect(try s.summary()["mode_reason"] as? String == "incremental since watermark 2026-11-30T23:50:00.000Z")
        #expect(try s.history().map { $0["mode_reason"] as? String } == ["first sync", "incremental since watermark 2026-11-30T23:50:00.000Z"])
    }

    @Test func r20_fullFlagForcesAFullSyncOfEveryProfile() throws {
        let s = try StateScenario()
        defer { s.cleanUp() }
        let profiles = [Profile(id: "ep-a", updatedAt: hour(-5)), Profile(id: "ep-b", updatedAt: hour(-5))]
        let e0 = try s.export("e0.json", exportedAt: hour(0, minutes: -10), profiles: profiles)
        #expect(try s.sync(e0, now: hour(0)).exitCode == 0)
        let e1 = try s.export("e1.json", exportedAt: hour(1, minutes: -10), profiles: profiles)
        #expect(try s.sync(e1, now: hour(1), ["--full"]).exitCode == 0)
        #expect(try s.summary()["mode"] as? String == "full")
        #expect(try s.summary()["mode_reason"] as? String == "full sync requested (--full)")
        #expect(try s.profileIds() == ["ep-a", "ep-b"])
    }

    @Test func r20_noSuccessInNinetyDaysMakesTheNextSyncFull() throws {
        let s = try StateScenario()
        defer { s.cleanUp() }
        let e0 = try s.export("e0.json", exportedAt: hour(0, minutes: -10), profiles: [Profile(id: "ep-a", updatedAt: hour(-5))])
        #expect(try s.sync(e0, now: hour(0)).exitCode == 0)
        let e1 = try s.export("e1.json", exportedAt: hour(24 * 90, minutes: -10), profiles: [Profile(id: "ep-a", updatedAt: hour(-5))])
        #expect(try s.sync(e1, now: hour(24 * 90)).exitCode == 0)
        #expect(try s.summary()["mode"] as? String == "incremental", "exactly 90 days still counts")
        let e2 = try s.export("e2.json", exportedAt: hour(24 * 181), profiles: [Profile(id: "ep-a", updatedAt: hour(-5))])
        #expect(try s.sync(e2, now: hour(24 * 181)).exitCode == 0)
        let summary = try s.summary()
        #expect(summary["mode"] as? String == "full")
        #expect(summary["mode_reason"] as? String == "no successful sync in the last 90 days (last: 2027-03-01T00:00:00.000Z)")
        #expect(try s.profileIds() == ["ep-a"])
    }

    @Test func r20_tenFailedSyncsMakeTheNextSyncFullAndSayWhy() throws {
        let s = try StateScenario()
        defer { s.cleanUp() }
        let e0 = try s.export("e0.json", exportedAt: hour(0, minutes: -10), profiles: [Profile(id: "ep-a", updatedAt: hour(-5))])
        #expect(try s.sync(e0, now: hour(0)).exitCode == 0)
        let missing = s.root.appendingPathComponent("not-there.json").path
        for run in 1...10 {
            #expect(try s.sync(missing, now: hour(run)).exitCode == 2, "run \(run)")
            // A Failure reports the mode it would have used: incremental while a success is recent
            // and fewer than 10 failed.
            #expect(try s.summary()["mode"] as? String == "incremental", "run \(run)")
        }
        // The history (10 entries) now holds only failures and no success at all: the reason is the 10 failures.
        #expect(try s.history().count == 10)
        let e11 = try s.export("e11.json", exportedAt: hour(11, minutes: -10), profiles: [Profile(id: "ep-a", updatedAt: hour(-5))])
        #expect(try s.sync(e11, now: hour(11)).exitCode == 0)
        #expect(try s.summary()["mode"] as? String == "full")
        #expect(try s.summary()["mode_reason"] as? String == "the last 10 syncs failed")
        #expect(try s.history().last?["mode_reason"] as? String == "the last 10 syncs failed")
    }

    // MARK: R21 scope

    @Test func r21_incrementalTakesOnlyProfilesOrConnectionsChangedAfterTheWatermark() throws {
        let s = try StateScenario()
        defer { s.cleanUp() }
        let watermark = hour(0, minutes: -10)
        let e0 = try s.export("e0.json", exportedAt: watermark, profiles: [
            Profile(id: "ep-a", updatedAt: hour(-5)), Profile(id: "ep-b", updatedAt: hour(-5))])
        #expect(try s.sync(e0, now: hour(0)).exitCode == 0)
        var connectionChanged = Profile(id: "ep-c", updatedAt: hour(-5))
        connectionChanged.connectionUpdatedAt = hour(0, minutes: -5)
        let e1 = try s.export("e1.json", exportedAt: hour(1, minutes: -10), since: watermark, profiles: [
            Profile(id: "ep-a", updatedAt: hour(-5)),                          // unchanged: out of scope
            Profile(id: "ep-b", updatedAt: hour(0, minutes: -5), lastName: "New"), // changed after the watermark
            connectionChanged,                                                  // only its connection changed
            Profile(id: "ep-d", updatedAt: watermark),                          // at the watermark: not after it
        ])
        #expect(try s.sync(e1, now: hour(1)).exitCode == 0)
        // The snapshot never learns of the first run's creates, so a profile in scope would be created again.
        #expect(try s.profileIds() == ["ep-b", "ep-c"])
        let logged = try s.rows("success.csv").dropFirst().map { $0[1] }
        #expect(!logged.contains("ep-a") && !logged.contains("ep-d"))
        #expect(try s.rows("error.csv").count == 1 && s.rows("warnings.csv").count == 1, "out of scope: no rows of any kind")
        #expect(!(try #require(s.summary()["message"] as? String)).contains("not newer than the watermark"))
        // The first export again, as if it were new: nothing in it is after the watermark, and the message says so.
        #expect(try s.sync(e0, now: hour(2)).exitCode == 0)
        #expect(try s.profileIds().isEmpty)
        let message = try #require(s.summary()["message"] as? String)
        #expect(message.hasSuffix("; the export (exported_at 2026-11-30T23:50:00.000Z) is not newer than the watermark "
            + "2026-12-01T00:50:00.000Z: only records due for retry were in scope"), "\(message)")
    }

    @Test func r21_gapInIncrementalExportIsFailureThatNamesTheNeededExport() throws {
        let s = try StateScenario()
        defer { s.cleanUp() }
        let watermark = hour(0, minutes: -10)
        let e0 = try s.export("e0.json", exportedAt: watermark, profiles: [Profile(id: "ep-a", updatedAt: hour(-5))])
        #expect(try s.sync(e0, now: hour(0)).exitCode == 0)
        let late = try s.export("late.json", exportedAt: hour(1, minutes: -10), since: hour(0, minutes: 5),
                                profiles: [Profile(id: "ep-b", updatedAt: hour(0, minutes: 30))])
        let result = try s.sync(late, now: hour(1))
        #expect(result.exitCode == 2)
        let message = try #require(s.summary()["message"] as? String)
        // Named compiler-style at the header key 'since' (line 1 of the export).
        #expect(message.hasPrefix("\(late):1:") && message.contains(": error: incremental export since"), "\(message)")
        #expect(message.contains("incremental export since 2026-12-01T00:05:00.000Z leaves a gap after the watermark "
            + "2026-11-30T23:50:00.000Z; export the profiles changed since 2026-11-30T23:50:00.000Z (or a full export)"))
        #expect(try s.summary()["status"] as? String == "Failure")
        #expect(try s.profileIds().isEmpty)
        #expect(try s.watermark() == "2026-11-30T23:50:00.000Z")
        // An export that starts exactly at the watermark leaves no gap.
        let exact = try s.export("exact.json", exportedAt: hour(2, minutes: -10), since: watermark,
                                 profiles: [Profile(id: "ep-b", updatedAt: hour(0, minutes: 30))])
        #expect(try s.sync(exact, now: hour(2)).exitCode == 0)
        #expect(try s.profileIds() == ["ep-b"])
    }

    @Test func r21_fullSyncNeedsAFullExport() throws {
        let s = try StateScenario()
        defer { s.cleanUp() }
        let incremental = try s.export("inc.json", exportedAt: hour(0, minutes: -10), since: hour(-24),
                                       profiles: [Profile(id: "ep-a", updatedAt: hour(-5))])
        #expect(try s.sync(incremental, now: hour(0)).exitCode == 2)
        let message = try #require(s.summary()["message"] as? String)
        #expect(message.hasPrefix("\(incremental):1:") && message.contains(": error: this sync is full"), "\(message)")
        #expect(message.contains("this sync is full (first sync) and needs a full export; this one is incremental since 2026-11-30T00:00:00.000Z"))
        #expect(try s.watermark() == nil)
        #expect(try s.history().first?["status"] as? String == "Failure")
    }

    // MARK: R22 watermark

    @Test func r22_failureNeverMovesTheWatermark() throws {
        let s = try StateScenario()
        defer { s.cleanUp() }
        let e0 = try s.export("e0.json", exportedAt: hour(0, minutes: -10), profiles: [
            Profile(id: "ep-a", updatedAt: hour(-5)), .failing("ep-f", updatedAt: hour(-5))])
        #expect(try s.sync(e0, now: hour(0)).exitCode == 1)
        #expect(try s.watermark() == "2026-11-30T23:50:00.000Z", "Success with errors moves it")
        let broken = s.root.appendingPathComponent("broken.json")
        try Data(#"{"format": "engage-connect-export", "version": 1, "exported_at": "2026-12-01T00:50:00Z", "kind": "full", "profiles": [ {"#.utf8)
            .write(to: broken)
        #expect(try s.sync(broken.path, now: hour(1)).exitCode == 2)
        #expect(try s.watermark() == "2026-11-30T23:50:00.000Z")
        #expect(try s.history().last?["exported_at"] is NSNull)
        let gone = s.root.appendingPathComponent("gone.json").path
        let failed = try s.sync(gone, now: hour(2))
        #expect(failed.exitCode == 2)
        #expect(failed.stderr == "engage-sync sync: Failure: \(gone): error: file does not exist\n", "\(failed.stderr)")
        #expect(try s.watermark() == "2026-11-30T23:50:00.000Z")
        let table = try BinaryRunner.run(["history", "--state", s.state.path]).stdout.split(separator: "\n")
        #expect(table.count > 2 && table[2] == "  ↳ \(gone): error: file does not exist", "a Failure says why under its row")
        let e3 = try s.export("e3.json", exportedAt: hour(3, minutes: -10), since: hour(0, minutes: -10),
                              profiles: [.failing("ep-f", updatedAt: hour(-5))])
        #expect(try s.sync(e3, now: hour(3)).exitCode == 1, "ep-f is retried and fails again")
        #expect(try s.watermark() == "2026-12-01T02:50:00.000Z")
    }

    // MARK: R23 history

    @Test func r23_historyKeepsTheLastTenSyncsAndShowsThem() throws {
        let s = try StateScenario()
        defer { s.cleanUp() }
        let e0 = try s.export("e0.json", exportedAt: hour(0, minutes: -10), profiles: [Profile(id: "ep-a", updatedAt: hour(-5))])
        for run in 0..<12 {
            #expect(try s.sync(e0, now: hour(run), run == 0 ? [] : ["--full"]).exitCode == 0)
        }
        #expect(try s.sync(e0, now: hour(11, minutes: 30)).exitCode == 75)
        #expect(try s.sync(e0, now: hour(12), ["--dry-run", "--full"]).exitCode == 0)
        let history = try s.history()
        #expect(history.count == 10, "dry and refused runs are not history; the oldest go")
        #expect(history.first?["run_id"] as? String == "20261201T020000Z")
        #expect(history.last?["run_id"] as? String == "20261201T110000Z")
        for entry in history {
            for key in ["run_id", "start", "end", "mode", "mode_reason", "status", "counts", "message", "run_folder"] {
                #expect(entry[key] != nil, "\(key)")
            }
        }
        let table = try BinaryRunner.run(["history", "--state", s.state.path])
        #expect(table.exitCode == 0)
        let lines = table.stdout.split(separator: "\n").map(String.init)
        #expect(lines[0].hasPrefix("start (UTC)"))
        #expect(lines[1].hasPrefix("2026-12-01 11:00:00"), "newest first")
        #expect(lines[1].contains("full (full sync requested (--full))") && lines[1].contains("Success"))
        let columns = lines[0].split(separator: " ", omittingEmptySubsequences: true)
        #expect(Array(columns.suffix(10)) == ["new", "upd", "off", "on", "del", "same", "skip", "fail", "run", "folder"])
        // Counts stand right-aligned under their heads: the 2 created records end where "new" ends.
        let newEnd = try #require(lines[0].range(of: " new ")).upperBound.utf16Offset(in: lines[0]) - 1
        #expect(Array(lines[1].utf16)[newEnd - 2...newEnd].map { Character(UnicodeScalar($0)!) } == [" ", "2", " "],
                "\(lines[0])\n\(lines[1])")
        #expect(lines.contains { $0.hasPrefix("counts: new created, upd updated") })
        #expect(lines[1].hasSuffix(s.out.appendingPathComponent("20261201T110000Z").path))
        #expect(lines.contains("watermark: 2026-11-30T23:50:00.000Z"))
        let typo = try BinaryRunner.run(["history", "--state", s.state.path + "-typo"])
        #expect(typo.exitCode == 64)
        #expect(typo.stderr.hasPrefix("\(s.state.path)-typo: error: no such state folder"), "\(typo.stderr)")
        let json = try BinaryRunner.run(["history", "--state", s.state.path, "--json"])
        let doc = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect((doc?["syncs"] as? [Any])?.count == 10)
    }

    // MARK: R24 statuses

    @Test func r24_statusesAndExitCodesFollowTheRecords() throws {
        let s = try StateScenario()
        defer { s.cleanUp() }
        let mixed = try s.export("mixed.json", exportedAt: hour(0, minutes: -10), profiles: [
            Profile(id: "ep-a", updatedAt: hour(-5)), .failing("ep-f", updatedAt: hour(-5))])
        #expect(try s.sync(mixed, now: hour(0)).exitCode == 1)
        #expect(try s.summary()["status"] as? String == "Success with errors")
        let errors = try s.rows("error.csv")
        #expect(errors.count == 2)
        #expect(errors[1][0] == "Engage_Connection_vod__c" && errors[1][1] == "ep-f:\(StateScenario.inactiveUser)")
        #expect(errors[1].last == "1", "attempt 1")
        var broken = Profile(id: "ep-x", updatedAt: "2026-11-30T10:00:00")  // no offset: a record error
        broken.connectionUpdatedAt = hour(-5)
        let none = try s.export("none.json", exportedAt: hour(1, minutes: -10), profiles: [broken])
        #expect(try s.sync(none, now: hour(1), ["--full"]).exitCode == 2)
        #expect(try s.summary()["status"] as? String == "Failure")
        #expect(try s.rows("error.csv").count == 2)
        let good = try s.export("good.json", exportedAt: hour(2, minutes: -10), profiles: [Profile(id: "ep-a", updatedAt: hour(-5))])
        #expect(try s.sync(good, now: hour(2), ["--full"]).exitCode == 0)
        #expect(try s.summary()["status"] as? String == "Success")
        #expect(try s.history().map { $0["status"] as? String } == ["Success with errors", "Failure", "Success"])
    }

    @Test func r24_runLevelFaultsAreFailures() throws {
        let s = try StateScenario()
        defer { s.cleanUp() }
        let e0 = try s.export("e0.json", exportedAt: hour(0, minutes: -10), profiles: [Profile(id: "ep-a", updatedAt: hour(-5))])
        let missingUser = try BinaryRunner.run(s.syncArgs(export: e0, now: hour(0), integrationUser: "0055j00000ZzZzZ"))
        #expect(missingUser.exitCode == 2)
        #expect(try s.summary()["message"] as? String == "integration user 0055j00000ZzZzZAAA is not in the User snapshot"
            || (s.summary()["message"] as? String ?? "").hasSuffix("is not in the User snapshot"))
        let inactive = try BinaryRunner.run(s.syncArgs(export: e0, now: hour(1), integrationUser: StateScenario.inactiveUser))
        #expect(inactive.exitCode == 2)
        #expect(try s.summary()["message"] as? String == "integration user \(StateScenario.inactiveUser) is inactive in the User snapshot")
        try FileManager.default.removeItem(at: s.snapshot.appendingPathComponent("User.csv"))
        #expect(try s.sync(e0, now: hour(2)).exitCode == 2)
        #expect(try s.history().map { $0["status"] as? String } == ["Failure", "Failure", "Failure"])
        #expect(try s.ledger().isEmpty)
        #expect(try s.watermark() == nil)
    }

    // MARK: R25 retries

    @Test func r25_recordSkippedAfterTenFailuresUntilUpdatedAtChanges() throws {
        let s = try StateScenario()
        defer { s.cleanUp() }
        let e0 = try s.export("e0.json", exportedAt: hour(0, minutes: -10), profiles: [
            Profile(id: "ep-a", updatedAt: hour(-5)), .failing("ep-f", updatedAt: hour(-5))])
        #expect(try s.sync(e0, now: hour(0)).exitCode == 1)
        let key = "ep-f:\(StateScenario.inactiveUser)"
        for run in 1...9 {
            // The failing profile is older than the watermark: only the retry brings it back, whole.
            let e = try s.export("e\(run).json", exportedAt: hour(run, minutes: -10), since: hour(run - 1, minutes: -10),
                                 profiles: [Profile(id: "ep-a", updatedAt: hour(-5)), .failing("ep-f", updatedAt: hour(-5))])
            #expect(try s.sync(e, now: hour(run)).exitCode == 1, "run \(run)")
            #expect(try s.rows("error.csv").last?.last == "\(run + 1)", "attempt \(run + 1)")
            #expect(try s.profileIds() == ["ep-f"], "run \(run): the profile of the retried connection")
        }
        #expect(try s.ledger().first?["consecutive_failures"] as? Int == 10)
        let e10 = try s.export("e10.json", exportedAt: hour(10, minutes: -10), since: hour(9, minutes: -10),
                               profiles: [.failing("ep-f", updatedAt: hour(-5))])
        #expect(try s.sync(e10, now: hour(10)).exitCode == 0, "the 11th sync skips it")
        #expect(try s.rows("error.csv").count == 1)
        #expect(try s.profileIds().isEmpty)
        // Still skipped when it is in scope by a full sync, as long as updated_at is the same.
        let e11 = try s.export("e11.json", exportedAt: hour(11, minutes: -10), profiles: [.failing("ep-f", updatedAt: hour(-5))])
        #expect(try s.sync(e11, now: hour(11), ["--full"]).exitCode == 0)
        #expect(try s.rows("error.csv").count == 1)
        #expect(try (s.summary()["counts"] as? [String: Int])?["skipped"] == 1)
        #expect(try s.ledger().first?["consecutive_failures"] as? Int == 10, "skipping is no success: the record still waits")
        let e11b = try s.export("e11b.json", exportedAt: hour(12, minutes: -40), profiles: [.failing("ep-f", updatedAt: hour(-5))])
        #expect(try s.sync(e11b, now: hour(11, minutes: 60), ["--full"]).exitCode == 0)
        #expect(try s.rows("error.csv").count == 1, "still waiting on the next full sync")
        // A newer updated_at brings it back with the count restarted.
        let e12 = try s.export("e12.json", exportedAt: hour(13, minutes: -10), since: hour(12, minutes: -40),
                               profiles: [.failing("ep-f", updatedAt: hour(12, minutes: -30))])
        #expect(try s.sync(e12, now: hour(13)).exitCode == 1)
        let row = try #require(s.rows("error.csv").last)
        #expect(row[1] == key && row.last == "1")
        #expect(try s.ledger().first?["consecutive_failures"] as? Int == 1)
    }

    @Test func r25_runLevelFaultsDoNotCountAgainstRecordsAndAFixedRecordLeavesTheLedger() throws {
        let s = try StateScenario()
        defer { s.cleanUp() }
        let e0 = try s.export("e0.json", exportedAt: hour(0, minutes: -10), profiles: [.failing("ep-f", updatedAt: hour(-5)),
                                                                                      Profile(id: "ep-a", updatedAt: hour(-5))])
        #expect(try s.sync(e0, now: hour(0)).exitCode == 1)
        #expect(try BinaryRunner.run(s.syncArgs(export: e0, now: hour(1), integrationUser: "0055j00000ZzZzZ")).exitCode == 2)
        #expect(try s.sync(s.root.appendingPathComponent("gone.json").path, now: hour(2)).exitCode == 2)
        #expect(try s.ledger().first?["consecutive_failures"] as? Int == 1)
        let e3 = try s.export("e3.json", exportedAt: hour(3, minutes: -10), since: hour(0, minutes: -10),
                              profiles: [.failing("ep-f", updatedAt: hour(-5))])
        #expect(try s.sync(e3, now: hour(3)).exitCode == 1)
        #expect(try s.rows("error.csv").last?.last == "2")
        // The entry now connects to an active user: the retry converts it and the ledger forgets it.
        let e4 = try s.export("e4.json", exportedAt: hour(4, minutes: -10), since: hour(3, minutes: -10),
                              profiles: [Profile(id: "ep-f", updatedAt: hour(-5))])
        #expect(try s.sync(e4, now: hour(4)).exitCode == 0)
        #expect(try s.profileIds() == ["ep-f"])
        #expect(try s.ledger().isEmpty)
    }

    // MARK: R26 refusals

    @Test func r26_refusedRunWritesNothing() throws {
        let s = try StateScenario()
        defer { s.cleanUp() }
        let e0 = try s.export("e0.json", exportedAt: hour(0, minutes: -10), profiles: [Profile(id: "ep-a", updatedAt: hour(-5))])
        #expect(try s.sync(e0, now: hour(0)).exitCode == 0)
        let before = try Data(contentsOf: s.stateFile)
        let folders = BinaryRunner.runFolders(s.out)
        // Too soon, decided before any input is read (the export does not even exist).
        let soon = try s.sync(s.root.appendingPathComponent("gone.json").path, now: hour(0, minutes: 59))
        #expect(soon.exitCode == 75)
        #expect(soon.stderr.contains("run again at or after 2026-12-01T01:00:00.000Z"))
        // The post-processing lock.
        let marker = s.root.appendingPathComponent("engage-post-processing.lock")
        try Data().write(to: marker)
        let locked = try s.sync(e0, now: hour(1), ["--post-processing-lock", marker.path])
        #expect(locked.exitCode == 75)
        #expect(locked.stderr.contains("the lock file \(marker.path) exists"))
        // Another sync holding the state folder.
        let lock = try StateStore(directory: s.state.path).lock()
        let busy = try s.sync(e0, now: hour(1))
        #expect(busy.exitCode == 75)
        #expect(busy.stderr.contains("another sync is running with this state folder"))
        lock.release()
        #expect(try Data(contentsOf: s.stateFile) == before)
        #expect(BinaryRunner.runFolders(s.out) == folders)
        // Nothing was recorded, so the next hour is free.
        try FileManager.default.removeItem(at: marker)
        #expect(try s.sync(e0, now: hour(1), ["--post-processing-lock", marker.path, "--full"]).exitCode == 0)
        #expect(try s.history().count == 2)
    }

    // MARK: R28 nothing lost

    @Test func r28_unreadableStateFileStopsTheRunNamingItAndIsNeverReset() throws {
        let s = try StateScenario()
        defer { s.cleanUp() }
        let e0 = try s.export("e0.json", exportedAt: hour(0, minutes: -10), profiles: [Profile(id: "ep-a", updatedAt: hour(-5))])
        try FileManager.default.createDirectory(at: s.state, withIntermediateDirectories: true)
        let broken = Data("{\"format\": \"engage-sync-state\", \"version\": 1,\n  \"history\": [}".utf8)
        try broken.write(to: s.stateFile)
        let result = try s.sync(e0, now: hour(0))
        #expect(result.exitCode == 2)
        #expect(result.stderr.contains(s.stateFile.path + ":2:"))
        #expect(result.stderr.contains("it is never reset silently"))
        #expect(try Data(contentsOf: s.stateFile) == broken)
        #expect(BinaryRunner.runFolders(s.out).isEmpty)
        try Data(#"{"format": "engage-sync-state", "version": 2, "history": [], "ledger": []}"#.utf8).write(to: s.stateFile)
        let newer = try s.sync(e0, now: hour(0))
        #expect(newer.exitCode == 2)
        #expect(newer.stderr.contains("unsupported version 2 (this engage-sync reads version 1)"))
    }

    @Test func r28_aDryRunOrARefusedFirstRunCreatesNoStateFolder() throws {
        let s = try StateScenario()
        defer { s.cleanUp() }
        let e0 = try s.export("e0.json", exportedAt: hour(0, minutes: -10), profiles: [Profile(id: "ep-a", updatedAt: hour(-5))])
        #expect(try s.sync(e0, now: hour(0), ["--dry-run"]).exitCode == 0)
        #expect(!FileManager.default.fileExists(atPath: s.state.path), "a dry run changes no state, not even its folder")
        #expect(BinaryRunner.runFolders(s.out).count == 1)
        let lockFile = s.root.appendingPathComponent("post-processing.lock")
        try Data().write(to: lockFile)
        #expect(try s.sync(e0, now: hour(1), ["--post-processing-lock", lockFile.path]).exitCode == 75)
        #expect(!FileManager.default.fileExists(atPath: s.state.path), "a refused run changes nothing")
    }

    @Test func r28_dryRunWritesTheRunFolderAndChangesNoState() throws {
        let s = try StateScenario()
        defer { s.cleanUp() }
        let e0 = try s.export("e0.json", exportedAt: hour(0, minutes: -10), profiles: [.failing("ep-f", updatedAt: hour(-5))])
        #expect(try s.sync(e0, now: hour(0)).exitCode == 1)
        let before = try Data(contentsOf: s.stateFile)
        let e1 = try s.export("e1.json", exportedAt: hour(1, minutes: -10), since: hour(0, minutes: -10),
                              profiles: [.failing("ep-f", updatedAt: hour(-5))])
        #expect(try s.sync(e1, now: hour(1), ["--dry-run"]).exitCode == 1)
        #expect(try s.summary()["dry_run"] as? Bool == true)
        #expect(try s.rows("error.csv").last?.last == "2", "the attempt it would be")
        #expect(try Data(contentsOf: s.stateFile) == before)
        #expect(try s.sync(e1, now: hour(1)).exitCode == 1, "a dry run is no sync for R26 either")
    }
}
