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
        var profileKeysById: [String: String] = [:]
        try read(files["Engage_Profile_vod__c"]!) { r in
            guard let key = r[mapping.profile.externalIdField] else { return }
            let record = crmRecord(r, object: mapping.profile) { _ in nil }
            if let id = record.id { profileKeysById[id] = key }
            if snapshot.profiles[key] != nil { snapshot.duplicateProfileKeys.insert(key) }
            snapshot.profiles[key] = record
        }
        let rule = mapping.connections
        let relationshipColumn = (rule.profileRelationship + "." + mapping.profile.externalIdField).lowercased()
        try read(files["Engage_Connection_vod__c"]!) { r in
            guard let key = r[mapping.connection.externalIdField] else { return }
            let record = crmRecord(r, object: mapping.connection) { field in
                // The profile reference may come as the relationship column or the lookup Id.
                guard field.lowercased() == relationshipColumn else { return nil }
                if let key = r.fields[relationshipColumn] { return key }
                guard let id = r[rule.profileField] else { return nil }
                return profileKeysById[SalesforceId.normalized(id) ?? id]
            }
            if snapshot.connections[key] != nil { snapshot.duplicateConnectionKeys.insert(key) }
            snapshot.connections[key] = record
            if let index = mapping.connection.fields.firstIndex(where: { $0.field.lowercased() == relationshipColumn }),
               let profileKey = record.values[index] {
                snapshot.connectionsByProfile[profileKey, default: []].append(key)
            }
        }
        return snapshot
    }

    private static func crmRecord(_ r: SnapshotRecord, object: ObjectMapping,
                                  special: (String) -> String?) -> CRMRecord {
        let values: [String?] = object.fields.map { rule in
            if let value = special(rule.field) { return value }
            guard let raw = r[rule.field] else { return nil }
            return FieldNormalizer.lenient(raw, as: rule.type)
        }
        return CRMRecord(
            id: r["id"].map { SalesforceId.normalized($0) ?? $0 },
            recordTypeId: r["recordtypeid"].map { SalesforceId.normalized($0) ?? $0 },
            lastModifiedById: r["lastmodifiedbyid"].map { SalesforceId.normalized($0) ?? $0 },
            lastModifiedDate: r["lastmodifieddate"].flatMap { try? Instant(parsing: $0) },
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
