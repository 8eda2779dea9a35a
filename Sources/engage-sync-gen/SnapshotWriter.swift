import EngageSync

/// Writes the CRM snapshot of a scenario, all six objects, as Bulk API CSV or REST JSON, a
/// record at a time.
final class SnapshotWriter {
    enum Encoding { case csv, json }

    static let profileColumns = ["Id", "VExternal_ID_vod__c", "RecordTypeId", "Name", "First_Name_vod__c",
                                 "Last_Name_vod__c", "Display_Name_vod__c", "Degree_vod__c", "Title_vod__c",
                                 "Profile_Photo_URL_vod__c", "Engage_Signup_Datetime_vod__c", "Account_vod__c",
                                 "Connection_Status_vod__c", "Connection_Status_Update_Datetime_vod__c",
                                 "LastModifiedById", "LastModifiedDate"]
    static let connectionColumns = ["Id", "VExternal_ID_vod__c", "RecordTypeId", "From_User_vod__c",
                                    "To_Engage_Profile_vod__c", "Active_vod__c", "Inactivation_Datetime_vod__c",
                                    "LastModifiedDate"]
    static let lastModified = ScenarioTime(1_793_520_000_000)  // 2026-11-01T08:00:00Z

    private let encoding: Encoding
    private var tables: [String: Table] = [:]

    /// One object's file.
    final class Table {
        let out: ByteWriter
        let object: String
        let columns: [String]
        let encoding: Encoding
        var count = 0

        init(folder: String, object: String, columns: [String], encoding: Encoding) throws {
            out = try ByteWriter(path: folder + "/" + object + (encoding == .csv ? ".csv" : ".json"))
            self.object = object
            self.columns = columns
            self.encoding = encoding
            out.write(encoding == .csv ? columns.map(CSVText.cell).joined(separator: ",") + "\n" : "{\n  \"records\": [")
        }

