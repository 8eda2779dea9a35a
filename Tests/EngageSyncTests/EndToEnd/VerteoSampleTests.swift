import Foundation
import Testing

/// End-to-end on the shipped sample (`samples/verteo`): the three export encodings give the same
/// files (issue 2, "done when"), the sample's grant sets prove the permissions (R30, issue 4
/// item 6), and the story runs as its README tells it.
@Suite(.serialized) struct VerteoSampleTests {
    static let sample = BinaryRunner.packageRoot.appendingPathComponent("samples/verteo")
    static let outputs = ["Engage_Profile_vod__c.upsert.csv", "Engage_Connection_vod__c.upsert.csv", "success.csv",
                          "error.csv", "changes.csv", "warnings.csv"]

    /// Runs the sample's config with another export; returns the run folder.
    func runSample(export: String) throws -> URL {
        let state = try BinaryRunner.temporaryFolder("verteo-state"), out = try BinaryRunner.temporaryFolder("verteo-out")
        let result = try BinaryRunner.run(["sync", "--config", "engage-sync.yaml", "--export", export,
                                           "--state", state.path, "--out", out.path, "--now", "2026-11-30T10:00:00Z"],
                                          cwd: Self.sample)
        #expect(result.exitCode == 0, "\(export): \(result.stdout) \(result.stderr)")
        return out.appendingPathComponent(try #require(BinaryRunner.runFolders(out).first))
    }

    @Test func r1_r15_theSampleFromJSONJSONLinesAndXMLGivesByteIdenticalFiles() throws {
        let json = try runSample(export: "export.json")
        for other in ["export.jsonl", "export.xml"] {
            let run = try runSample(export: other)
            for file in Self.outputs {
                let a = try Data(contentsOf: json.appendingPathComponent(file))
                let b = try Data(contentsOf: run.appendingPathComponent(file))
                #expect(a == b, "\(other): \(file) differs from the JSON export's")
            }
        }
        // Not trivially equal: the run touches every rule the sample README describes.
        let summary = try #require(try JSONSerialization.jsonObject(
            with: Data(contentsOf: json.appendingPathComponent("summary.json"))) as? [String: Any])
        let counts = try #require(summary["counts"] as? [String: Int])
        #expect(counts == ["create": 7, "update": 2, "deactivate": 3, "reactivate": 0, "delete": 2, "unchanged": 6,
                           "skipped": 2, "failed": 0])
        let profiles = try String(contentsOf: json.appendingPathComponent(Self.outputs[0]), encoding: .utf8)
        #expect(profiles.contains("\nep-5d6e7f80,0125j000000HcPqAAK,佐藤 花子,花子,佐藤,佐藤 花子,MD,内科医,"))
        #expect(profiles.contains(",0015j00000PrRmNAAV,"))  // R12: the merged-away account resolved
        #expect(!profiles.contains("ep-8e9f0a1b"))  // R1: not eligible
        let warnings = try String(contentsOf: json.appendingPathComponent("warnings.csv"), encoding: .utf8)
        #expect(warnings.contains("ep-3e4f5a6b,ACCOUNT_NOT_FOUND,"))
    }

    @Test func r3_r14_afterLoadingRunOneAFullResyncChangesOnlyWhatWasEditedByHand() throws {
        // story/snapshot-2 is the CRM after run 1's files were loaded, plus Alice's edit of one title.
        let state = try BinaryRunner.temporaryFolder("verteo-state"), out = try BinaryRunner.temporaryFolder("verteo-out")
        let common = ["sync", "--config", "engage-sync.yaml", "--state", state.path, "--out", out.path, "--quiet"]
        #expect(try BinaryRunner.run(common + ["--now", "2026-11-30T10:00:00Z"], cwd: Self.sample).exitCode == 0)
        let again = try BinaryRunner.run(common + ["--snapshot", "story/snapshot-2", "--full",
                                                   "--now", "2026-11-30T11:15:00Z"], cwd: Self.sample)
        #expect(again.exitCode == 0, "\(again.stdout)")
        #expect(again.stdout.contains("0 created, 1 updated, 0 deactivated, 0 reactivated, 0 scrubbed, 17 unchanged, "
            + "2 skipped, 0 failed"))
        let run = out.appendingPathComponent("20261130T111500Z")
        let success = try String(contentsOf: run.appendingPathComponent("success.csv"), encoding: .utf8)
        #expect(success == "object,external_id,action,crm_id,changed_fields\n"
            + "Engage_Profile_vod__c,ep-6c7d8e9f,update,a2N5j0000000106EAA,Title_vod__c\n")
        let warnings = try String(contentsOf: run.appendingPathComponent("warnings.csv"), encoding: .utf8)
        #expect(warnings.contains("ep-6c7d8e9f,MANUAL_EDIT,edited in the CRM by 0055j00000AlAdmAAF"))
    }

    func permissions(_ grants: [String], _ extra: [String] = []) throws -> BinaryRunner.Result {
        try BinaryRunner.run(["permissions"] + grants.flatMap { ["--grants", "permissions/\($0)"] } + extra,
                             cwd: Self.sample)
    }

    @Test func r30_theSampleGrantSetsCompleteIncompleteAndFixedBySuggest() throws {
        let profile = "Engage_Integration.profile-meta.xml"
        let complete = try permissions([profile, "Engage_Profile_Sync.permissionset-meta.xml"])
        #expect(complete.exitCode == 0, "\(complete.stdout)")
        #expect(complete.stdout.contains("\nall 44 requirements granted\n"))
        // Record types are split across the two files; the table names the file that grants each.
        let rows = complete.stdout.split(separator: "\n").map {
            $0.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        }
        #expect(rows.contains("Engage_Profile_vod__c record type Engage_HCP_Profile_vod Visible visible ok permissions/\(profile)"))
        #expect(rows.contains("Engage_Profile_vod__c record type Engage_Staff_Profile_vod Visible visible ok "
            + "permissions/Engage_Profile_Sync.permissionset-meta.xml"))
        #expect(rows.contains("object item needed granted verdict file"))

        let yaml = try permissions(["Engage_Integration_grants.yaml"])
        #expect(yaml.exitCode == 0, "\(yaml.stdout)")

        let incompleteSet = "incomplete/Engage_Profile_Sync.permissionset-meta.xml"
        let suggestion = try BinaryRunner.temporaryFolder("verteo-suggest").appendingPathComponent("Missing.permissionset-meta.xml")
        let incomplete = try permissions([profile, incompleteSet], ["--suggest", suggestion.path])
        #expect(incomplete.exitCode == 1)
        let missing = incomplete.stdout.split(separator: "\n").filter { $0.hasPrefix("! ") }.map {
            $0.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        }
        #expect(missing == ["! Engage_Profile_vod__c record type Engage_Staff_Profile_vod Visible visible false MISSING -",
                            "! Engage_Profile_vod__c Title_vod__c Edit not granted MISSING -"])
        #expect(incomplete.stdout.contains("\n2 of 44 requirements missing\n"))
        #expect(incomplete.stdout.contains("\"not granted\" means not granted in these files."))

        let fixed = try BinaryRunner.run(["permissions", "--grants", "permissions/\(profile)",
                                          "--grants", "permissions/\(incompleteSet)", "--grants", suggestion.path],
                                         cwd: Self.sample)
        #expect(fixed.exitCode == 0, "\(fixed.stdout)")
    }

    @Test func r30_aMalformedGrantFileExits64WithItsPosition() throws {
        let folder = try BinaryRunner.temporaryFolder("verteo-bad-grants")
        let yaml = folder.appendingPathComponent("grants.yaml")
        try Data("version: 1\nobjects:\n  - object: Account\n    acess: R\n".utf8).write(to: yaml)
        let result = try BinaryRunner.run(["permissions", "--grants", yaml.path])
        #expect(result.exitCode == 64)
        #expect(result.stderr.hasPrefix("\(yaml.path):4:5: error: unknown key 'acess' in an object"))
        #expect(result.stdout.isEmpty)
        let xml = folder.appendingPathComponent("broken.profile-meta.xml")
        try Data("<?xml version=\"1.0\"?>\n<Profile xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n<custom>true</custom>\n"
            .utf8).write(to: xml)
        let broken = try BinaryRunner.run(["permissions", "--grants", xml.path])
        #expect(broken.exitCode == 64)
        #expect(broken.stderr.hasPrefix("\(xml.path):3:22: error: the document ends inside <Profile> (1 element still "
            + "open): the file is truncated or an end tag is missing"), "\(broken.stderr)")
    }

    @Test func r20_r26_theStoryRunsAsItsReadmeTellsIt() throws {
        let out = try BinaryRunner.temporaryFolder("verteo-story")
        let result = try BinaryRunner.run([], executable: Self.sample.appendingPathComponent("story.sh").path,
                                          environment: ["ENGAGE_SYNC": BinaryRunner.binary,
                                                        "STORY_OUT": out.appendingPathComponent("story").path])
        #expect(result.exitCode == 0, "\(result.stdout)\n\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.filter { $0.hasPrefix("exit code ") } == ["exit code 0", "exit code 1", "exit code 75",
                                                                "exit code 75", "exit code 0"])
        // Every summary and refusal line the story prints is quoted in the README as printed.
        let readme = try String(contentsOf: Self.sample.appendingPathComponent("README.md"), encoding: .utf8)
        let quoted = lines.filter {
            $0.hasPrefix("Success") || $0.hasPrefix("Failure") || $0.hasPrefix("  ") || $0.contains("refused:")
        }.map { $0.replacingOccurrences(of: out.appendingPathComponent("story").path, with: "run/story") }
        #expect(quoted.count >= 15)
        for line in quoted {
            #expect(readme.contains(line), "README.md does not quote: \(line)")
        }
        let history = try BinaryRunner.run(["history", "--state", out.appendingPathComponent("story/state").path, "--json"])
        #expect(history.stdout.contains("\"watermark\" : \"2026-11-30T12:25:00.000Z\""))
        #expect(history.stdout.contains("\"retry_ledger_size\" : 0"))
    }
}
