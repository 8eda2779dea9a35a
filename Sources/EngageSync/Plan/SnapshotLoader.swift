import Foundation

/// Reads a CRM snapshot folder (one file per object, `.csv`, `.json` or `.xml`, names matched
/// case-insensitively) into a `CRMSnapshot`, normalising the values the mapping compares.
public enum SnapshotLoader {
    /// The objects every snapshot must hold, in the order they are read.
    public static let objects = ["RecordType", "User", "Account", "Account_Merge_History_vod__c",
                                 "Engage_Profile_vod__c", "Engage_Connection_vod__c"]
    /// Where the profiles stand in `objects` (they are read on their own thread).
    private static let profilesIndex = objects.firstIndex(of: "Engage_Profile_vod__c")!

    public static func load(folder: String, mapping: SyncMapping) throws -> CRMSnapshot {
        let files = try locateFiles(folder: folder)
        // The profiles on a second thread, everything else on this one; the first error in
        // `objects` order wins, as if the files were read one after the other.
        let (profileResult, restResult) = SideBySide.run({
            try loadProfiles(files[objects[profilesIndex]]!, mapping: mapping)
        }, {
            try loadRest(files, mapping: mapping)
        })
        let rest: Rest
        switch restResult {
        case .success(let value): rest = value
        case .failure(let failure as LoadFailure):
            if failure.objectIndex > profilesIndex, case .failure(let error) = profileResult { throw error }
            throw failure.error
        case .failure(let error): throw error
        }
        let profiles = try profileResult.get()
        var snapshot = rest.snapshot
        snapshot.profiles = profiles.records
        snapshot.duplicateProfileKeys = profiles.duplicates
        link(&snapshot, rest: rest, profiles: profiles)
        return snapshot
    }

    /// Connections to their profiles: those that named their profile by record Id get its
    /// external id as their relationship value, and every connection goes on its profile's list.
    private static func link(_ snapshot: inout CRMSnapshot, rest: Rest, profiles: Profiles) {
        let connectionCount = snapshot.connections.recordCount
        var references = [Int32](repeating: -1, count: connectionCount)
        var lists = ProfileConnectionLists(profiles: profiles.records.recordCount, connections: connectionCount)
        // The current record of a profile key (a duplicate key points to the last record).
        func current(_ p: Int) -> Int {
            profiles.duplicates.isEmpty ? p : profiles.records.withKey(at: p) { profiles.records.recordNumber(ofKey: $0) } ?? p
        }
        rest.profileReferences.forEach { c, kind, bytes in
            switch kind {
            case .recordId:
                guard let p = profiles.record(withId: bytes) else { return }
                references[c] = Int32(p)
                lists.append(connection: c, toProfile: current(p))
            case .externalId:
                if let p = profiles.records.recordNumber(ofKey: bytes) {
                    lists.append(connection: c, toProfile: p)
                } else {
                    lists.append(connection: c, toUnknownProfile: String(decoding: bytes, as: UTF8.self))
                }
            }
        }
        if let relationshipIndex = rest.relationshipIndex, references.contains(where: { $0 >= 0 }) {
            snapshot.connections.setReferences(valueIndex: relationshipIndex, records: references, keys: profiles.records)
        }
        snapshot.connectionLists = lists
    }

    /// An error of one object's file, with the object's place in `objects`.
    private struct LoadFailure: Error {
        var objectIndex: Int
        var error: any Error
    }

    private struct Profiles {
        var records = CRMRecordTable()
        var duplicates: Set<String> = []
        /// Record numbers by record Id (the last record with an Id wins).
        var byId = ByteKeyIndex()

        func record(withId id: UnsafeRawBufferPointer) -> Int? {
            byId.find(hash: ByteKeyIndex.hash(id)) { n in hasId(n, id) }
        }

        func hasId(_ n: Int, _ id: UnsafeRawBufferPointer) -> Bool {
            records.withStorage(at: n) { storage in
                guard let range = CRMRecord.idRange(inStorage: storage), range.count == id.count else { return false }
                return id.count == 0 || memcmp(storage.baseAddress! + range.lowerBound, id.baseAddress!, id.count) == 0
            }
        }
    }

    private static func loadProfiles(_ path: String, mapping: SyncMapping) throws -> Profiles {
        let fields = mapping.profile.fields.map { $0.field.lowercased() }
        let keyField = mapping.profile.externalIdField.lowercased()
        var profiles = Profiles()
        var writer = CRMRecordWriter()
        try read(path, fields: recordFields + [keyField] + fields) { v, location in
            guard let key = v[4] else { return }
            writeRecord(&writer, v, location, object: mapping.profile, valuesAt: 5)
            let n = profiles.records.recordCount
            writer.bytes.withUnsafeBytes { storage in
                if profiles.records.add(key: key, storage: storage, path: location.path) {
                    profiles.duplicates.insert(String(decoding: key, as: UTF8.self))
                }
                guard let range = CRMRecord.idRange(inStorage: storage) else { return }
                let id = UnsafeRawBufferPointer(rebasing: storage[range])
                let hash = ByteKeyIndex.hash(id)
                let previous = profiles.byId.find(hash: hash) { profiles.hasId($0, id) }
                profiles.byId.insert(hash: hash, record: n, replacing: previous)
            }
        }
        return profiles
    }

    private struct Rest {
        var snapshot = CRMSnapshot()
        /// How each connection named its profile, until the profiles are known.
        var profileReferences = ProfileReferences()
        var relationshipIndex: Int?
    }

