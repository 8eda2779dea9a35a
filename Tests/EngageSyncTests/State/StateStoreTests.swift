import Foundation
import Testing
@testable import EngageSync

@Suite struct StateStoreTests {
    func sampleState() -> SyncState {
        var state = SyncState()
        var counts = RecordCounts()
        counts.create = 3
        counts.update = 1
        counts.failed = 1
        var first = entry("20261129T100000Z", start: at(-120), status: .successWithErrors, mode: .full,
                          exportedAt: at(-130))
        first.counts = counts
        first.message = "4 records converted, 1 failed"
        first.loadResults = LoadResultsSummary(succeeded: 3, failed: 1, files: ["/load/failedResults.csv"],
                                               appliedAt: at(-30))
        state.record(first, policy: SyncPolicy())
        state.record(entry("20261129T120000Z", start: at(), status: .failure, mode: .incremental), policy: SyncPolicy())
        state.ledger.recordFailure(object: "Engage_Connection_vod__c", externalId: "P1:005000000000001AAA",
                                   profileId: "P1", profileUpdatedAt: at(-500), error: "R5: inactive user",
                                   runId: "20261129T100000Z")
        return state
    }

    @Test func r28_missingFolderOrFileIsAnEmptyState() throws {
        let folder = temporaryFolder()
        defer { cleanUp(folder) }
        #expect(try StateStore(directory: folder + "/not/yet").load() == SyncState())
        #expect(try StateStore(directory: folder).load() == SyncState())
        #expect(!FileManager.default.fileExists(atPath: folder + "/not"))
        try StateStore(directory: folder + "/not/yet").prepare()
        #expect(FileManager.default.fileExists(atPath: folder + "/not/yet"))
    }

    @Test func r23_jsonRoundTrip() throws {
        let folder = temporaryFolder()
        defer { cleanUp(folder) }
        let store = StateStore(directory: folder + "/state")
        let state = sampleState()
        try store.save(state)
        #expect(try store.load() == state)
    }

