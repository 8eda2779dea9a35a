/// What the rules need besides the profile entry: the mapping, the CRM as it is, and the run.
public struct PlanContext: Sendable {
    public var mapping: SyncMapping {
        didSet { recordTypeIds = Self.recordTypeIds(mapping, snapshot) }
    }
    public var snapshot: CRMSnapshot {
        didSet { recordTypeIds = Self.recordTypeIds(mapping, snapshot) }
    }
    /// This org's Id, 18 characters.
    public var orgId: String
    /// The integration user's Id, 18 characters (R14: its edits are not manual).
    public var integrationUser: String
    /// The run's time (`--now`): scrub time (R6) and inactivation time of vanished connections (R4).
    public var runTime: Instant
    /// Start of the last Success / Success with errors, for R14; nil when there was none.
    public var lastSuccessfulSync: Instant?

    /// Record type Ids of the developer names the mapping names, by object and developer name
    /// as the mapping spells them (looked up once, not per record).
    private(set) var recordTypeIds: [String: [String: String]]

    public init(mapping: SyncMapping, snapshot: CRMSnapshot, orgId: String, integrationUser: String,
                runTime: Instant, lastSuccessfulSync: Instant?) {
        self.recordTypeIds = Self.recordTypeIds(mapping, snapshot)
        self.mapping = mapping
        self.snapshot = snapshot
        self.orgId = orgId
        self.integrationUser = integrationUser
        self.runTime = runTime
        self.lastSuccessfulSync = lastSuccessfulSync
    }

    private static func recordTypeIds(_ mapping: SyncMapping, _ snapshot: CRMSnapshot) -> [String: [String: String]] {
        var ids: [String: [String: String]] = [:]
        for object in [mapping.profile, mapping.connection] {
            let names: [String]
            switch object.recordType {
            case .fixed(let name): names = [name]
            case .byValue(_, let map): names = Array(map.values)
            }
            for name in names {
                if let id = snapshot.recordTypeId(object: object.object, developerName: name) {
                    ids[object.object, default: [:]][name] = id
                }
            }
        }
        return ids
    }
}
