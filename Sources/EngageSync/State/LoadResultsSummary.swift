/// What the loader reported for a run's update files (R27), as applied by `engage-sync results`.
public struct LoadResultsSummary: Sendable, Equatable, Codable {
    /// Rows the loader accepted.
    public var succeeded: Int
    /// Rows the loader rejected; each counted as one failure in the retry ledger.
    public var failed: Int
    /// The result files applied, as given, in the order applied.
    public var files: [String]
    /// A content digest per applied file (same order as `files`; see `LoadResultFile.digest`):
    /// a file applied again is recognised and skipped.
    public var digests: [String]
    /// When results were last applied.
    public var appliedAt: Instant?

    public init(succeeded: Int, failed: Int, files: [String], digests: [String] = [], appliedAt: Instant? = nil) {
        self.succeeded = succeeded
        self.failed = failed
        self.files = files
        self.digests = digests
        self.appliedAt = appliedAt
    }

    enum CodingKeys: String, CodingKey {
        case succeeded, failed, files, digests
        case appliedAt = "applied_at"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        succeeded = try c.decode(Int.self, forKey: .succeeded)
        failed = try c.decode(Int.self, forKey: .failed)
        files = try c.decodeIfPresent([String].self, forKey: .files) ?? []
        digests = try c.decodeIfPresent([String].self, forKey: .digests) ?? []
        appliedAt = try c.decodeInstantIfPresent(forKey: .appliedAt)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(succeeded, forKey: .succeeded)
        try c.encode(failed, forKey: .failed)
        try c.encode(files, forKey: .files)
        try c.encode(digests, forKey: .digests)
        try c.encodeInstant(appliedAt, forKey: .appliedAt)
    }
}
