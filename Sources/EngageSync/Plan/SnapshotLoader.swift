import Foundation

/// Reads a CRM snapshot folder (one file per object, `.csv`, `.json` or `.xml`, names matched
/// case-insensitively) into a `CRMSnapshot`, normalising the values the mapping compares.
public enum SnapshotLoader {
    /// The objects every snapshot must hold, in the order they are read.
    public static let objects = ["RecordType", "User", "Account", "Account_Merge_History_vod__c",
                                 "Engage_Profile_vod__c", "Engage_Connection_vod__c"]

    public static func load(folder: String, mapping: SyncMapping) throws -> CRMSnapshot {
        let files = try locateFiles(folder: folder)
        var snapshot = CRMSnapshot()
        try read(files["RecordType"]!) { r in
            guard let id = r["id"], let name = r["developername"], let type = r["sobjecttype"] else { return }
            snapshot.recordTypes[(type + "." + name).lowercased()] = SalesforceId.normalized(id) ?? id
        }
        try read(files["User"]!) { r in
            guard let raw = r["id"] else { return }
            guard let active = r["isactive"] else {
                throw InputError(.snapshot, r.location, "User \(raw) has no IsActive value")
            }
            guard let flag = FieldNormalizer.normalize(active, as: .boolean) else {
                throw InputError(.snapshot, r.location, "User \(raw): IsActive '\(active)' is not true or false")
            }
            snapshot.users[SalesforceId.normalized(raw) ?? raw] = flag == "true"
        }
        try read(files["Account"]!) { r in
            if let raw = r["id"] { snapshot.accounts.insert(SalesforceId.normalized(raw) ?? raw) }
        }
        try read(files["Account_Merge_History_vod__c"]!) { r in
            // Name holds the losing account Id, Account_vod__c the winner.
            guard let losing = r["name"], let winning = r["account_vod__c"] else { return }
            snapshot.accountMerges[SalesforceId.normalized(losing) ?? losing] =
                SalesforceId.normalized(winning) ?? winning
        }
        // Field names lowercased once, not per record.
        let profileFields = mapping.profile.fields.map { $0.field.lowercased() }
        let connectionFields = mapping.connection.fields.map { $0.field.lowercased() }
        let profileKeyField = mapping.profile.externalIdField.lowercased()
        var profileKeysById: [String: String] = [:]
        try read(files["Engage_Profile_vod__c"]!) { r in
            guard let key = r.fields[profileKeyField] else { return }
            let record = crmRecord(r, object: mapping.profile, fields: profileFields) { _ in nil }
            if let id = record.id { profileKeysById[id] = key }
            if snapshot.profiles.updateValue(record, forKey: key) != nil { snapshot.duplicateProfileKeys.insert(key) }
        }
        let rule = mapping.connections
        let relationshipColumn = (rule.profileRelationship + "." + mapping.profile.externalIdField).lowercased()
        let connectionKeyField = mapping.connection.externalIdField.lowercased()
        let profileField = rule.profileField.lowercased()
        let relationshipIndex = mapping.connection.fields.firstIndex { $0.field.lowercased() == relationshipColumn }
        try read(files["Engage_Connection_vod__c"]!) { r in
            guard let key = r.fields[connectionKeyField] else { return }
            let record = crmRecord(r, object: mapping.connection, fields: connectionFields) { index in
                // The profile reference may come as the relationship column or the lookup Id.
                guard index == relationshipIndex else { return nil }
                if let key = r.fields[relationshipColumn] { return key }
                guard let id = r.fields[profileField] else { return nil }
                return profileKeysById[SalesforceId.normalized(id) ?? id]
            }
            if snapshot.connections.updateValue(record, forKey: key) != nil {
                snapshot.duplicateConnectionKeys.insert(key)
            }
            if let relationshipIndex, let profileKey = record.values[relationshipIndex] {
                snapshot.connectionsByProfile[profileKey, default: []].append(key)
            }
        }
        return snapshot
    }

    /// `fields`: the object's mapped field names, lowercased; `special(i)` may give field i's value.
    private static func crmRecord(_ r: SnapshotRecord, object: ObjectMapping, fields: [String],
                                  special: (Int) -> String?) -> CRMRecord {
        var values: [String?] = []
        values.reserveCapacity(fields.count)
        for (i, rule) in object.fields.enumerated() {
            if let value = special(i) {
                values.append(value)
            } else if let raw = r.fields[fields[i]] {
                values.append(FieldNormalizer.lenient(raw, as: rule.type))
            } else {
                values.append(nil)
            }
        }
        return CRMRecord(
            id: r.fields["id"].map { SalesforceId.normalized($0) ?? $0 },
            recordTypeId: r.fields["recordtypeid"].map { SalesforceId.normalized($0) ?? $0 },
            lastModifiedById: r.fields["lastmodifiedbyid"].map { SalesforceId.normalized($0) ?? $0 },
            lastModifiedDate: r.fields["lastmodifieddate"].flatMap { try? Instant(parsing: $0) },
            values: values, location: r.location)
    }

    /// The file of each object in the folder; a missing object or two files for one object is an error.
    static func locateFiles(folder: String) throws -> [String: String] {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDir) else {
            throw InputError(.snapshot, SourceLocation(path: folder), "snapshot folder does not exist")
        }
        guard isDir.boolValue else {
            throw InputError(.snapshot, SourceLocation(path: folder), "snapshot is a file, not a folder of object files")
        }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder)
        } catch {
            throw InputError(.snapshot, SourceLocation(path: folder), "cannot list the snapshot folder")
        }
        var found: [String: String] = [:]
        for object in objects {
            let matches = names.filter { name in
                let lower = name.lowercased()
                return ["csv", "json", "xml"].contains { lower == object.lowercased() + "." + $0 }
            }.sorted()
            guard let first = matches.first else {
                throw InputError(.snapshot, SourceLocation(path: folder),
                                 "snapshot has no file for \(object) (expected \(object).csv, .json or .xml)")
            }
            guard matches.count == 1 else {
                throw InputError(.snapshot, SourceLocation(path: folder),
                                 "snapshot has \(matches.count) files for \(object): \(matches.joined(separator: ", "))")
            }
            found[object] = (folder as NSString).appendingPathComponent(first)
        }
        return found
    }

    /// Reads one snapshot file with the reader its extension names.
    static func read(_ path: String, _ body: (SnapshotRecord) throws -> Void) throws {
        try InputFileChecks.requireReadableFile(path, kind: .snapshot)
        switch (path as NSString).pathExtension.lowercased() {
        case "csv": try CSVSnapshotReader.forEachRecord(in: path, body)
        case "json": try JSONSnapshotReader.forEachRecord(in: path, body)
        default: try XMLSnapshotReader.forEachRecord(in: path, body)
        }
    }
}
