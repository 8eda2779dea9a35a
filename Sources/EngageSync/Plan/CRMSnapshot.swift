/// What the CRM org holds now, indexed for the sync: records by external id, users, accounts,
/// account merges and record types (SPEC §2). Built by `SnapshotLoader`.
public struct CRMSnapshot: Sendable {
    /// Engage profiles by external id.
    public var profiles = CRMRecordTable()
    /// Engage connections by external id.
    public var connections = CRMRecordTable()
    /// Connection external ids by the external id of their profile, for a snapshot built by
    /// hand; `connectionKeys(ofProfile:)` adds those the loader indexed.
    public var connectionsByProfile: [String: [String]] = [:]
    /// The connections of each profile as `SnapshotLoader` indexed them.
    var connectionLists = ProfileConnectionLists()
    /// External ids held by two or more CRM records (R15: a record error).
    public var duplicateProfileKeys: Set<String> = []
    public var duplicateConnectionKeys: Set<String> = []
    /// Users by 18-character Id: whether active.
    public var users: [String: Bool] = [:]
    /// Account Ids (18 characters).
    public var accounts = ByteStringSet()
    /// Losing account Id → winning account Id (R12).
    public var accountMerges: [String: String] = [:]
    /// Record type Ids by lowercased `SobjectType.DeveloperName`.
    public var recordTypes: [String: String] = [:]

    public init() {}

    /// The external ids of the CRM connections of a profile, in file order.
    public func connectionKeys(ofProfile key: String) -> [String] {
        connectionKeys(ofProfile: key, record: profiles.recordNumber(of: key))
    }

    /// `connectionKeys(ofProfile:)` for a caller that has looked up the profile's record number
    /// in `profiles` already (nil: the snapshot has no such profile).
    func connectionKeys(ofProfile key: String, record: Int?) -> [String] {
        var keys = connectionsByProfile[key] ?? []
        for c in connectionLists.connections(ofProfile: record, key: key) {
            keys.append(connections.key(at: c))
        }
        return keys
    }

    /// The record type Id of an object's record type, by developer name (any case).
    public func recordTypeId(object: String, developerName: String) -> String? {
        recordTypes[(object + "." + developerName).lowercased()]
    }
}
