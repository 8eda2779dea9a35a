import Foundation
import Testing
import EngageSync

/// R28: a sync killed with SIGKILL at several points of a large run leaves a valid state (the
/// previous one, or the new one with the run's entry), no temporary folder taken for a run, and
/// a re-run writes update files byte for byte like an uninterrupted run.
@Suite(.serialized) struct CrashSafetyTests {
    /// 12,000 profiles with one connection each: 24,000 update rows, about 5 s per run in a debug
    /// build, so that the whole test stays near 20 s.
    static let profiles = 12_000

    /// Writes a full JSON Lines export of `count` eligible profiles.
    func bigExport(_ url: URL, count: Int) throws {
        var text = #"{"format": "engage-connect-export", "version": 1, "exported_at": "2026-12-01T00:50:00Z", "kind": "full", "company_id": "verteo-biopharma"}"#
        text += "\n"
        text.reserveCapacity(count * 330)
        for i in 0..<count {
            let id = "ep-" + String(repeating: "0", count: 6 - String(i).count) + String(i)
            text += #"{"id": "\#(id)", "type": "\#(i % 3 == 0 ? "STAFF" : "HCP")", "status": "ACTIVE", "first_name": "Pat", "#
                + #""last_name": "Doe \#(i)", "display_name": "Dr. Pat Doe \#(i)", "title": "Title, \#(i % 17)", "#
                + #""updated_at": "2026-11-30T20:00:00Z", "accounts": [], "connections": [{"user_id": "0055j00000Sj0NaAAJ", "#
                + #""org_id": "00D5j00000AbCdE", "state": "CONNECTED", "updated_at": "2026-11-30T\#(10 + i % 10):00:00Z"}]}"#
                + "\n"
        }
        try Data(text.utf8).write(to: url)
    }

    /// The update files of a run folder, by name.
    func updateFiles(_ folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.contains(".upsert") {
            files[name] = try Data(contentsOf: folder.appendingPathComponent(name))
        }
        return files
    }

    /// Starts the sync, kills it with SIGKILL when `when` says so, and waits for it to end.
    /// Returns whether the kill came before the process ended by itself.
    func runAndKill(_ args: [String], when: (Date) -> Bool) throws -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: BinaryRunner.binary)
        process.arguments = args
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let started = Date()
        while process.isRunning && !when(started) { usleep(1_000) }
        let killed = process.isRunning
        if killed { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        return killed && process.terminationReason == .uncaughtSignal
    }

    /// The state after a kill: loads, and holds the previous history or that plus the killed run.
    func checkState(_ s: StateScenario, previous: [HistoryEntry], point: String) throws -> SyncState {
        let state = try StateStore(directory: s.state.path).load()
        #expect(state.history == previous || (state.history.dropLast() == previous[...]
                                                && state.history.last?.runId.hasPrefix("20261201T010000Z") == true),
                "\(point): history \(state.history.map(\.runId))")
        for entry in state.history {
            #expect(!entry.runFolder.hasSuffix(".partial"), "\(point)")
            #expect(FileManager.default.fileExists(atPath: entry.runFolder + "/summary.json"),
                    "\(point): \(entry.runFolder) is complete")
        }
        return state
    }

    @Test func r28_killedRunsLeaveValidStateAndARerunWritesTheSameFiles() throws {
        let s = try StateScenario("crash")
        defer { s.cleanUp() }
        let big = s.root.appendingPathComponent("big.jsonl")
        try bigExport(big, count: Self.profiles)
        let small = try s.export("small.json", exportedAt: hour(0, minutes: -10),
                                 profiles: [StateScenario.Profile(id: "ep-first", updatedAt: hour(-5))])
        #expect(try s.sync(small, now: hour(0)).exitCode == 0)
        let previous = try StateStore(directory: s.state.path).load().history

        // The reference: the same state, the same run, not interrupted.
        let reference = try StateScenario("crash-ref")
        defer { reference.cleanUp() }
        try FileManager.default.copyItem(at: s.state, to: reference.state)
        let ref = try BinaryRunner.run(reference.syncArgs(export: big.path, now: hour(1)) + ["--full"])
        #expect(ref.exitCode == 0, "\(ref.stderr)")
        let expected = try updateFiles(reference.out.appendingPathComponent("20261201T010000Z"))
        #expect(expected.count == 2)

        let args = s.syncArgs(export: big.path, now: hour(1)) + ["--full"]
        let partialAppeared: (Date) -> Bool = { _ in
            ((try? FileManager.default.contentsOfDirectory(atPath: s.out.path)) ?? []).contains { $0.hasSuffix(".partial") }
        }
        let runFolderAppeared: (Date) -> Bool = { _ in
            FileManager.default.fileExists(atPath: s.out.appendingPathComponent("20261201T010000Z").path)
        }
        // Progress is measured, not timed: how much of the profile update file the temporary
        // folder holds, against the reference's size (a busy machine changes only the speed).
        let profileFile = "Engage_Profile_vod__c.upsert.csv"
        let fullSize = expected[profileFile]?.count ?? 0
        let written: (Double) -> (Date) -> Bool = { fraction in
            { _ in
                let names = (try? FileManager.default.contentsOfDirectory(atPath: s.out.path)) ?? []
                guard let partial = names.first(where: { $0.hasSuffix(".partial") }) else { return false }
                let path = s.out.appendingPathComponent(partial).appendingPathComponent(profileFile).path
                let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
                return Double(size) >= Double(fullSize) * fraction
            }
        }
        let points: [(String, (Date) -> Bool)] = [
            ("as the temporary folder appears", partialAppeared),
            ("with 30 % of the profile rows written", written(0.3)),
            ("with 65 % of the profile rows written", written(0.65)),
            ("as the run folder is renamed", runFolderAppeared),
        ]
        var kills = 0
        var finished = false
        for (point, when) in points {
            if try runAndKill(args, when: when) { kills += 1 }
            let state = try checkState(s, previous: previous, point: point)
            if state.history.count > previous.count {
                finished = true  // killed after the state was saved: the run is complete
                break
            }
        }
        #expect(kills >= 3, "the process was killed at \(kills) points")
        #expect(fullSize > 1_000_000)
        if !finished {
            let rerun = try BinaryRunner.run(args)
            #expect(rerun.exitCode == 0, "\(rerun.stderr)")
        } else {
            #expect(try BinaryRunner.run(args).exitCode == 75, "a completed run is history: the next hour is refused")
        }
        let state = try StateStore(directory: s.state.path).load()
        #expect(state.history.count == previous.count + 1)
        let run = try #require(state.history.last)
        #expect(try updateFiles(URL(fileURLWithPath: run.runFolder)) == expected, "the re-run's update files")
        // No temporary folder is left once a run has finished, and every complete folder a kill
        // left behind (renamed, state not saved) holds the same files.
        let names = try FileManager.default.contentsOfDirectory(atPath: s.out.path)
        #expect(!names.contains { $0.hasSuffix(".partial") })
        for name in names where name.hasPrefix("20261201T010000Z") {
            #expect(try updateFiles(s.out.appendingPathComponent(name)) == expected, "\(name)")
        }
    }
}
