/// What the sync remembers between runs (R22, R23, R25), stored as `state.json` by `StateStore`.
///
/// The file is versioned, pretty-printed JSON with sorted keys:
/// `{"format": "engage-sync-state", "history": […], "ledger": […], "version": 1, "watermark": …}`.
public struct SyncState: Sendable, Equatable, Codable {
    /// The `format` value that marks a state file.
    public static let format = "engage-sync-state"
    /// The file version this build reads and writes.
    public static let version = 1

    /// The recorded syncs, oldest first, newest last; at most `policy.historySize`.
    public var history: [HistoryEntry]
    /// The `exported_at` of the last sync that ended in Success or Success with errors (R22).
    public var watermark: Instant?
    /// The failing records (R25).
    public var ledger: RetryLedger

    /// The org and Engage company this state belongs to, set by its first successful sync; a run
    /// with another `--org-id` or `--company-id` is refused as a configuration error, since its
    /// diff against this history would deactivate and clear what the other org's syncs wrote.
    public var orgId: String?
    public var companyId: String?

    public init(history: [HistoryEntry] = [], watermark: Instant? = nil, ledger: RetryLedger = RetryLedger()) {
        self.history = history
        self.watermark = watermark
        self.ledger = ledger
    }

    /// The latest recorded sync that ended in Success or Success with errors.
    public var lastSuccessfulRun: HistoryEntry? { history.last { $0.status.isSuccessful } }

    /// Appends a finished (not dry, not refused) sync, keeps the newest `policy.historySize`,
    /// and moves the watermark to its `exported_at` when it succeeded (a Failure never does).
    public mutating func record(_ entry: HistoryEntry, policy: SyncPolicy) {
        history.append(entry)
        let keep = max(policy.historySize, 1)
        if history.count > keep { history.removeFirst(history.count - keep) }
        if entry.status.isSuccessful, let exportedAt = entry.exportedAt { watermark = exportedAt }
    }

    /// Changes the recorded run `runId` in place (R27: `results` updates the run it names);
    /// false when the history no longer holds it.
    @discardableResult
    public mutating func updateRun(_ runId: String, _ change: (inout HistoryEntry) -> Void) -> Bool {
        guard let index = history.lastIndex(where: { $0.runId == runId }) else { return false }
        change(&history[index])
        return true
    }

    /// The recorded run `runId`, if the history still holds it.
    public func run(_ runId: String) -> HistoryEntry? { history.last { $0.runId == runId } }

    enum CodingKeys: String, CodingKey {
        case format, version, history, watermark, ledger
        case orgId = "org_id", companyId = "company_id"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let format = try c.decode(String.self, forKey: .format)
        guard format == Self.format else {
            throw DecodingError.dataCorruptedError(
                forKey: .format, in: c, debugDescription: "format is '\(format)', not '\(Self.format)'")
        }
        let version = try c.decode(Int.self, forKey: .version)
        guard version == Self.version else {
            throw DecodingError.dataCorruptedError(
                forKey: .version, in: c,
                debugDescription: "unsupported version \(version) (this engage-sync reads version \(Self.version))")
        }
        history = try c.decode([HistoryEntry].self, forKey: .history)
        watermark = try c.decodeInstantIfPresent(forKey: .watermark)
        ledger = try c.decode(RetryLedger.self, forKey: .ledger)
        orgId = try c.decodeIfPresent(String.self, forKey: .orgId)
        companyId = try c.decodeIfPresent(String.self, forKey: .companyId)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(Self.format, forKey: .format)
        try c.encode(Self.version, forKey: .version)
        try c.encode(history, forKey: .history)
        try c.encodeInstant(watermark, forKey: .watermark)
        try c.encode(ledger, forKey: .ledger)
        try c.encodeIfPresent(orgId, forKey: .orgId)
        try c.encodeIfPresent(companyId, forKey: .companyId)
    }
}
