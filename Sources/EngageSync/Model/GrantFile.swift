/// One Salesforce Metadata API profile or permission set file, as read (SPEC §3 G).
/// Names keep the file's spelling; comparisons are case-insensitive.
public struct GrantFile: Sendable, Equatable {
    /// `profile` / `permissionSet`: Metadata API files; `yaml`: grants in the manifest's shape.
    public enum Kind: String, Sendable { case profile, permissionSet, yaml }

    public struct ObjectPermission: Sendable, Equatable {
        public var object: String
        public var allowCreate = false
        public var allowRead = false
        public var allowEdit = false
        public var allowDelete = false
        public var viewAllRecords = false
        public var modifyAllRecords = false
        public var location: SourceLocation?
        public init(object: String) { self.object = object }
    }

    public struct FieldPermission: Sendable, Equatable {
        /// `Object.Field`, as written in `<field>`.
        public var field: String
        public var readable = false
        public var editable = false
        public var location: SourceLocation?
        public init(field: String) { self.field = field }
    }

    public struct RecordTypeVisibility: Sendable, Equatable {
        /// `Object.DeveloperName`, as written in `<recordType>`.
        public var recordType: String
        public var visible = false
        public var isDefault = false
        public var location: SourceLocation?
        public init(recordType: String) { self.recordType = recordType }
    }

    public var path: String
    public var kind: Kind
    public var objects: [ObjectPermission]
    public var fields: [FieldPermission]
    public var recordTypes: [RecordTypeVisibility]

    public init(path: String, kind: Kind, objects: [ObjectPermission] = [], fields: [FieldPermission] = [],
                recordTypes: [RecordTypeVisibility] = []) {
        self.path = path
        self.kind = kind
        self.objects = objects
        self.fields = fields
        self.recordTypes = recordTypes
    }
}
