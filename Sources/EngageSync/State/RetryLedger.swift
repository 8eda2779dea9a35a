/// The records that failed on earlier syncs and how often in a row (R25).
///
/// A record is keyed by its object and external id. The failure count includes the first
/// failure: after `maxRecordFailures` failing syncs the next one skips the record until its
/// profile's `updated_at` differs from the one it last failed on; then the count restarts.
/// Run-level faults must not be recorded here, so their retries never stop.
public struct RetryLedger: Sendable, Equatable, Codable {
    /// Where a failure was seen.
    public enum Source: String, Sendable, Codable {
        /// The sync could not convert the record (a record error in `error.csv`).
        case sync
        /// The loader rejected the record's row (`engage-sync results`, R27).
        case load
    }

    /// One failing record.
    public struct Entry: Sendable, Equatable, Codable {
        public var object: String
        public var externalId: String
        /// Failures in a row, the first included (1 after a first failure).
        public var consecutiveFailures: Int
        public var lastError: String
        public var lastRunId: String
        /// The Engage profile the record comes from (for a connection: its profile).
        public var profileId: String
        /// The profile's `updated_at` the record last failed on; nil when the export had none, or
        /// for a load failure until a later sync sees the profile again.
        public var profileUpdatedAt: Instant?
        /// Where the latest failure was seen.
        public var source: Source

        public init(object: String, externalId: String, consecutiveFailures: Int, lastError: String,
                    lastRunId: String, profileId: String, profileUpdatedAt: Instant?, source: Source = .sync) {
            self.object = object
            self.externalId = externalId
            self.consecutiveFailures = consecutiveFailures
            self.lastError = lastError
            self.lastRunId = lastRunId
            self.profileId = profileId
            self.profileUpdatedAt = profileUpdatedAt
            self.source = source
        }

        enum CodingKeys: String, CodingKey {
            case object
            case externalId = "external_id"
            case consecutiveFailures = "consecutive_failures"
            case lastError = "last_error"
            case lastRunId = "last_run_id"
            case profileId = "profile_id"
            case profileUpdatedAt = "profile_updated_at"
            case source
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            object = try c.decode(String.self, forKey: .object)
            externalId = try c.decode(String.self, forKey: .externalId)
            consecutiveFailures = try c.decode(Int.self, forKey: .consecutiveFailures)
            lastError = try c.decodeIfPresent(String.self, forKey: .lastError) ?? ""
            lastRunId = try c.decodeIfPresent(String.self, forKey: .lastRunId) ?? ""
            profileId = try c.decode(String.self, forKey: .profileId)
            profileUpdatedAt = try c.decodeInstantIfPresent(forKey: .profileUpdatedAt)
            source = try c.decodeIfPresent(Source.self, forKey: .source) ?? .sync
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(object, forKey: .object)
            try c.encode(externalId, forKey: .externalId)
            try c.encode(consecutiveFailures, forKey: .consecutiveFailures)
            try c.encode(lastError, forKey: .lastError)
            try c.encode(lastRunId, forKey: .lastRunId)
            try c.encode(profileId, forKey: .profileId)
            try c.encodeInstant(profileUpdatedAt, forKey: .profileUpdatedAt)
            try c.encode(source, forKey: .source)
        }
    }

    /// A record's key: object and external id.
    public struct Key: Sendable, Hashable, Comparable {
        public var object: String
        public var externalId: String

        public init(object: String, externalId: String) {
            self.object = object
            self.externalId = externalId
        }

        public static func < (a: Key, b: Key) -> Bool {
            (a.object, a.externalId) < (b.object, b.externalId)
        }
    }

    private var entriesByKey: [Key: Entry] = [:]

    public init() {}

    public init(entries: [Entry]) {
        for entry in entries { entriesByKey[Key(object: entry.object, externalId: entry.externalId)] = entry }
    }

    /// Every failing record, sorted by object, then external id.
    public var entries: [Entry] {
        entriesByKey.keys.sorted().map { entriesByKey[$0]! }
    }

    public var isEmpty: Bool { entriesByKey.isEmpty }
    public var count: Int { entriesByKey.count }

    /// The record's entry, if it is failing.
    public func entry(object: String, externalId: String) -> Entry? {
        entriesByKey[Key(object: object, externalId: externalId)]
    }

    /// Records one more failure of the record and returns its attempt number (1 for a first
    /// failure, or when the profile's `updated_at` changed since the last one): the value of
    /// `error.csv`'s `attempt` column.
    @discardableResult
    public mutating func recordFailure(object: String, externalId: String, profileId: String,
                                       profileUpdatedAt: Instant?, error: String, runId: String) -> Int {
        let key = Key(object: object, externalId: externalId)
        let attempt = attempt(object: object, externalId: externalId, profileUpdatedAt: profileUpdatedAt)
        entriesByKey[key] = Entry(
            object: object, externalId: externalId, consecutiveFailures: attempt, lastError: error,
            lastRunId: runId, profileId: profileId, profileUpdatedAt: profileUpdatedAt)
        return attempt
    }

