import Foundation
import Testing
@testable import EngageSync

/// The config file: relative paths, ids kept as text, policy numbers, unknown keys.
@Suite struct ConfigLoaderTests {
    func failure(_ text: String) -> InputError? {
        do {
            _ = try ConfigLoader.load(text: text, path: "/etc/engage/sync.yaml")
            return nil
        } catch {
            return error as? InputError
        }
    }

    @Test func relativePathsResolveAgainstTheConfigFolder() throws {
        let folder = TestScratch.root.appendingPathComponent("cfg-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/engage-sync.yaml"
        try """
        # nightly sync
        org_id: 00D000000000001
        company_id: 0012
        integration_user: 005000000000001AAA
        export: exports/latest.json
        snapshot: ./snapshot
        state: /var/lib/engage-sync/state
        out: ../out
        mapping: mappings/custom.yaml
        manifest: perms.yaml
        grants:
          - grants/Integration.profile-meta.xml
          - /srv/grants/Extra.permissionset
        post_processing_lock: engage.lock
        policy:
          minutes_between_syncs: 30
          full_after_days_without_success: 45
          full_after_failed_syncs: 5
          max_record_failures: 3
          history_size: 20

        """.write(toFile: path, atomically: true, encoding: .utf8)
        let config = try ConfigLoader.load(path: path)
        #expect(config.orgId == "00D000000000001")
        #expect(config.companyId == "0012")
        #expect(config.integrationUser == "005000000000001AAA")
        #expect(config.export == folder + "/exports/latest.json")
        #expect(config.snapshot == folder + "/snapshot")
        #expect(config.state == "/var/lib/engage-sync/state")
        #expect(config.out == folder + "/../out")
        #expect(config.mapping == folder + "/mappings/custom.yaml")
        #expect(config.manifest == folder + "/perms.yaml")
        #expect(config.grants == [folder + "/grants/Integration.profile-meta.xml", "/srv/grants/Extra.permissionset"])
        #expect(config.postProcessingLock == folder + "/engage.lock")
        var policy = SyncPolicy()
        policy.minutesBetweenSyncs = 30
        policy.fullAfterDaysWithoutSuccess = 45
        policy.fullAfterFailedSyncs = 5
        policy.maxRecordFailures = 3
        policy.historySize = 20
        #expect(config.policy == policy)
    }

    @Test func partialConfigKeepsDefaultsAndSurprisesStayText() throws {
        let config = try ConfigLoader.load(text: "org_id: NO\ncompany_id: 1e3\nintegration_user: 0x1F\ngrants: on.profile\n",
                                           path: "sync.yaml")
        #expect(config.orgId == "NO")
        #expect(config.companyId == "1e3")
        #expect(config.integrationUser == "0x1F")
        #expect(config.grants == ["on.profile"])
        #expect(config.policy == SyncPolicy())
        #expect(config.export == nil)
    }

    @Test func policyNumbersMustBePositiveWholeNumbers() {
        for bad in ["1.5", "1e3", "0012", "-5", "0", "0x1F", "sixty", "1_000", "''"] {
            let error = failure("policy:\n  history_size: \(bad)\n")
            #expect(error?.kind == .config)
            #expect(error?.location == SourceLocation(path: "/etc/engage/sync.yaml", line: 2, column: 17), "\(bad)")
        }
        #expect(failure("policy:\n  minutes_between_syncs: 1.5\n")?.headline
            == "/etc/engage/sync.yaml:2:26: error: 'minutes_between_syncs' must be a positive whole number, found '1.5'")
        // Absent or null keeps the default; a quoted number is still a number (scalars are text).
        #expect(failure("policy:\n  history_size:\n") == nil)
        #expect((try? ConfigLoader.load(text: "policy:\n  history_size: \"12\"\n", path: "c.yaml"))?.policy.historySize == 12)
        #expect(failure("policy:\n  history_size: [1]\n")?.message
            == "'history_size' must be a positive whole number, found a list")
    }

    @Test func unknownKeysAreErrors() {
        #expect(failure("org_id: x\nsnapshots: s\n")?.headline
            == "/etc/engage/sync.yaml:2:1: error: unknown key 'snapshots' in the config; did you mean 'snapshot'? "
            + "(allowed: version, org_id, company_id, integration_user, grants, policy, export, snapshot, state, out, "
            + "mapping, manifest, post_processing_lock)")
        #expect(failure("policy:\n  history: 3\n")?.message.hasPrefix("unknown key 'history' in 'policy'") == true)
        #expect(failure("org_id: ''\n")?.message == "'org_id' must not be empty")
    }
}
