@testable import EngageSync

/// A small CRM and export builder for rule tests: this org, Sarah Jones (active), Tom Becker
/// (inactive), the three Engage record types and Dr. Ackerman's account.
struct PlannerFixture {
    static let org = "00D5j00000AbCdEEAV"
    static let sarah = "0055j00000Sj0NaAAJ"
    static let tom = "0055j00000TbEckAAF"
    static let integration = "0055j00000EnGsYAAV"
    static let account = "0015j00000QxYzAAAV"
    static let hcpType = "0125j000000HcPqAAK"
    static let staffType = "0125j000000StFqAAK"
    static let connectionType = "0125j000000UtEpAAK"
    static let now = try! Instant(parsing: "2026-11-30T10:00:00Z")

    var mapping = try! DefaultMappings.mapping()
    var snapshot: CRMSnapshot = {
        var s = CRMSnapshot()
        s.users = [sarah: true, tom: false, integration: true]
        s.accounts = [account]
        s.recordTypes = ["engage_profile_vod__c.engage_hcp_profile_vod": hcpType,
                         "engage_profile_vod__c.engage_staff_profile_vod": staffType,
                         "engage_connection_vod__c.user_to_engage_profile_vod": connectionType]
        return s
    }()
    var lastSuccessfulSync: Instant?

    var planner: ProfilePlanner {
        ProfilePlanner(context: PlanContext(mapping: mapping, snapshot: snapshot, orgId: Self.org,
                                            integrationUser: Self.integration, runTime: Self.now,
                                            lastSuccessfulSync: lastSuccessfulSync))
    }

    func plan(_ entry: ExportEntry) -> EntryOutcome { planner.plan(entry) }

    /// Dr. Clinton Ackerman, ACTIVE, linked to his account, connected to Sarah.
    static func ackerman(_ change: (inout ExportEntry) -> Void = { _ in }) -> ExportEntry {
        var e = ExportEntry(values: [
            "id": .text("ep-7c1f0e52"), "type": .text("HCP"), "status": .text("ACTIVE"),
            "first_name": .text("Clinton"), "last_name": .text("Ackerman"),
            "display_name": .text("Dr. Clinton Ackerman"), "degree": .text("MD"), "title": .text("Cardiologist"),
            "signup_at": .text("2025-04-02T08:15:00Z"), "status_changed_at": .text("2025-04-02T08:15:00Z"),
            "updated_at": .text("2026-11-29T17:40:12Z"),
        ], lists: [
            "accounts": [ExportItem(values: ["org_id": .text("00D5j00000AbCdE"), "account_id": .text("0015j00000QxYzA")])],
            "connections": [connection(sarah, "CONNECTED")],
        ], location: SourceLocation(path: "export.json", line: 3, column: 5))
        change(&e)
        return e
    }

    static func connection(_ user: String, _ state: String, org: String = "00D5j00000AbCdE",
                           updatedAt: String = "2026-11-29T17:40:12Z") -> ExportItem {
        ExportItem(values: ["user_id": .text(user), "org_id": .text(org), "state": .text(state),
                            "updated_at": .text(updatedAt)])
    }

    /// The CRM record the default mapping would write for `entry` (so that it is unchanged).
    func crmProfile(for entry: ExportEntry, id: String = "a2N5j0000000501AAA") -> CRMRecord {
        let row = planner.plan(entry).rows.first { $0.object == .profile }!
        return CRMRecord(id: id, recordTypeId: row.cells[1], lastModifiedById: Self.integration,
                         lastModifiedDate: nil, values: row.cells.dropFirst(2).map { $0.isEmpty ? nil : $0 },
                         location: SourceLocation(path: "Engage_Profile_vod__c.csv", row: 2))
    }

    /// A CRM connection of Ackerman to `user`.
    static func crmConnection(_ user: String, active: Bool, inactivation: String? = nil) -> CRMRecord {
        CRMRecord(id: "a2M5j0000000601AAA", recordTypeId: connectionType, lastModifiedById: integration,
                  lastModifiedDate: nil, values: [user, "ep-7c1f0e52", active ? "true" : "false", inactivation],
                  location: SourceLocation(path: "Engage_Connection_vod__c.csv", row: 2))
    }

    mutating func addConnection(_ user: String, active: Bool, inactivation: String? = nil) {
        let key = "ep-7c1f0e52:\(user)"
        snapshot.connections[key] = Self.crmConnection(user, active: active, inactivation: inactivation)
        snapshot.connectionsByProfile["ep-7c1f0e52", default: []].append(key)
    }
}

extension EntryOutcome {
    func row(_ key: String) -> PlannedRow? { rows.first { $0.externalId == key } }
    var actions: [String] { rows.map { "\($0.externalId) \($0.action.rawValue)" } }
    var errorCodes: [String] { errors.map { "\($0.externalId) \($0.problem.code)" } }
}
