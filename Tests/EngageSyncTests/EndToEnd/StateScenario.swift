import Foundation

/// A state folder, an out folder and a CRM snapshot (a copy of `Tests/Fixtures/basic/snapshot`)
/// in one temporary folder, with small exports written on demand: repeated `sync` runs driven by
/// `--now` (R20–R28), no sleeping.
struct StateScenario {
    static let org = "00D5j00000AbCdE"
    static let activeUser = "0055j00000Sj0NaAAJ"
    /// Tom Becker, inactive in the User snapshot: a connection to him is a record error (R5).
    static let inactiveUser = "0055j00000TbEckAAF"

    /// One export profile: eligible (connected to a user of this org) unless told otherwise.
    struct Profile {
        var id: String
        var updatedAt: String
        var lastName = "Doe"
        var user = StateScenario.activeUser
        var connectionUpdatedAt: String?

        /// A profile whose connection fails (R5: inactive user) while the profile converts.
        static func failing(_ id: String, updatedAt: String) -> Profile {
            Profile(id: id, updatedAt: updatedAt, user: StateScenario.inactiveUser)
        }

        var json: String {
            """
            {"id": "\(id)", "type": "HCP", "status": "ACTIVE", "first_name": "Pat", "last_name": "\(lastName)",
             "updated_at": "\(updatedAt)", "accounts": [],
             "connections": [{"user_id": "\(user)", "org_id": "\(StateScenario.org)", "state": "CONNECTED",
                              "updated_at": "\(connectionUpdatedAt ?? updatedAt)"}]}
            """
        }
    }

    let root: URL
    var state: URL { root.appendingPathComponent("state") }
    var out: URL { root.appendingPathComponent("out") }
    var snapshot: URL { root.appendingPathComponent("snapshot") }
    var stateFile: URL { state.appendingPathComponent("state.json") }

    init(_ name: String = "state") throws {
        root = try BinaryRunner.temporaryFolder(name)
        try FileManager.default.copyItem(
            at: BinaryRunner.packageRoot.appendingPathComponent("Tests/Fixtures/basic/snapshot"), to: snapshot)
    }

    func cleanUp() { try? FileManager.default.removeItem(at: root) }

    /// Writes `name` (JSON export) and returns its path.
    @discardableResult
    func export(_ name: String, exportedAt: String, since: String? = nil, profiles: [Profile]) throws -> String {
        let kind = since == nil ? "full" : "incremental"
        let sinceKey = since.map { "\"since\": \"\($0)\", " } ?? ""
        let text = """
        {"format": "engage-connect-export", "version": 1, "exported_at": "\(exportedAt)", "kind": "\(kind)", \(sinceKey)
         "company_id": "verteo-biopharma", "profiles": [
        \(profiles.map(\.json).joined(separator: ",\n"))
        ]}
        """
        let url = root.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    func syncArgs(export: String, now: String, integrationUser: String = "0055j00000EnGsYAAV") -> [String] {
        ["sync", "--export", export, "--snapshot", snapshot.path, "--state", state.path, "--out", out.path,
         "--org-id", Self.org, "--company-id", "verteo-biopharma", "--integration-user", integrationUser,
         "--now", now, "--quiet"]
    }

    func sync(_ export: String, now: String, _ extra: [String] = []) throws -> BinaryRunner.Result {
        try BinaryRunner.run(syncArgs(export: export, now: now) + extra)
    }

    /// `summary.json` of the run folder `runId` (default: the newest).
    func summary(_ runId: String? = nil) throws -> [String: Any] {
        let folder = runId ?? BinaryRunner.runFolders(out).last!
        let data = try Data(contentsOf: out.appendingPathComponent(folder).appendingPathComponent("summary.json"))
        return try JSONSerialization.jsonObject(with: data) as! [String: Any]
    }

    /// The rows (header first) of a CSV file of run folder `runId` (default: the newest), split
    /// on commas: the test files hold no quoted commas.
    func rows(_ file: String, _ runId: String? = nil) throws -> [[String]] {
        let folder = runId ?? BinaryRunner.runFolders(out).last!
        let text = try String(contentsOf: out.appendingPathComponent(folder).appendingPathComponent(file), encoding: .utf8)
        return text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    /// The external ids written to the profile update file of a run (empty when it has none).
    func profileIds(_ runId: String? = nil) throws -> [String] {
        let folder = out.appendingPathComponent(runId ?? BinaryRunner.runFolders(out).last!)
        guard FileManager.default.fileExists(atPath: folder.appendingPathComponent("Engage_Profile_vod__c.upsert.csv").path)
        else { return [] }
        return try rows("Engage_Profile_vod__c.upsert.csv", runId ?? BinaryRunner.runFolders(out).last!).dropFirst().map { $0[0] }
    }

    /// `state.json` parsed.
    func stateJSON() throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(contentsOf: stateFile)) as! [String: Any]
    }

    func history() throws -> [[String: Any]] { try stateJSON()["history"] as! [[String: Any]] }

    func ledger() throws -> [[String: Any]] { try stateJSON()["ledger"] as! [[String: Any]] }

    func watermark() throws -> String? { try stateJSON()["watermark"] as? String }
}

/// `2026-12-01T00:00:00Z` plus `hours` hours: one sync slot per hour (R26 allows exactly 60 minutes).
func hour(_ hours: Int, minutes: Int = 0) -> String {
    let date = Date(timeIntervalSince1970: 1_796_083_200 + Double(hours * 3600 + minutes * 60))
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime]
    return formatter.string(from: date)
}
