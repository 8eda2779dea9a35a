import Foundation
import Testing
import EngageSync

/// `engage-sync results` through the binary (R27): the loop from a sync's update files to the
/// loader's result files and back into the retry ledger and the history.
@Suite struct ResultsCommandTests {
    typealias Profile = StateScenario.Profile

    /// A first sync of `ep-a` and `ep-b` (both created, Success) at hour 0; returns its run id.
    func firstSync(_ s: StateScenario) throws -> String {
        let e0 = try s.export("e0.json", exportedAt: hour(0, minutes: -10), profiles: [
            Profile(id: "ep-a", updatedAt: hour(-5)), Profile(id: "ep-b", updatedAt: hour(-5))])
        #expect(try s.sync(e0, now: hour(0)).exitCode == 0)
        return BinaryRunner.runFolders(s.out).last!
    }

    /// A Bulk API 2.0 result file built from the run's update file rows for `ids`, in reverse
    /// order (a loader keeps no order).
    func bulkResults(_ s: StateScenario, run: String, failed: Bool, ids: [String], name: String,
                     object: String = "Engage_Profile_vod__c") throws -> String {
        let rows = try s.rows("\(object).upsert.csv", run)
        var lines = [(failed ? "\"sf__Id\",\"sf__Error\"," : "\"sf__Id\",\"sf__Created\",") + rows[0].joined(separator: ",")]
        for row in rows.dropFirst().reversed() where ids.contains(row[0]) {
            lines.append((failed ? ",\"REQUIRED_FIELD_MISSING:Required fields are missing: [Name]:Name --\","
                                 : "a0B5j000001AbCdEAF,true,") + row.joined(separator: ","))
        }
        let url = s.root.appendingPathComponent(name)
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: url)
        return url.path
    }

    func results(_ s: StateScenario, _ run: String, _ args: [String]) throws -> BinaryRunner.Result {
        try BinaryRunner.run(["results", "--state", s.state.path, "--run", run, "--now", hour(0, minutes: 30)] + args)
    }

    @Test func r27_failedRowsEnterTheLedgerTheRunGetsErrorsAndTheNextSyncRetries() throws {
        let s = try StateScenario()
        defer { s.cleanUp() }
        let run = try firstSync(s)
        let failed = try bulkResults(s, run: run, failed: true, ids: ["ep-b"], name: "failedResults.csv")
        let succeeded = try bulkResults(s, run: run, failed: false, ids: ["ep-a"], name: "successfulResults.csv")
        let result = try results(s, run, ["--failed", failed, "--succeeded", succeeded])
        #expect(result.exitCode == 1, "\(result.stderr)")
        #expect(result.stdout.contains("run \(run): 1 rejected row entered the retry ledger, 1 loaded row applied"))
        #expect(result.stdout.contains("status: Success → Success with errors"))
        let entry = try #require(s.history().last)
        #expect(entry["status"] as? String == "Success with errors")
        let load = try #require(entry["load_results"] as? [String: Any])
        #expect(load["failed"] as? Int == 1 && load["succeeded"] as? Int == 1)
        #expect(load["files"] as? [String] == [failed, succeeded])
        #expect(try s.history().count == 1, "results add no history entry")
        let ledger = try s.ledger()
        #expect(ledger.count == 1)
        #expect(ledger.first?["external_id"] as? String == "ep-b" && ledger.first?["source"] as? String == "load")
        #expect((ledger.first?["last_error"] as? String)?.hasPrefix("load: REQUIRED_FIELD_MISSING") == true)
        let table = try BinaryRunner.run(["history", "--state", s.state.path])
        #expect(table.stdout.contains("Success with errors (load: 1 failed)"))

        // The next incremental sync brings ep-b back although it did not change; ep-a stays out.
        let e1 = try s.export("e1.json", exportedAt: hour(1, minutes: -10), since: hour(0, minutes: -10), profiles: [
            Profile(id: "ep-a", updatedAt: hour(-5)), Profile(id: "ep-b", updatedAt: hour(-5))])
        #expect(try s.sync(e1, now: hour(1)).exitCode == 0)
        let run1 = BinaryRunner.runFolders(s.out).last!
        #expect(try s.profileIds(run1) == ["ep-b"])
        #expect(try s.ledger().count == 1, "the load's verdict on the retried row is still to come")
        // It fails to load again: two failures in a row (R25: a failed load row counts as one).
        let failedAgain = try bulkResults(s, run: run1, failed: true, ids: ["ep-b"], name: "failedResults-2.csv")
        #expect(try results(s, run1, ["--failed", failedAgain]).exitCode == 1)
        #expect(try s.ledger().first?["consecutive_failures"] as? Int == 2)
        // Then it loads: the ledger forgets it, and the next sync leaves it alone.
        let loaded = try bulkResults(s, run: run1, failed: false, ids: ["ep-b"], name: "successfulResults-2.csv")
        #expect(try results(s, run1, ["--succeeded", loaded]).exitCode == 0)
        #expect(try s.ledger().isEmpty)
        let e2 = try s.export("e2.json", exportedAt: hour(2, minutes: -10), since: hour(1, minutes: -10), profiles: [
            Profile(id: "ep-a", updatedAt: hour(-5)), Profile(id: "ep-b", updatedAt: hour(-5))])
        #expect(try s.sync(e2, now: hour(2)).exitCode == 0)
        #expect(try s.profileIds().isEmpty)
    }

    @Test func r27_tenFailedLoadsInARowMakeTheRecordWaitForANewerUpdatedAt() throws {
        let s = try StateScenario()
        defer { s.cleanUp() }
        var run = try firstSync(s)
        let profiles = [Profile(id: "ep-a", updatedAt: hour(-5)), Profile(id: "ep-b", updatedAt: hour(-5))]
        for n in 1...10 {
            let failed = try bulkResults(s, run: run, failed: true, ids: ["ep-b"], name: "failed-\(n).csv")
            #expect(try results(s, run, ["--failed", failed]).exitCode == 1, "load \(n)")
            #expect(try s.ledger().first?["consecutive_failures"] as? Int == n)
            let e = try s.export("e\(n).json", exportedAt: hour(n, minutes: -10), since: hour(n - 1, minutes: -10),
                                 profiles: profiles)
            #expect(try s.sync(e, now: hour(n)).exitCode == 0)
            run = BinaryRunner.runFolders(s.out).last!
            #expect(try s.profileIds(run) == (n < 10 ? ["ep-b"] : []), "sync \(n)")
        }
        #expect(try s.ledger().first?["profile_updated_at"] as? String == "2026-11-30T19:00:00.000Z",
                "learnt from the sync after the first failed load")
        // A newer updated_at brings it back; the count restarts with its next failed load.
        let changed = [Profile(id: "ep-a", updatedAt: hour(-5)), Profile(id: "ep-b", updatedAt: hour(10, minutes: -5))]
        let e11 = try s.export("e11.json", exportedAt: hour(11, minutes: -10), since: hour(10, minutes: -10), profiles: changed)
        #expect(try s.sync(e11, now: hour(11)).exitCode == 0)
        run = BinaryRunner.runFolders(s.out).last!
        #expect(try s.profileIds(run) == ["ep-b"])
        #expect(try s.ledger().isEmpty)
        let failed = try bulkResults(s, run: run, failed: true, ids: ["ep-b"], name: "failed-11.csv")
        #expect(try results(s, run, ["--failed", failed]).exitCode == 1)
        #expect(try s.ledger().first?["consecutive_failures"] as? Int == 1)
    }

    @Test func r27_applyingTheSameFileTwiceChangesNothing() throws {
        let s = try StateScenario()
        defer { s.cleanUp() }
        let run = try firstSync(s)
        let failed = try bulkResults(s, run: run, failed: true, ids: ["ep-b"], name: "failedResults.csv")
        #expect(try results(s, run, ["--failed", failed]).exitCode == 1)
        let once = try Data(contentsOf: s.stateFile)
        let again = try results(s, run, ["--failed", failed])
        #expect(again.exitCode == 0)
        #expect(again.stdout.contains("nothing to apply, every file was applied to this run before"))
        #expect(again.stdout.contains("skipped \(failed): applied to this run before"))
        #expect(try Data(contentsOf: s.stateFile) == once)
        // The same rejection as a Data Loader error file (upper-case columns): a new file, no new failure.
        let rows = try s.rows("Engage_Profile_vod__c.upsert.csv", run)
        let dataLoader = s.root.appendingPathComponent("error071120261200.csv")
        let header = (rows[0] + ["ERROR"]).map { "\"\($0.uppercased())\"" }.joined(separator: ",")
        let row = (rows.first { $0[0] == "ep-b" }! + ["REQUIRED_FIELD_MISSING"]).map { "\"\($0)\"" }.joined(separator: ",")
        try Data("\(header)\n\(row)\n".utf8).write(to: dataLoader)
        let other = try results(s, run, ["--failed", dataLoader.path, "--json"])
        #expect(other.exitCode == 0)
        let report = try JSONSerialization.jsonObject(with: Data(other.stdout.utf8)) as? [String: Any]
        #expect(report?["failed"] as? Int == 0 && report?["already_counted"] as? Int == 1)
        #expect(try s.ledger().first?["consecutive_failures"] as? Int == 1)
    }

    @Test func r27_unknownRunsAndRowsOfNoRecordAreErrorsThatChangeNothing() throws {
        let s = try StateScenario()
        defer { s.cleanUp() }
        let run = try firstSync(s)
        let failed = try bulkResults(s, run: run, failed: true, ids: ["ep-b"], name: "failedResults.csv")
        let before = try Data(contentsOf: s.stateFile)
        let unknown = try results(s, "20991231T000000Z", ["--failed", failed])
        #expect(unknown.exitCode == 64)
        #expect(unknown.stderr.contains("no run '20991231T000000Z' in the sync history; the history holds \(run)"))
        let stray = s.root.appendingPathComponent("stray.csv")
        let text = try String(contentsOfFile: failed, encoding: .utf8)
        let row = text.split(separator: "\n")[1]
        try Data((text + row.replacingOccurrences(of: ",ep-b,", with: ",ep-zz,") + "\n").utf8).write(to: stray)
        let bad = try results(s, run, ["--failed", stray.path])
        #expect(bad.exitCode == 2)
        #expect(bad.stderr.contains("\(stray.path):row 3, column VExternal_ID_vod__c: error: 'ep-zz' matches no record of run \(run)"))
        #expect(bad.stderr.contains("nothing changed"))
        let wrongRole = try results(s, run, ["--succeeded", failed])
        #expect(wrongRole.exitCode == 2)
        #expect(wrongRole.stderr.contains("given with --succeeded; give it with --failed"))
        #expect(try Data(contentsOf: s.stateFile) == before)
        let usage = try BinaryRunner.run(["results", "--state", s.state.path, "--run", run])
        #expect(usage.exitCode == 64)
        let noState = try BinaryRunner.run(["results", "--state", s.root.appendingPathComponent("none").path, "--run", run,
                                            "--failed", failed])
        #expect(noState.exitCode == 64)
        #expect(noState.stderr.contains("no sync state here"))
    }

    @Test func r27_resultFilesThatAreNoRegularFileAreErrorsNotHangs() throws {
        let s = try StateScenario()
        defer { s.cleanUp() }
        let run = try firstSync(s)
        let before = try Data(contentsOf: s.stateFile)
        let fifo = s.root.appendingPathComponent("failedResults.fifo").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let piped = try results(s, run, ["--failed", fifo])
        #expect(piped.exitCode == 2)
        #expect(piped.stderr.hasPrefix("\(fifo): error: is a named pipe (FIFO), not a regular file"), "\(piped.stderr)")
        let missing = s.root.appendingPathComponent("none.csv").path
        let absent = try results(s, run, ["--succeeded", missing])
        #expect(absent.exitCode == 2)
        #expect(absent.stderr.hasPrefix("\(missing): error: file does not exist"), "\(absent.stderr)")
        let empty = s.root.appendingPathComponent("empty.csv")
        try Data().write(to: empty)
        let zero = try results(s, run, ["--failed", empty.path])
        #expect(zero.exitCode == 2)
        #expect(zero.stderr.hasPrefix("\(empty.path): error: file is empty (0 bytes)"), "\(zero.stderr)")
        #expect(try Data(contentsOf: s.stateFile) == before)
    }

    @Test func r27_aHeaderOnlyResultFileIsNothingToApplyAndSaysSo() throws {
        // Bulk API writes a header-only failedResults when every row loaded.
        let s = try StateScenario()
        defer { s.cleanUp() }
        let run = try firstSync(s)
        let before = try Data(contentsOf: s.stateFile)
        let empty = try bulkResults(s, run: run, failed: true, ids: [], name: "failedResults.csv")
        let result = try results(s, run, ["--failed", empty])
        #expect(result.exitCode == 0)
        #expect(result.stdout.hasPrefix("run \(run): nothing to apply, the result files hold no rows"), "\(result.stdout)")
        #expect(try Data(contentsOf: s.stateFile) == before)
    }

    @Test func r27_connectionRowsCountAgainstTheirProfile() throws {
        let s = try StateScenario()
        defer { s.cleanUp() }
        let run = try firstSync(s)
        let link = "ep-a:\(StateScenario.activeUser)"
        let failed = try bulkResults(s, run: run, failed: true, ids: [link], name: "failedResults.csv",
                                     object: "Engage_Connection_vod__c")
        let result = try results(s, run, ["--failed", failed, "--json"])
        #expect(result.exitCode == 1)
        let ledger = try s.ledger()
        #expect(ledger.first?["object"] as? String == "Engage_Connection_vod__c")
        #expect(ledger.first?["external_id"] as? String == link && ledger.first?["profile_id"] as? String == "ep-a")
        let report = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        #expect(report?["status_after"] as? String == "Success with errors" && report?["ledger_size"] as? Int == 1)
    }

    @Test func r27_resultsFindTheRunFolderOfASyncGivenRelativePathsFromAnotherFolder() throws {
        let s = try StateScenario()
        defer { s.cleanUp() }
        let e0 = try s.export("e0.json", exportedAt: hour(0, minutes: -10), profiles: [Profile(id: "ep-a", updatedAt: hour(-5))])
        let args = s.syncArgs(export: e0, now: hour(0)).map { $0 == s.out.path ? "out" : $0 }
        #expect(try BinaryRunner.run(args, cwd: s.root).exitCode == 0)
        let run = BinaryRunner.runFolders(s.out).last!
        let failed = try bulkResults(s, run: run, failed: true, ids: ["ep-a"], name: "failedResults.csv")
        let elsewhere = try BinaryRunner.temporaryFolder("cwd")
        defer { try? FileManager.default.removeItem(at: elsewhere) }
        let result = try BinaryRunner.run(["results", "--state", s.state.path, "--run", run, "--failed", failed], cwd: elsewhere)
        #expect(result.exitCode == 1, "\(result.stderr)")
        #expect(try s.history().last?["run_folder"] as? String == s.out.appendingPathComponent(run).path)
    }

    @Test func r27_theStateLockRefusesResultsWhileASyncRuns() throws {
        let s = try StateScenario()
        defer { s.cleanUp() }
        let run = try firstSync(s)
        let failed = try bulkResults(s, run: run, failed: true, ids: ["ep-b"], name: "failedResults.csv")
        let before = try Data(contentsOf: s.stateFile)
        let lock = try EngageSync.StateStore(directory: s.state.path).lock()
        let busy = try results(s, run, ["--failed", failed])
        lock.release()
        #expect(busy.exitCode == 75)
        #expect(try Data(contentsOf: s.stateFile) == before)
    }
}
