/// One line of a permission check (R30): what the manifest needs on one object, what the grant
/// files say, and the verdict.
public struct PermissionRequirement: Sendable, Equatable {
    /// What is needed: an object permission letter, a visible record type, or field-level access.
    public enum Subject: Sendable, Equatable, Hashable {
        case object(ObjectAccess)
        /// A record type's developer name.
        case recordType(String)
        /// A field's API name as the manifest writes it; `edit` false means Read.
        case field(String, edit: Bool)
    }

    public enum Verdict: String, Sendable, Codable {
        case ok
        case missing
    }

    /// What a permission set must add for this requirement to hold; empty when it holds.
    public struct Remedy: Sendable, Equatable {
        /// Object permission letters to grant (their dependencies are added when written).
        public var objectAccess: Set<ObjectAccess> = []
        /// Field-level security to grant: `editable` true means Edit (and Read).
        public var field: (name: String, editable: Bool)?
        /// A record type to make visible.
        public var recordType: String?

        public init() {}

        public var isEmpty: Bool { objectAccess.isEmpty && field == nil && recordType == nil }

        public static func == (a: Remedy, b: Remedy) -> Bool {
            a.objectAccess == b.objectAccess && a.field?.name == b.field?.name
                && a.field?.editable == b.field?.editable && a.recordType == b.recordType
        }
    }

    /// The object's API name as the manifest writes it.
    public var object: String
    public var subject: Subject
    /// What the files grant, in their words (`allowRead`, `readable only`, `not granted`, …).
    public var granted: String
    public var verdict: Verdict
    /// The grant files that grant it (paths as given); empty when missing or implicit.
    public var sources: [String]
    public var remedy: Remedy

    public init(object: String, subject: Subject, granted: String, verdict: Verdict, sources: [String],
                remedy: Remedy = Remedy()) {
        self.object = object
        self.subject = subject
        self.granted = granted
        self.verdict = verdict
        self.sources = sources
        self.remedy = remedy
    }

    /// The item column: `OLS C`, `record type Engage_HCP_Profile_vod`, `Title_vod__c`.
    public var item: String {
        switch subject {
        case .object(let access): return "OLS \(access.rawValue)"
        case .recordType(let name): return "record type \(name)"
        case .field(let name, _): return name
        }
    }

    /// The needed column: `Create`, `Read`, `Edit`, `Delete`, `Visible`.
    public var needed: String {
        switch subject {
        case .object(let access): return access.word
        case .recordType: return "Visible"
        case .field(_, let edit): return edit ? "Edit" : "Read"
        }
    }

    public var isMissing: Bool { verdict == .missing }
}

extension ObjectAccess {
    /// `Create`, `Read`, `Edit`, `Delete`.
    public var word: String {
        switch self {
        case .create: return "Create"
        case .read: return "Read"
        case .edit: return "Edit"
        case .delete: return "Delete"
        }
    }

    /// The Metadata API element that grants the letter.
    var metadataElement: String {
        switch self {
        case .create: return "allowCreate"
        case .read: return "allowRead"
        case .edit: return "allowEdit"
        case .delete: return "allowDelete"
        }
    }

    /// The letter with the letters Salesforce requires alongside it (Create, Edit → Read;
    /// Delete → Read, Edit).
    var withDependencies: Set<ObjectAccess> {
        switch self {
        case .read: return [.read]
        case .create: return [.create, .read]
        case .edit: return [.edit, .read]
        case .delete: return [.delete, .edit, .read]
        }
    }
}
