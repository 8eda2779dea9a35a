/// One recorded sync (R23). Dry runs and refused runs are never recorded.
public struct HistoryEntry: Sendable, Equatable, Codable {
    /// The run id, equal to the run folder's name.
    public var runId: String
    public var start: Instant
    public var end: Instant
    public var mode: SyncMode
    /// Why that mode, in a few words (`ModeDecision`).
    public var modeReason: String
    public var status: SyncStatus
    public var counts: RecordCounts
    /// The run's one-line message (as in `summary.json`).
    public var message: String
    /// The run folder (its logs and update files), as written.
    public var runFolder: String
    /// The export's `exported_at`; nil when the export could not be read. A successful sync's
    /// value becomes the watermark (R22).
    public var exportedAt: Instant?
    /// The loader's results once `engage-sync results` applied them (R27).
    public var loadResults: LoadResultsSummary?

    public init(runId: String, start: Instant, end: Instant, mode: SyncMode, modeReason: String,
                status: SyncStatus, counts: RecordCounts = RecordCounts(), message: String = "",
                runFolder: String, exportedAt: Instant? = nil, loadResults: LoadResultsSummary? = nil) {
        self.runId = runId
        self.start = start
        self.end = end
        self.mode = mode
        self.modeReason = modeReason
        self.status = status
        self.counts = counts
        self.message = message
        self.runFolder = runFolder
        self.exportedAt = exportedAt
        self.loadResults = loadResults
    }

    enum CodingKeys: String, CodingKey {
        case runId = "run_id"
        case start, end, mode
        case modeReason = "mode_reason"
        case status, counts, message
        case runFolder = "run_folder"
        case exportedAt = "exported_at"
        case loadResults = "load_results"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        runId = try c.decode(String.self, forKey: .runId)
        start = try c.decodeInstant(forKey: .start)
        end = try c.decodeInstant(forKey: .end)
        mode = try c.decode(SyncMode.self, forKey: .mode)
        modeReason = try c.decodeIfPresent(String.self, forKey: .modeReason) ?? ""
        status = try c.decode(SyncStatus.self, forKey: .status)
        counts = try c.decodeIfPresent(RecordCounts.self, forKey: .counts) ?? RecordCounts()
        message = try c.decodeIfPresent(String.self, forKey: .message) ?? ""
        runFolder = try c.decodeIfPresent(String.self, forKey: .runFolder) ?? ""
        exportedAt = try c.decodeInstantIfPresent(forKey: .exportedAt)
        loadResults = try c.decodeIfPresent(LoadResultsSummary.self, forKey: .loadResults)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(runId, forKey: .runId)
        try c.encodeInstant(start, forKey: .start)
        try c.encodeInstant(end, forKey: .end)
        try c.encode(mode, forKey: .mode)
        try c.encode(modeReason, forKey: .modeReason)
        try c.encode(status, forKey: .status)
        try c.encode(counts, forKey: .counts)
        try c.encode(message, forKey: .message)
        try c.encode(runFolder, forKey: .runFolder)
        try c.encodeInstant(exportedAt, forKey: .exportedAt)
        try c.encodeIfPresent(loadResults, forKey: .loadResults)
    }
}
