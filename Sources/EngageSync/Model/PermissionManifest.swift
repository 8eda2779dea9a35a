/// An object-level permission letter of the manifest (C/R/U/D).
public enum ObjectAccess: String, Sendable, Hashable, CaseIterable, Codable {
    case create = "C"
    case read = "R"
    case edit = "U"
    case delete = "D"
}

/// What the integration user needs on one object (SPEC §2), as data.
public struct ObjectRequirement: Sendable, Equatable {
    /// API name as the manifest writes it, e.g. `Engage_Profile_vod__c`.
    public var object: String
    public var access: Set<ObjectAccess>
    /// Record type developer names that must be visible.
    public var recordTypes: [String]
    /// Fields that need FLS Edit.
    public var editFields: [String]
    /// Fields that need FLS Read (Edit also satisfies Read).
    public var readFields: [String]

    public init(object: String, access: Set<ObjectAccess>, recordTypes: [String] = [],
                editFields: [String] = [], readFields: [String] = []) {
        self.object = object
        self.access = access
        self.recordTypes = recordTypes
        self.editFields = editFields
        self.readFields = readFields
    }
}

/// The permission manifest (`mappings/integration-user-permissions.yaml`).
public struct PermissionManifest: Sendable, Equatable {
    public var objects: [ObjectRequirement]
    /// Where it was loaded from, for messages.
    public var path: String

    public init(objects: [ObjectRequirement], path: String) {
        self.objects = objects
        self.path = path
    }

    /// The requirement of an object, by any case of its name.
    public func requirement(for object: String) -> ObjectRequirement? {
        let key = object.lowercased()
        return objects.first { $0.object.lowercased() == key }
    }
}
