import Foundation

/// `summary.json` (SPEC §4): the pinned keys first, then details for people and scripts.
public struct RunSummary: Sendable, Codable, Equatable {
    public var runId: String
    public var mode: String
    public var modeReason: String
    public var status: String
    public var message: String
    public var counts: RecordCounts
    public var files: [UpdateFile]
    public var startedAt: String
    public var finishedAt: String
    public var dryRun: Bool
    public var export: String
    public var exportedAt: String?
    public var warnings: Int

    enum CodingKeys: String, CodingKey {
        case runId = "run_id", mode, modeReason = "mode_reason", status, message, counts, files
        case startedAt = "started_at", finishedAt = "finished_at", dryRun = "dry_run", export
        case exportedAt = "exported_at", warnings
    }

    /// Pretty, sorted JSON with a final newline.
    public func json() -> String {
        let data = (try? ReadableJSON.encoder.encode(self)) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
