import Foundation
import Testing

/// The benchmark's generator (`engage-sync-gen`) writes scenarios that sync with the counts it
/// predicts: the same profiles in every export encoding and snapshot format, and an incremental
/// export that touches only its share of the profiles (R1–R8, R21).
@Suite(.serialized) struct GeneratedScenarioTests {
    struct Expected: Decodable {
        var org_id: String
        var company_id: String
        var integration_user: String
        var full_now: String
        var incremental_now: String
        var full: [String: Int]
        var incremental: [String: Int]
    }

    func generate(profiles: Int, seed: Int) throws -> (URL, Expected) {
        let folder = try BinaryRunner.temporaryFolder("scenario")
        let result = try BinaryRunner.run(["--profiles", "\(profiles)", "--seed", "\(seed)", "--out", folder.path],
                                          executable: BinaryRunner.generator)
        #expect(result.exitCode == 0, "\(result.stderr)")
        let data = try Data(contentsOf: folder.appendingPathComponent("expected.json"))
        return (folder, try JSONDecoder().decode(Expected.self, from: data))
    }

    func sync(_ folder: URL, export: String, snapshot: String, state: URL, now: String,
              _ e: Expected) throws -> [String: Any] {
        let out = try BinaryRunner.temporaryFolder("scenario-out")
        let result = try BinaryRunner.run(
            ["sync", "--export", folder.appendingPathComponent(export).path,
             "--snapshot", folder.appendingPathComponent(snapshot).path, "--state", state.path, "--out", out.path,
             "--org-id", e.org_id, "--company-id", e.company_id, "--integration-user", e.integration_user,
             "--now", now, "--json"])
        #expect(result.exitCode <= 1, "\(result.stderr)")
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] ?? [:]
    }

    @Test func r1_r8_aGeneratedScenarioSyncsWithThePredictedCountsFromEveryEncoding() throws {
        let (folder, expected) = try generate(profiles: 400, seed: 7)
        #expect((expected.full["create"] ?? 0) > 0 && (expected.full["update"] ?? 0) > 0)
        #expect((expected.full["delete"] ?? 0) > 0 && (expected.full["deactivate"] ?? 0) > 0)
        for (export, snapshot) in [("export.json", "snapshot-csv"), ("export.jsonl", "snapshot-json"),
                                   ("export.xml", "snapshot-csv")] {
            let summary = try sync(folder, export: export, snapshot: snapshot,
                                   state: try BinaryRunner.temporaryFolder("scenario-state"), now: expected.full_now, expected)
            #expect(summary["mode"] as? String == "full")
            #expect(summary["counts"] as? [String: Int] == expected.full, "\(export) with \(snapshot)")
        }
    }

    @Test func r21_theIncrementalExportSyncsOnlyTheTouchedProfiles() throws {
        let (folder, expected) = try generate(profiles: 600, seed: 3)
        let state = try BinaryRunner.temporaryFolder("scenario-state")
        _ = try sync(folder, export: "export.json", snapshot: "snapshot-csv", state: state, now: expected.full_now, expected)
        let summary = try sync(folder, export: "export-incremental.json", snapshot: "snapshot-csv", state: state,
                               now: expected.incremental_now, expected)
        #expect(summary["mode"] as? String == "incremental")
        #expect(summary["counts"] as? [String: Int] == expected.incremental)
        #expect((expected.incremental["update"] ?? 0) > 0)
    }

    @Test func theGeneratorIsDeterministicForASeed() throws {
        let (a, _) = try generate(profiles: 50, seed: 11)
        let (b, _) = try generate(profiles: 50, seed: 11)
        for file in ["export.json", "export.xml", "snapshot-csv/Engage_Connection_vod__c.csv"] {
            #expect(try Data(contentsOf: a.appendingPathComponent(file)) == Data(contentsOf: b.appendingPathComponent(file)))
        }
    }
}
