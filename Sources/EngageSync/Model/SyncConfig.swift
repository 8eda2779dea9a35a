/// The optional config file (`--config engage-sync.yaml`): every setting also has a flag, and
/// flags win. Paths are resolved against the config file's folder by the loader.
public struct SyncConfig: Sendable, Equatable {
    public var orgId: String?
    public var companyId: String?
    public var integrationUser: String?
    public var export: String?
    public var snapshot: String?
    public var state: String?
    public var out: String?
    public var mapping: String?
    public var manifest: String?
    public var grants: [String] = []
    public var postProcessingLock: String?
    public var policy = SyncPolicy()

    public init() {}
}
