/// Whether the export mentions this org at all, in a profile's accounts or connections.
///
/// A guard against a mistyped `--org-id`: with an org the export never names, every CRM
/// connection looks vanished and would be deactivated (R4) and every account link cleared, in
/// a run that otherwise looks like a Success.
struct OrgPresence {
    let orgId: String
    /// The lists of an entry, and the key in their items, that name an org.
    private let orgKeys: [(list: String, key: String)]
    private(set) var isMentioned = false
    /// Orgs the export names instead, the first few, for the message.
    private(set) var otherOrgs: [String] = []
    private(set) var profiles = 0

    init(mapping: SyncMapping, orgId: String) {
        self.orgId = orgId
        var keys = [(list: mapping.connections.list, key: mapping.connections.orgKey)]
        for rule in mapping.profile.fields where rule.lookup == .account {
            for case .path(let path) in rule.sources {
                if case .list(let name, .thisOrg(let key)) = path.scope { keys.append((name, key)) }
            }
        }
        orgKeys = keys
    }

    mutating func observe(_ entry: ExportEntry) {
        profiles += 1
        guard !isMentioned else { return }
        for (list, key) in orgKeys {
            for item in entry.lists[list] ?? [] {
                guard let org = item[key]?.literal else { continue }
                if ValueResolver.sameId(org, orgId) {
                    isMentioned = true
                    return
                }
                if otherOrgs.count < 5, !otherOrgs.contains(org) { otherOrgs.append(org) }
            }
        }
    }

    /// The reason to stop a full sync whose export never names this org while the CRM holds
    /// Engage connections; nil when the run may go on.
    func fault(exportPath: String, crmConnections: Int) -> RunFault? {
        guard profiles > 0, !isMentioned, crmConnections > 0 else { return nil }
        let others = otherOrgs.isEmpty ? "no org at all" : "only " + otherOrgs.joined(separator: ", ")
        return RunFault(
            "\(exportPath): error: the full export names org \(orgId) in none of its \(profiles) profiles "
                + "(it names \(others)), yet the CRM holds \(crmConnections) Engage connections: check --org-id; "
                + "no update file was written, since every connection would have been deactivated")
    }
}
