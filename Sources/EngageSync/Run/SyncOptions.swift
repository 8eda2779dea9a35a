/// Everything one `sync` run needs, resolved from flags, config and defaults.
public struct SyncOptions: Sendable {
    public var exportPath: String
    public var snapshotPath: String
    public var statePath: String
    public var outPath: String
    /// 18-character ids.
    public var orgId: String
    public var companyId: String
    public var integrationUser: String
    public var mapping: SyncMapping
    public var manifest: PermissionManifest
    /// Grant files (R31); empty: no permission check.
    public var grants: [String]
    public var forceFull: Bool
    public var dryRun: Bool
    public var now: Instant
    public var postProcessingLock: String?
    public var policy: SyncPolicy

    public init(exportPath: String, snapshotPath: String, statePath: String, outPath: String, orgId: String,
                companyId: String, integrationUser: String, mapping: SyncMapping, manifest: PermissionManifest,
                grants: [String] = [], forceFull: Bool = false, dryRun: Bool = false, now: Instant,
                postProcessingLock: String? = nil, policy: SyncPolicy = SyncPolicy()) {
        self.exportPath = exportPath
        self.snapshotPath = snapshotPath
        self.statePath = statePath
        self.outPath = outPath
        self.orgId = orgId
        self.companyId = companyId
        self.integrationUser = integrationUser
        self.mapping = mapping
        self.manifest = manifest
        self.grants = grants
        self.forceFull = forceFull
        self.dryRun = dryRun
        self.now = now
        self.postProcessingLock = postProcessingLock
        self.policy = policy
    }
}
