/// The type a mapped field is normalised to before it is compared and written (R3, R9).
public enum FieldType: String, Sendable, Equatable {
    case text
    /// A Salesforce id, written with 18 characters (R9); malformed is a record error.
    case id
    /// A datetime with an offset, written in UTC with milliseconds.
    case datetime
    /// `true`/`false` in any case, written lowercase.
    case boolean
}

/// Where a field's value comes from: a path, or a template over paths.
public enum ValueSource: Sendable, Equatable {
    case path(ValuePath)
    case template(ValueTemplate)
}

/// What a value longer than `maxLength` does.
public enum TooLongRule: String, Sendable, Equatable {
    /// Cut to `maxLength` Unicode characters (never splitting one).
    case cut
    /// A record error.
    case error
}

/// Lookups that turn an export value into a CRM reference.
public enum FieldLookup: String, Sendable, Equatable {
    /// An Account id: followed through Account_Merge_History_vod__c (R12) and left empty with a
    /// warning when the Account snapshot does not have it (R10).
    case account
}

/// The value is mapped only when a path has one of the given values; otherwise it is null.
public struct FieldCondition: Sendable, Equatable {
    public var path: ValuePath
    public var values: [String]
    public init(path: ValuePath, values: [String]) {
        self.path = path
        self.values = values
    }
}

/// One CRM field of an object and how it is computed from a profile entry.
public struct FieldRule: Sendable, Equatable {
    /// The CRM column, e.g. `First_Name_vod__c` or `To_Engage_Profile_vod__r.VExternal_ID_vod__c`.
    public var field: String
    /// Tried in order; the first that gives a value wins.
    public var sources: [ValueSource]
    /// Export value → CRM value. A value with no entry is a record error.
    public var valueMap: [String: String]?
    /// Used when no source gives a value.
    public var defaultValue: String?
    public var type: FieldType
    public var maxLength: Int?
    public var tooLong: TooLongRule
    public var condition: FieldCondition?
    public var lookup: FieldLookup?

    public init(field: String, sources: [ValueSource], valueMap: [String: String]? = nil,
                defaultValue: String? = nil, type: FieldType = .text, maxLength: Int? = nil,
                tooLong: TooLongRule = .error, condition: FieldCondition? = nil, lookup: FieldLookup? = nil) {
        self.field = field
        self.sources = sources
        self.valueMap = valueMap
        self.defaultValue = defaultValue
        self.type = type
        self.maxLength = maxLength
        self.tooLong = tooLong
        self.condition = condition
        self.lookup = lookup
    }

    /// The field a permission check looks at: a relationship column `X__r.Key` is written
    /// through the lookup field `X__c`.
    public var permissionField: String {
        guard let dot = field.firstIndex(of: ".") else { return field }
        let rel = field[..<dot]
        if rel.lowercased().hasSuffix("__r") { return rel.dropLast(3) + "__c" }
        return rel + "Id"
    }
}

/// How an object's record type is chosen; the Id is looked up in the RecordType snapshot by
/// (`SobjectType`, `DeveloperName`).
public enum RecordTypeRule: Sendable, Equatable {
    /// Developer name from a path through a value map (`type`: `HCP` → `Engage_HCP_Profile_vod`).
    case byValue(path: ValuePath, map: [String: String])
    /// Always this developer name.
    case fixed(String)
}

/// The mapping of one CRM object.
public struct ObjectMapping: Sendable, Equatable {
    /// API name, e.g. `Engage_Profile_vod__c`.
    public var object: String
    /// The external id field, first column of the update file (`VExternal_ID_vod__c`).
    public var externalIdField: String
    /// How the external id is made (`{id}`, `{id}:{connection.user_id|id}`).
    public var externalId: ValueTemplate
    public var recordType: RecordTypeRule
    /// The mapped fields in column order (external id and `RecordTypeId` come first by themselves).
    public var fields: [FieldRule]

    public init(object: String, externalIdField: String, externalId: ValueTemplate,
                recordType: RecordTypeRule, fields: [FieldRule]) {
        self.object = object
        self.externalIdField = externalIdField
        self.externalId = externalId
        self.recordType = recordType
        self.fields = fields
    }

    /// The rule of a field, by any case of its name.
    public func rule(for field: String) -> FieldRule? {
        let key = field.lowercased()
        return fields.first { $0.field.lowercased() == key }
    }
}

/// A value a scrub writes (R6).
public enum ScrubValue: Sendable, Equatable {
    case literal(String)
    /// The run's time (`--now`).
    case runTime
}

/// What a DELETED/MERGED profile becomes (R6, R7): the listed fields are set, the kept fields
/// keep their CRM value, every other mapped field is cleared.
public struct DeletionRule: Sendable, Equatable {
    /// Export `status` values that scrub a profile (`DELETED`, `MERGED`).
    public var statuses: [String]
    /// Field → value, e.g. `Name` → `Deleted User`, `Connection_Status_vod__c` → `Deleted_vod`.
    public var set: [String: ScrubValue]
    /// Fields a scrub leaves alone besides the external id and `RecordTypeId`.
    public var keep: [String]

    public init(statuses: [String], set: [String: ScrubValue], keep: [String] = []) {
        self.statuses = statuses
        self.set = set
        self.keep = keep
    }
}

/// Which connections of a profile become connection records.
public struct ConnectionRule: Sendable, Equatable {
    /// The profile's list of connections (`connections`).
    public var list: String
    /// The connection keys the rules use.
    public var userKey: String
    public var orgKey: String
    public var stateKey: String
    public var updatedAtKey: String
    /// `state` values: connected and disconnected.
    public var connected: String
    public var disconnected: String
    /// The CRM field that says whether a connection is active (`Active_vod__c`), the field of its
    /// inactivation time, the lookup to its user and to its profile.
    public var activeField: String
    public var inactivationField: String
    public var userField: String
    public var profileField: String
    public var profileRelationship: String

    public init(list: String = "connections", userKey: String = "user_id", orgKey: String = "org_id",
                stateKey: String = "state", updatedAtKey: String = "updated_at", connected: String = "CONNECTED",
                disconnected: String = "DISCONNECTED", activeField: String = "Active_vod__c",
                inactivationField: String = "Inactivation_Datetime_vod__c", userField: String = "From_User_vod__c",
                profileField: String = "To_Engage_Profile_vod__c",
                profileRelationship: String = "To_Engage_Profile_vod__r") {
        self.list = list
        self.userKey = userKey
        self.orgKey = orgKey
        self.stateKey = stateKey
        self.updatedAtKey = updatedAtKey
        self.connected = connected
        self.disconnected = disconnected
        self.activeField = activeField
        self.inactivationField = inactivationField
        self.userField = userField
        self.profileField = profileField
        self.profileRelationship = profileRelationship
    }
}

/// The whole field mapping (`mappings/engage-profile-sync.yaml`, SPEC §5).
public struct SyncMapping: Sendable, Equatable {
    public var profile: ObjectMapping
    public var connection: ObjectMapping
    public var connections: ConnectionRule
    public var deletion: DeletionRule
    /// Where it was loaded from, for messages.
    public var path: String
    /// Where each object and field was written in the mapping file (ignored by `==`).
    public var sourceMap = MappingSourceMap()

    public init(profile: ObjectMapping, connection: ObjectMapping, connections: ConnectionRule,
                deletion: DeletionRule, path: String) {
        self.profile = profile
        self.connection = connection
        self.connections = connections
        self.deletion = deletion
        self.path = path
    }
}