    /// Every object but the profiles; connections keep a reference to resolve once profiles are known.
    private static func loadRest(_ files: [String: String], mapping: SyncMapping) throws -> Rest {
        var rest = Rest()
        func object(_ index: Int, _ fields: [String], _ body: (SnapshotRow, SourceLocation) throws -> Void) throws {
            do { try read(files[objects[index]]!, fields: fields, body) } catch {
                throw LoadFailure(objectIndex: index, error: error)
            }
        }
        try object(0, ["id", "developername", "sobjecttype"]) { v, _ in
            guard let id = v.text(0), let name = v.text(1), let type = v.text(2) else { return }
            rest.snapshot.recordTypes[(type + "." + name).lowercased()] = SalesforceId.normalized(id) ?? id
        }
        try object(1, ["id", "isactive"]) { v, location in
            guard let raw = v.text(0) else { return }
            guard let active = v.text(1) else {
                throw InputError(.snapshot, location, "User \(raw) has no IsActive value")
            }
            guard let flag = FieldNormalizer.normalize(active, as: .boolean) else {
                throw InputError(.snapshot, location, "User \(raw): IsActive '\(active)' is not true or false")
            }
            rest.snapshot.users[SalesforceId.normalized(raw) ?? raw] = flag == "true"
        }
        var id: [UInt8] = []  // one buffer for every account Id
        try object(2, ["id"]) { v, _ in
            guard let raw = v[0] else { return }
            id.removeAll(keepingCapacity: true)
            SalesforceId.appendNormalized(raw, to: &id)
            id.withUnsafeBytes { rest.snapshot.accounts.insert(bytes: $0) }
        }
        try object(3, ["name", "account_vod__c"]) { v, _ in
            // Name holds the losing account Id, Account_vod__c the winner.
            guard let losing = v.text(0), let winning = v.text(1) else { return }
            rest.snapshot.accountMerges[SalesforceId.normalized(losing) ?? losing] =
                SalesforceId.normalized(winning) ?? winning
        }
        let rule = mapping.connections
        let relationshipColumn = (rule.profileRelationship + "." + mapping.profile.externalIdField).lowercased()
        let fields = mapping.connection.fields.map { $0.field.lowercased() }
        let keyField = mapping.connection.externalIdField.lowercased()
        let profileField = rule.profileField.lowercased()
        let relationshipIndex = fields.firstIndex(of: relationshipColumn)
        rest.relationshipIndex = relationshipIndex
        var writer = CRMRecordWriter()
        try object(5, recordFields + [keyField, relationshipColumn, profileField] + fields) { v, location in
            guard let key = v[4] else { return }
            // The profile reference may come as the relationship column or the lookup Id.
            let relationship = v[5]
            writeRecord(&writer, v, location, object: mapping.connection, valuesAt: 7,
                        relationship: relationshipIndex.map { ($0, relationship) })
            let c = rest.snapshot.connections.recordCount
            let duplicate = writer.bytes.withUnsafeBytes { storage in
                rest.snapshot.connections.add(key: key, storage: storage, path: location.path)
            }
            if duplicate { rest.snapshot.duplicateConnectionKeys.insert(String(decoding: key, as: UTF8.self)) }
            guard relationshipIndex != nil else { return }
            if let relationship {
                rest.profileReferences.append(c, .externalId, relationship)
            } else if let pendingId = v[6] {
                rest.profileReferences.append(c, .recordId, pendingId)
            }
        }
        return rest
    }

    /// The fields every CRM record of a written object is read with, first in its field list.
    private static let recordFields = ["id", "recordtypeid", "lastmodifiedbyid", "lastmodifieddate"]

    /// Writes the record of row `v`: `recordFields`, then from `valuesAt` on the object's mapped
    /// fields, normalised by type; the relationship field takes the relationship column as it is.
    private static func writeRecord(_ writer: inout CRMRecordWriter, _ v: SnapshotRow, _ location: SourceLocation,
                                    object: ObjectMapping, valuesAt: Int,
                                    relationship: (index: Int, value: UnsafeRawBufferPointer?)? = nil) {
        writer.start(lastModifiedDate: v[3].flatMap(Instant.parsing(bytes:)), location: location)
        writer.append(v[0], normalizedAs: .id)
        writer.append(v[1], normalizedAs: .id)
        writer.append(v[2], normalizedAs: .id)
        let fields = object.fields
        for i in fields.indices {  // fields[i] is borrowed, not copied
            if let relationship, i == relationship.index, let value = relationship.value {
                writer.append(value)
            } else {
                writer.append(v[valuesAt + i], normalizedAs: fields[i].type)
            }
        }
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

    /// Reads one snapshot file with the reader its extension names and gives, per record, the
    /// values of `fields` (lowercased API names) in that order; nil where the record has none.
    /// A CSV file is read by column position, without a dictionary per record.
    static func read(_ path: String, fields: [String], _ body: (SnapshotRow, SourceLocation) throws -> Void) throws {
        try InputFileChecks.requireReadableFile(path, kind: .snapshot)
        switch (path as NSString).pathExtension.lowercased() {
        case "csv":
            try CSVSnapshotReader.forEachRow(in: path, fields: fields, body)
        case "json":
            try JSONSnapshotReader.forEachRecord(in: path) { r in
                try SnapshotRow.withTexts(fields.map { r.fields[$0] }) { try body($0, r.location) }
            }
        default:
            try XMLSnapshotReader.forEachRecord(in: path) { r in
                try SnapshotRow.withTexts(fields.map { r.fields[$0] }) { try body($0, r.location) }
            }
        }
    }
}
