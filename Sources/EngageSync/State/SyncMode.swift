/// How much of the export a sync looks at (R20, R21).
public enum SyncMode: String, Sendable, Codable, CaseIterable {
    /// Every profile of a `full` export.
    case full
    /// The profiles changed after the watermark, plus the records due for retry.
    case incremental
}
