/// One record of a CRM snapshot file as read, whatever the file format.
///
/// Field names are lowercased (Salesforce API names are case-insensitive); relationship
/// fields are dotted (`to_engage_profile_vod__r.vexternal_id_vod__c`), whether they came as a
/// CSV column or a nested JSON/XML object. Null values (empty CSV cells, JSON `null`,
/// `xsi:nil="true"`) are absent. `attributes`, `type` and the repeated SOAP `Id` are not fields.
/// JSON booleans and numbers become their literal text (`false`, `12`).
public struct SnapshotRecord: Sendable, Equatable {
    public var fields: [String: String]
    public var location: SourceLocation

    public init(fields: [String: String], location: SourceLocation) {
        self.fields = fields
        self.location = location
    }

    /// The value of a field, by any case of its API name.
    public subscript(name: String) -> String? { fields[name.lowercased()] }
}
