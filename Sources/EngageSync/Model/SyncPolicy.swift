/// The policy numbers of R20–R27, settable in the config file; defaults as in the spec.
public struct SyncPolicy: Sendable, Equatable, Codable {
    /// R26: minimum minutes between the starts of two syncs.
    public var minutesBetweenSyncs = 60
    /// R20: a sync is full when none succeeded within this many days.
    public var fullAfterDaysWithoutSuccess = 90
    /// R20: a sync is full when this many latest syncs all failed.
    public var fullAfterFailedSyncs = 10
    /// R25: consecutive failures after which a record waits for a newer `updated_at`.
    public var maxRecordFailures = 10
    /// R23: how many syncs the history keeps.
    public var historySize = 10

    public init() {}
}