    /// Records that the loader rejected the record's row in run `runId` (R27): one more failure in
    /// a row, whatever the profile's `updated_at` (the load happened after the sync saw it, so the
    /// `updated_at` on file stays). Returns the new failure count.
    @discardableResult
    public mutating func recordLoadFailure(object: String, externalId: String, profileId: String, error: String,
                                           runId: String) -> Int {
        let key = Key(object: object, externalId: externalId)
        let previous = entriesByKey[key]
        let count = (previous?.consecutiveFailures ?? 0) + 1
        entriesByKey[key] = Entry(
            object: object, externalId: externalId, consecutiveFailures: count, lastError: error, lastRunId: runId,
            profileId: previous?.profileId ?? profileId, profileUpdatedAt: previous?.profileUpdatedAt, source: .load)
        return count
    }

    /// A sync reprocessed the profile of a record whose latest failure was a load failure and the
    /// record converted: the load's verdict is still to come, so the entry stays, learning the
    /// profile's `updated_at` when it had none; a profile that changed since restarts the count
    /// (the entry goes). Returns whether the entry stays.
    @discardableResult
    public mutating func keepLoadFailure(object: String, externalId: String, profileUpdatedAt: Instant?) -> Bool {
        let key = Key(object: object, externalId: externalId)
        guard var entry = entriesByKey[key], entry.source == .load else { return false }
        if entry.profileUpdatedAt == nil { entry.profileUpdatedAt = profileUpdatedAt }
        guard entry.profileUpdatedAt == profileUpdatedAt else {
            entriesByKey[key] = nil
            return false
        }
        entriesByKey[key] = entry
        return true
    }

    /// Forgets the record: it converted (or loaded) successfully, so its failures are no longer
    /// in a row.
    public mutating func recordSuccess(object: String, externalId: String) {
        entriesByKey[Key(object: object, externalId: externalId)] = nil
    }

    /// Forgets every record of a profile (e.g. before its entry is reprocessed as a whole).
    public mutating func removeAll(profileId: String) {
        entriesByKey = entriesByKey.filter { $0.value.profileId != profileId }
    }

    /// The attempt number of the record's latest recorded failure (1 after a first failure),
    /// 0 when it has none on file.
    public func attempt(object: String, externalId: String) -> Int {
        entry(object: object, externalId: externalId)?.consecutiveFailures ?? 0
    }

    /// The attempt number processing the record now would have if it failed: 1 when it has no
    /// failure on file or its profile's `updated_at` changed since, else one more than before.
    public func attempt(object: String, externalId: String, profileUpdatedAt: Instant?) -> Int {
        // A load failure not yet seen by a sync has no `updated_at` on file: it is the same version.
        guard let entry = entry(object: object, externalId: externalId),
              entry.profileUpdatedAt == nil || entry.profileUpdatedAt == profileUpdatedAt
        else { return 1 }
        return entry.consecutiveFailures + 1
    }

    /// Whether a sync should process the record (R25): yes unless it failed
    /// `policy.maxRecordFailures` times in a row on this very profile `updated_at`.
    public func shouldProcess(object: String, externalId: String, profileUpdatedAt: Instant?,
                              policy: SyncPolicy) -> Bool {
        guard let entry = entry(object: object, externalId: externalId) else { return true }
        return entry.consecutiveFailures < policy.maxRecordFailures || entry.profileUpdatedAt != profileUpdatedAt
    }

    /// Whether the record has given up until its profile changes.
    public func isWaitingForChange(object: String, externalId: String, policy: SyncPolicy) -> Bool {
        guard let entry = entry(object: object, externalId: externalId) else { return false }
        return entry.consecutiveFailures >= policy.maxRecordFailures
    }

    /// The profiles an incremental sync must reprocess whatever their `updated_at` (R21): those
    /// with a failing record that has not yet failed `policy.maxRecordFailures` times in a row.
    /// (A record that has, comes back by itself once its profile's `updated_at` moves past the
    /// watermark; `shouldProcess` then lets it through.)
    public func profileIdsDueForRetry(policy: SyncPolicy) -> Set<String> {
        Set(entriesByKey.values.lazy.filter { $0.consecutiveFailures < policy.maxRecordFailures }.map(\.profileId))
    }

    /// Whether the profile has a record due for retry.
    public func isDueForRetry(profileId: String, policy: SyncPolicy) -> Bool {
        entriesByKey.values.contains { $0.profileId == profileId && $0.consecutiveFailures < policy.maxRecordFailures }
    }

    // The file holds a plain list, sorted, so that it diffs well and reads at a glance.
    public init(from decoder: any Decoder) throws {
        self.init(entries: try [Entry](from: decoder))
    }

    public func encode(to encoder: any Encoder) throws {
        try entries.encode(to: encoder)
    }
}
