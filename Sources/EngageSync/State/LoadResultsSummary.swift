/// What the loader reported for a run's update files (R27), as applied by `engage-sync results`.
public struct LoadResultsSummary: Sendable, Equatable, Codable {
    /// Rows the loader accepted.
    public var succeeded: Int
    /// Rows the loader rejected; each counted as one failure in the retry ledger.
    public var failed: Int
    /// The result files read, as given.
    public var files: [String]
    /// When the results were applied.
    public var appliedAt: Instant?

    public init(succeeded: Int, failed: Int, files: [String], appliedAt: Instant? = nil) {
        self.succeeded = succeeded
        self.failed = failed
        self.files = files
        self.appliedAt = appliedAt
    }

    enum CodingKeys: String, CodingKey {
        case succeeded, failed, files
        case appliedAt = "applied_at"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        succeeded = try c.decode(Int.self, forKey: .succeeded)
        failed = try c.decode(Int.self, forKey: .failed)
        files = try c.decodeIfPresent([String].self, forKey: .files) ?? []
        appliedAt = try c.decodeInstantIfPresent(forKey: .appliedAt)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(succeeded, forKey: .succeeded)
        try c.encode(failed, forKey: .failed)
        try c.encode(files, forKey: .files)
        try c.encodeInstant(appliedAt, forKey: .appliedAt)
    }
}
