import Foundation
import Testing

@testable import EngageSync

/// R28: the temporary run folder and what a later run may clean up.
struct RunFolderTests {
    private func outFolder() throws -> String {
        let path = TestScratch.root
            .appendingPathComponent("engage-sync-runfolder-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func r28_aPartialFolderLeftByAKilledRunIsRemoved() throws {
        let out = try outFolder()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let stale = out + "/.20261130T090000Z.partial"
        try FileManager.default.createDirectory(atPath: stale, withIntermediateDirectories: false)
        let folder = try RunFolder.create(out: out, now: try Instant(parsing: "2026-11-30T10:00:00Z"))
        #expect(!FileManager.default.fileExists(atPath: stale))
        #expect(FileManager.default.fileExists(atPath: folder.temporary))
    }

    @Test func r28_aPartialFolderOfARunStillWritingIsKept() throws {
        // Two syncs with their own state folders may share one out folder.
        let out = try outFolder()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let first = try RunFolder.create(out: out, now: try Instant(parsing: "2026-11-30T10:00:00Z"))
        let second = try RunFolder.create(out: out, now: try Instant(parsing: "2026-11-30T10:00:00Z"))
        #expect(FileManager.default.fileExists(atPath: first.temporary))
        #expect(second.runId == "20261130T100000Z-2")
        try RunFolder.complete(first, summary: summary(first.runId))
        #expect(FileManager.default.fileExists(atPath: first.final + "/summary.json"))
        RunFolder.discard(second)
        #expect(BinaryRunner.runFolders(URL(fileURLWithPath: out)) == ["20261130T100000Z"])
    }

    private func summary(_ runId: String) -> RunSummary {
        RunSummary(runId: runId, mode: "full", modeReason: "first sync", status: "Success", message: "",
                   counts: RecordCounts(), files: [], startedAt: "", finishedAt: "", dryRun: false, export: "",
                   exportedAt: nil, warnings: 0)
    }
}
