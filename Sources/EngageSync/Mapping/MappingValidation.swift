/// Checks that a mapping writes only what the manifest grants (R31): every field it writes —
/// the external id and each mapped field, through `FieldRule.permissionField` — must be an
/// Edit field of its object, the object must allow Create and Edit (upsert), and every record
/// type it uses must be listed. `RecordTypeId` needs no field-level security.
///
/// The error is an `InputError(.mapping, …)` at the place the field is written in the mapping.
public func validate(mapping: SyncMapping, against manifest: PermissionManifest) throws {
    try mapping.validate(against: manifest)
}

extension SyncMapping {
    /// See `validate(mapping:against:)`.
    public func validate(against manifest: PermissionManifest) throws {
        try check(profile, extraFields: [], manifest)
        let rule = connections
        try check(connection, extraFields: [rule.activeField, rule.inactivationField, rule.userField,
                                            rule.profileField], manifest)
    }

    private func check(_ object: ObjectMapping, extraFields: [String], _ manifest: PermissionManifest) throws {
        let objectPlace = sourceMap.location(object: object.object) ?? SourceLocation(path: path)
        func place(_ field: String) -> SourceLocation {
            sourceMap.location(object: object.object, field: field) ?? objectPlace
        }
        guard let requirement = manifest.requirement(for: object.object) else {
            throw InputError(.mapping, objectPlace,
                             "object '\(object.object)' is written by the mapping but the manifest does not list it")
        }
        for (access, name) in [(ObjectAccess.create, "Create"), (.edit, "Edit")]
        where !requirement.access.contains(access) {
            throw InputError(.mapping, objectPlace, "object '\(object.object)' is upserted by the mapping "
                + "but the manifest grants no \(name) (\(access.rawValue)) on it")
        }
        let editable = Set(requirement.editFields.map { $0.lowercased() })
        var written: [(field: String, checked: String)] = [(object.externalIdField, object.externalIdField)]
        written += object.fields.map { ($0.field, $0.permissionField) }
        written += extraFields.map { ($0, $0) }
        for (field, checked) in written where !editable.contains(checked.lowercased()) {
            throw InputError(.mapping, place(field), "field '\(checked)' of \(object.object) is written by the "
                + "mapping but the manifest grants no Edit on it")
        }
        let visible = Set(requirement.recordTypes.map { $0.lowercased() })
        let used: [String]
        switch object.recordType {
        case .fixed(let name): used = [name]
        case .byValue(_, let map): used = map.values.sorted()
        }
        for name in used where !visible.contains(name.lowercased()) {
            throw InputError(.mapping, place("RecordTypeId"), "record type '\(name)' of \(object.object) is used "
                + "by the mapping but the manifest does not list it")
        }
    }
}
