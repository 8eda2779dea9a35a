import Foundation
@testable import EngageSync

/// `2026-11-29T12:00:00.000Z` plus the given minutes.
func at(_ minutes: Int = 0, days: Int = 0) -> Instant {
    try! Instant(parsing: "2026-11-29T12:00:00Z").adding(minutes: minutes + days * 1440)
}

func entry(_ runId: String, start: Instant, status: SyncStatus, mode: SyncMode = .incremental,
           exportedAt: Instant? = nil) -> HistoryEntry {
    HistoryEntry(
        runId: runId, start: start, end: start.adding(minutes: 2), mode: mode, modeReason: "test",
        status: status, message: "", runFolder: "/out/\(runId)",
        exportedAt: exportedAt ?? (status == .failure ? nil : start.adding(minutes: -5)))
}

/// A fresh folder under the system's temporary folder, removed by the caller with `cleanUp`.
func temporaryFolder() -> String {
    let path = TestScratch.root.appendingPathComponent("engage-sync-state-\(UUID().uuidString)").path
    try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

func cleanUp(_ path: String) {
    try? FileManager.default.removeItem(atPath: path)
}
