/// How a sync ended (R24); the raw values are the words `summary.json` and the history use.
public enum SyncStatus: String, Sendable, Codable, CaseIterable {
    /// Every record in scope was converted.
    case success = "Success"
    /// Some records were converted, some failed.
    case successWithErrors = "Success with errors"
    /// Nothing was converted, or a run-level fault stopped the run.
    case failure = "Failure"

    /// Success or Success with errors: the statuses that move the watermark (R22) and count as
    /// "a sync succeeded" for R20.
    public var isSuccessful: Bool { self != .failure }
}
