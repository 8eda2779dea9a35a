/// What the rules need besides the profile entry: the mapping, the CRM as it is, and the run.
public struct PlanContext: Sendable {
    public var mapping: SyncMapping
    public var snapshot: CRMSnapshot
    /// This org's Id, 18 characters.
    public var orgId: String
    /// The integration user's Id, 18 characters (R14: its edits are not manual).
    public var integrationUser: String
    /// The run's time (`--now`): scrub time (R6) and inactivation time of vanished connections (R4).
    public var runTime: Instant
    /// Start of the last Success / Success with errors, for R14; nil when there was none.
    public var lastSuccessfulSync: Instant?

    public init(mapping: SyncMapping, snapshot: CRMSnapshot, orgId: String, integrationUser: String,
                runTime: Instant, lastSuccessfulSync: Instant?) {
        self.mapping = mapping
        self.snapshot = snapshot
        self.orgId = orgId
        self.integrationUser = integrationUser
        self.runTime = runTime
        self.lastSuccessfulSync = lastSuccessfulSync
    }
}
