import Foundation
import Testing

/// SPEC §8 and R28 end to end: every file of the bad-input corpus replaces one input of a sync
/// that follows a good baseline sync in the same state folder. Each case states its exit code and
/// the exact first line of its message; state and outputs are checked for nothing lost:
/// - exit 64: no run folder, `state.json` byte-identical;
/// - exit 2 (run-level Failure): one complete run folder with header-only update files, no
///   `.partial` left; `state.json` differs only by one more history entry, a Failure (watermark
///   and retry ledger untouched);
/// - exit 0 / 1: the run goes on; record errors are rows of `error.csv`;
/// - whenever a summary is printed, stderr stays empty (no library writes there on its own).
@Suite(.serialized) struct BadInputCorpusTests {
    static let baseline = BinaryRunner.packageRoot.appendingPathComponent("Tests/Fixtures/basic")
    static let identity = ["--org-id", "00D5j00000AbCdE", "--company-id", "verteo-biopharma",
                           "--integration-user", "0055j00000EnGsYAAV"]

    @Test(arguments: BadInputCase.all)
    func r28_badInputIsAnsweredAndLosesNothing(_ testCase: BadInputCase) throws {
        let fm = FileManager.default
        let folder = try BinaryRunner.temporaryFolder("bad-input")
        defer { try? fm.removeItem(at: folder) }
        try fm.copyItem(at: Self.baseline.appendingPathComponent("snapshot"), to: folder.appendingPathComponent("snapshot"))
        try fm.copyItem(at: Self.baseline.appendingPathComponent("export.json"), to: folder.appendingPathComponent("export.json"))
        let common = ["sync", "--snapshot", "snapshot", "--state", "state", "--out", "out"] + Self.identity
        let good = try BinaryRunner.run(common + ["--export", "export.json", "--now", "2026-11-30T10:00:00Z"], cwd: folder)
        try #require(good.exitCode == 0, "baseline sync: \(good.stderr)")

        let placed = try testCase.place(in: folder)
        var args = common + ["--now", "2026-11-30T11:30:00Z", "--export", try testCase.exportPath(placed: placed, in: folder)]
        if ["mapping", "manifest", "config", "grants"].contains(testCase.replaces) { args += ["--" + testCase.replaces, placed] }
        let stateFile = folder.appendingPathComponent("state/state.json")
        let stateBefore = try Data(contentsOf: stateFile)
        let foldersBefore = BinaryRunner.runFolders(folder.appendingPathComponent("out"))

        let result = try BinaryRunner.run(args, cwd: folder)
        #expect(result.exitCode == testCase.exit, "stdout: \(result.stdout)\nstderr: \(result.stderr)")
        let out = folder.appendingPathComponent("out")
        let newFolders = BinaryRunner.runFolders(out).filter { !foldersBefore.contains($0) }
        #expect(!newFolders.contains { $0.hasSuffix(".partial") }, "a temporary run folder was left: \(newFolders)")
        let stateAfter = try Data(contentsOf: stateFile)

        if testCase.exit == 64 {
            #expect(firstLine(result.stderr) == testCase.firstLine)
            #expect(newFolders.isEmpty)
            #expect(stateAfter == stateBefore, "state.json changed")
        } else {
            try #require(newFolders.count == 1, "run folders: \(newFolders)")
            let run = out.appendingPathComponent(newFolders[0])
            let summary = try #require(try JSONSerialization.jsonObject(
                with: Data(contentsOf: run.appendingPathComponent("summary.json"))) as? [String: Any])
            // stderr holds the Failure's message and nothing else (no library writes there itself).
            let failureLine = testCase.exit == 2 ? "engage-sync sync: Failure: \(summary["message"] as? String ?? "")\n" : ""
            #expect(result.stderr == failureLine, "a run that ends with a summary prints nothing else: \(result.stderr)")
            #expect(firstLine(summary["message"] as? String ?? "") == testCase.firstLine)
            if testCase.exit == 2 {
                try expectFailureRun(run, stateBefore: stateBefore, stateAfter: stateAfter)
            }
            if let row = testCase.errorRow {
                let errors = try String(contentsOf: run.appendingPathComponent("error.csv"), encoding: .utf8)
                #expect(errors.split(separator: "\n").dropFirst().first.map(String.init) == row)
            }
            for (file, lines) in testCase.outputLines ?? [:] {
                let text = try String(contentsOf: run.appendingPathComponent(file), encoding: .utf8)
                for line in lines { #expect(text.split(separator: "\n").contains(Substring(line)), "\(file): \(line)") }
            }
        }
        if let secret = testCase.secret {
            let text = try String(contentsOf: BadInputCase.corpus.appendingPathComponent(secret), encoding: .utf8)
            let marker = String(text.prefix(while: { $0 != ":" }))
            #expect(!result.stdout.contains(marker) && !result.stderr.contains(marker))
            for file in try filesUnder(out) + filesUnder(folder.appendingPathComponent("state")) {
                #expect(!(try Data(contentsOf: file)).contains(Data(marker.utf8)), "\(file.path) holds the secret")
            }
        }
    }

    /// A run-level Failure: header-only update files, and state moved by one Failure in the history only.
    private func expectFailureRun(_ run: URL, stateBefore: Data, stateAfter: Data) throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: run.path)
        #expect(files.contains("summary.json"))
        for file in files where file.hasSuffix(".csv") {
            let text = try String(contentsOf: run.appendingPathComponent(file), encoding: .utf8)
            #expect(text.split(separator: "\n").count <= 1, "\(file) has rows")
        }
        var before = try #require(try JSONSerialization.jsonObject(with: stateBefore) as? [String: Any])
        var after = try #require(try JSONSerialization.jsonObject(with: stateAfter) as? [String: Any])
        let historyBefore = before.removeValue(forKey: "history") as? [[String: Any]] ?? []
        let historyAfter = after.removeValue(forKey: "history") as? [[String: Any]] ?? []
        #expect(NSDictionary(dictionary: before).isEqual(to: after), "state moved beyond its history")
        #expect(historyAfter.count == historyBefore.count + 1)
        #expect(historyAfter.last?["status"] as? String == "Failure")
    }

    private func firstLine(_ text: String) -> String {
        String(text.prefix(while: { $0 != "\n" }))
    }

    private func filesUnder(_ folder: URL) throws -> [URL] {
        let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
        return (walker?.allObjects as? [URL] ?? []).filter { !$0.hasDirectoryPath }
    }
}