    @Test func r23_stateFileIsVersionedReadableJSON() throws {
        let folder = temporaryFolder()
        defer { cleanUp(folder) }
        let store = StateStore(directory: folder)
        var state = SyncState()
        state.record(entry("run-1", start: at(), status: .success, mode: .full, exportedAt: at(-10)), policy: SyncPolicy())
        try store.save(state)
        let text = try String(contentsOfFile: store.stateFile, encoding: .utf8)
        #expect(text == """
            {
              "format" : "engage-sync-state",
              "history" : [
                {
                  "counts" : {
                    "create" : 0,
                    "deactivate" : 0,
                    "delete" : 0,
                    "failed" : 0,
                    "reactivate" : 0,
                    "skipped" : 0,
                    "unchanged" : 0,
                    "update" : 0
                  },
                  "end" : "2026-11-29T12:02:00.000Z",
                  "exported_at" : "2026-11-29T11:50:00.000Z",
                  "message" : "",
                  "mode" : "full",
                  "mode_reason" : "test",
                  "run_folder" : "/out/run-1",
                  "run_id" : "run-1",
                  "start" : "2026-11-29T12:00:00.000Z",
                  "status" : "Success"
                }
              ],
              "ledger" : [

              ],
              "version" : 1,
              "watermark" : "2026-11-29T11:50:00.000Z"
            }

            """)
    }

    @Test func r28_atomicSaveLeavesNoTemporaryFile() throws {
        let folder = temporaryFolder()
        defer { cleanUp(folder) }
        let store = StateStore(directory: folder)
        let state = sampleState()
        try store.save(state)
        #expect(!FileManager.default.fileExists(atPath: store.temporaryFile))
        // A crash between writing the temporary file and the rename leaves the previous state.
        try Data("{ half written".utf8).write(to: URL(fileURLWithPath: store.temporaryFile))
        #expect(try store.load() == state)
        var next = state
        next.record(entry("later", start: at(90), status: .success), policy: SyncPolicy())
        try store.save(next)
        #expect(!FileManager.default.fileExists(atPath: store.temporaryFile))
        #expect(try store.load() == next)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder)
        #expect(names == ["state.json"])
    }

    func loadError(_ content: String) throws -> InputError {
        let folder = temporaryFolder()
        defer { cleanUp(folder) }
        let store = StateStore(directory: folder)
        try Data(content.utf8).write(to: URL(fileURLWithPath: store.stateFile))
        do {
            _ = try store.load()
        } catch let error as InputError {
            #expect(error.kind == .state)
            #expect(error.location.path == store.stateFile)
            #expect(error.message.hasPrefix("cannot read the sync state: "))
            #expect(error.message.hasSuffix("; fix or move the file away — it is never reset silently"))
            // The file is left as it was.
            #expect(try String(contentsOfFile: store.stateFile, encoding: .utf8) == content)
            return error
        }
        Issue.record("no error for \(content)")
        return InputError(.state, SourceLocation(path: ""), "")
    }

    @Test func r28_unreadableStateIsAnErrorNeverAReset() throws {
        let error = try loadError("{\n  \"format\" : \"engage-sync-state\",\n  \"version\" : 1,\n  oops\n}\n")
        #expect(error.location.line == 4)
        #expect(error.location.column == 3)
        #expect(error.message.contains("not valid JSON"))
        #expect(try loadError("").message.contains("the file is empty"))
        #expect(try loadError("[]").message.contains("cannot read the sync state"))
    }

    @Test func r28_unknownVersionOrFormatIsAnError() throws {
        let v2 = try loadError(#"{"format":"engage-sync-state","version":2,"history":[],"ledger":[]}"#)
        #expect(v2.message.contains("unsupported version 2 (this engage-sync reads version 1)"))
        let other = try loadError(#"{"format":"something-else","version":1,"history":[],"ledger":[]}"#)
        #expect(other.message.contains("format is 'something-else'"))
        let missing = try loadError(#"{"history":[],"ledger":[]}"#)
        #expect(missing.message.contains("the key 'format' is missing"))
    }

    @Test func r28_badFieldIsNamedByItsPath() throws {
        let text = #"{"format":"engage-sync-state","version":1,"ledger":[],"watermark":null,"history":[{"run_id":"a","#
            + #""start":"yesterday","end":"2026-11-29T12:00:00Z","mode":"full","status":"Success"}]}"#
        let error = try loadError(text)
        #expect(error.message.contains("history[0].start: 'yesterday' is not a datetime"), "\(error.message)")
        let status = text.replacingOccurrences(of: "yesterday", with: "2026-11-29T12:00:00Z")
            .replacingOccurrences(of: "\"Success\"", with: "\"Great\"")
        #expect(try loadError(status).message.contains("history[0].status"))
    }

    @Test func r28_stateFolderThatIsAFileIsAnError() throws {
        let folder = temporaryFolder()
        defer { cleanUp(folder) }
        let file = folder + "/state"
        _ = FileManager.default.createFile(atPath: file, contents: Data("x".utf8))
        #expect(throws: InputError.self) { try StateStore(directory: file).load() }
        #expect(throws: InputError.self) { try StateStore(directory: file).save(SyncState()) }
    }

    @Test func r26_secondLockInTheSameProcessIsRefused() throws {
        let folder = temporaryFolder()
        defer { cleanUp(folder) }
        let store = StateStore(directory: folder + "/state")
        let lock = try store.lock()
        #expect(lock.isHeld)
        #expect(throws: StateLocked(path: store.lockFile)) { try store.lock() }
        lock.release()
        #expect(!lock.isHeld)
        let again = try store.lock()
        #expect(again.isHeld)
    }

    @Test func r26_lockIsReleasedOnDeinit() throws {
        let folder = temporaryFolder()
        defer { cleanUp(folder) }
        let store = StateStore(directory: folder)
        do { _ = try store.lock() }
        _ = try store.lock()
    }

    /// Starts `flock` holding the state lock in a child process and waits until it holds it.
    func holdInChild(_ lockFile: String, closeInChild: Bool) throws -> (Process, Pipe) {
        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/usr/bin/flock")
        // -o: only flock itself holds the lock, so killing it is a crash of the lock holder.
        child.arguments = (closeInChild ? ["-o"] : []) + ["-x", lockFile, "-c", "echo held; read line"]
        let input = Pipe()
        let output = Pipe()
        child.standardInput = input
        child.standardOutput = output
        try child.run()
        var seen = Data()
        while !String(decoding: seen, as: UTF8.self).contains("held") {
            let data = output.fileHandleForReading.availableData
            if data.isEmpty { break }
            seen.append(data)
        }
        return (child, input)
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/flock")))
    func r26_concurrentRunIsRefusedByTheLock() throws {
        let folder = temporaryFolder()
        defer { cleanUp(folder) }
        let store = StateStore(directory: folder)
        try store.prepare()
        let (child, input) = try holdInChild(store.lockFile, closeInChild: false)
        #expect(throws: StateLocked(path: store.lockFile)) { try store.lock() }
        try input.fileHandleForWriting.write(contentsOf: Data("\n".utf8))
        try input.fileHandleForWriting.close()
        child.waitUntilExit()
        #expect(try store.lock().isHeld)
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/flock")))
    func r26_crashedHolderLeavesNoStaleLock() throws {
        let folder = temporaryFolder()
        defer { cleanUp(folder) }
        let store = StateStore(directory: folder)
        try store.prepare()
        let (child, input) = try holdInChild(store.lockFile, closeInChild: true)
        #expect(throws: StateLocked.self) { try store.lock() }
        kill(child.processIdentifier, SIGKILL)
        // The orphaned `sh` keeps the child's pipes open, and Foundation's Process only sees the
        // end once they close: end it first (it never held the lock), then wait.
        try input.fileHandleForWriting.close()
        child.waitUntilExit()
        #expect(FileManager.default.fileExists(atPath: store.lockFile))
        #expect(try store.lock().isHeld)
    }
}