        /// Adds a record; `nested` holds relationship objects of the JSON form (name → (field, value)).
        func add(_ values: [String?], nested: [(String, String, String)] = []) {
            if encoding == .csv {
                out.write(values.map { CSVText.cell($0 ?? "") }.joined(separator: ",") + "\n")
            } else {
                var fields = [#""attributes": {"type": "\#(object)"}"#]
                for (column, value) in zip(columns, values) {
                    fields.append("\"\(column)\": " + (value.map(JSONText.quoted) ?? "null"))
                }
                for (name, field, value) in nested {
                    fields.append(#""\#(name)": {"attributes": {"type": "Engage_Profile_vod__c"}, "\#(field)": \#(JSONText.quoted(value))}"#)
                }
                out.write((count == 0 ? "\n    {" : ",\n    {") + fields.joined(separator: ", ") + "}")
            }
            count += 1
        }

        func close() throws {
            if encoding == .json { out.write("\n  ],\n  \"totalSize\": \(count),\n  \"done\": true\n}\n") }
            try out.close()
        }
    }

    init(folder: String, encoding: Encoding, shape: ScenarioShape) throws {
        self.encoding = encoding
        func table(_ object: String, _ columns: [String]) throws {
            tables[object] = try Table(folder: folder, object: object, columns: columns, encoding: encoding)
        }
        try table("RecordType", ["Id", "DeveloperName", "SobjectType"])
        try table("User", ["Id", "Name", "IsActive"])
        try table("Account", ["Id", "Name", "Engage_Profile_Status_vod__c"])
        try table("Account_Merge_History_vod__c", ["Id", "Name", "Account_vod__c", "PersonContactId_vod__c",
                                                   "Account_PersonContactId_vod__c"])
        try table("Engage_Profile_vod__c", Self.profileColumns)
        try table("Engage_Connection_vod__c", Self.connectionColumns)
        let types = tables["RecordType"]!
        types.add([ScenarioIds.accountRecordType, "Professional_vod", "Account"])
        types.add([ScenarioIds.hcpRecordType, "Engage_HCP_Profile_vod", "Engage_Profile_vod__c"])
        types.add([ScenarioIds.staffRecordType, "Engage_Staff_Profile_vod", "Engage_Profile_vod__c"])
        types.add([ScenarioIds.connectionRecordType, "User_to_Engage_Profile_vod", "Engage_Connection_vod__c"])
        let users = tables["User"]!
        users.add([ScenarioIds.integrationUser, "Engage Integration", "true"])
        for n in 0..<shape.users {
            users.add([ScenarioIds.user(n), "User \(n)", shape.isUserActive(n) ? (n % 2 == 0 ? "true" : "TRUE") : "false"])
        }
    }

    /// The profile's records: its account, merge, CRM profile and CRM connections.
    func add(_ p: ScenarioProfile) {
        tables["Account"]!.add([ScenarioIds.account(p.index), [p.firstName, p.lastName].compactMap { $0 }.joined(separator: " "), nil])
        if let merge = p.merge {
            tables["Account_Merge_History_vod__c"]!.add([ScenarioIds.mergeRecord(p.index), merge.losing, merge.winning, nil, nil])
        }
        guard p.inCRM else { return }
        let recordId = ScenarioIds.profileRecord(p.index)
        tables["Engage_Profile_vod__c"]!.add(
            [recordId] + Self.crmValues(p) + [ScenarioIds.integrationUser, Self.lastModified.salesforce])
        let connections = tables["Engage_Connection_vod__c"]!
        func add(_ j: Int, user: String, active: Bool, inactivation: ScenarioTime?) {
            let user18 = user.count == 18 ? user : ScenarioIds.userLong(user)
            let key = p.id + ":" + user18
            let values: [String?] = [ScenarioIds.connectionRecord(p.index * 4 + j), key, ScenarioIds.connectionRecordType,
                                     user18, recordId, active ? "true" : "false", inactivation?.salesforce,
                                     Self.lastModified.salesforce]
            connections.add(values, nested: [("To_Engage_Profile_vod__r", "VExternal_ID_vod__c", p.id)])
        }
        for (j, c) in p.connections.enumerated() where c.thisOrg {
            if p.status != .active {
                add(j, user: c.user, active: !p.scrubbed, inactivation: p.scrubbed ? c.updatedAt : nil)
                continue
            }
            switch c.crm {
            case .none: continue
            case .equal: add(j, user: c.user, active: c.connected, inactivation: c.connected ? nil : c.updatedAt)
            case .inactive: add(j, user: c.user, active: false, inactivation: c.updatedAt.adding(seconds: -86_400))
            case .active: add(j, user: c.user, active: true, inactivation: nil)
            }
        }
        if let vanished = p.vanishedUser { add(3, user: vanished, active: true, inactivation: nil) }
    }

    /// The CRM values of the profile's mapped fields, after VExternal_ID and RecordTypeId.
    static func crmValues(_ p: ScenarioProfile) -> [String?] {
        if p.status != .active && p.scrubbed { return scrubbedValues(p) }
        var values = mappedValues(p, incremental: false, salesforceDates: true)
        if p.changed {
            values[5] = "Resident"  // Title_vod__c
            if p.index % 3 == 0 { values[6] = "https://engage.bench.example/photos/old-\(p.id).jpg" }
        }
        return [p.id, recordType(p)] + values
    }

    static func recordType(_ p: ScenarioProfile) -> String {
        p.isStaff ? ScenarioIds.staffRecordType : ScenarioIds.hcpRecordType
    }

    /// A deleted or merged profile as the sync scrubs it (R6): label, deleted value, the rest cleared.
    static func scrubbedValues(_ p: ScenarioProfile) -> [String?] {
        [p.id, recordType(p), "Deleted User", nil, nil, nil, nil, nil, nil, nil, nil, "Deleted_vod",
         p.updatedAt.salesforce]
    }

    /// The values the mapping computes for an active profile, in the mapping's field order.
    static func mappedValues(_ p: ScenarioProfile, incremental: Bool, salesforceDates: Bool) -> [String?] {
        func date(_ t: ScenarioTime) -> String { salesforceDates ? t.salesforce : t.utc }
        return [p.mappedName, p.firstName, p.lastName, p.displayName?.isEmpty == false ? p.displayName : nil, p.degree,
                p.exportTitle(incremental: incremental), p.photoURL, date(p.signupAt), p.resolvedAccount, "Active_vod",
                date(p.statusChangedAt)]
    }

    func close() throws {
        for table in tables.values { try table.close() }
    }
}

/// RFC 4180 cells.
enum CSVText {
    static func cell(_ s: String) -> String {
        guard s.utf8.contains(where: { $0 == 44 || $0 == 34 || $0 == 10 || $0 == 13 }) else { return s }
        return "\"" + s.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }
}

extension ScenarioIds {
    /// The 18-character form of a 15-character user id.
    static func userLong(_ short: String) -> String { SalesforceId.normalized(short)! }
}
