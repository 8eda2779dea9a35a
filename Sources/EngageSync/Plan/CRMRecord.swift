/// One CRM record of an object the sync writes, normalised when the snapshot is loaded so that
/// comparing it with mapped values is plain text equality (R3): ids with 18 characters,
/// datetimes in UTC with milliseconds, booleans lowercase.
public struct CRMRecord: Sendable, Equatable {
    /// The Salesforce record Id (18 characters), when the snapshot has it.
    public var id: String?
    public var recordTypeId: String?
    public var lastModifiedById: String?
    public var lastModifiedDate: Instant?
    /// Values of the object's mapped fields, in the mapping's field order; nil is null.
    public var values: [String?]
    public var location: SourceLocation

    public init(id: String?, recordTypeId: String?, lastModifiedById: String?, lastModifiedDate: Instant?,
                values: [String?], location: SourceLocation) {
        self.id = id
        self.recordTypeId = recordTypeId
        self.lastModifiedById = lastModifiedById
        self.lastModifiedDate = lastModifiedDate
        self.values = values
        self.location = location
    }
}
