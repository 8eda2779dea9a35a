import Foundation
import Testing

/// End-to-end: the built binary on files, outputs and exit codes compared (SPEC §4, §7, R26, R28).
@Suite(.serialized) struct SyncCommandTests {
    let fixture = BinaryRunner.packageRoot.appendingPathComponent("Tests/Fixtures/basic")

    func syncArgs(export: String? = nil, state: URL, out: URL, now: String = "2026-11-30T10:00:00Z") -> [String] {
        ["sync", "--export", export ?? fixture.appendingPathComponent("export.json").path,
         "--snapshot", fixture.appendingPathComponent("snapshot").path, "--state", state.path, "--out", out.path,
         "--org-id", "00D5j00000AbCdE", "--company-id", "verteo-biopharma",
         "--integration-user", "0055j00000EnGsYAAV", "--now", now]
    }

    @Test func r20_firstSyncIsFullAndWritesTheRunFolder() throws {
        let state = try BinaryRunner.temporaryFolder(), out = try BinaryRunner.temporaryFolder()
        let result = try BinaryRunner.run(syncArgs(state: state, out: out) + ["--json"])
        #expect(result.exitCode == 0, "\(result.stderr)")
        let folders = BinaryRunner.runFolders(out)
        #expect(folders == ["20261130T100000Z"])
        let run = out.appendingPathComponent(folders[0])
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: run.appendingPathComponent("summary.json")))
            as? [String: Any]
        #expect(summary?["mode"] as? String == "full")
        #expect(summary?["status"] as? String == "Success")
        #expect(result.stdout.contains("\"run_id\" : \"20261130T100000Z\""))
        let profiles = try String(contentsOf: run.appendingPathComponent("Engage_Profile_vod__c.upsert.csv"), encoding: .utf8)
        #expect(profiles.hasPrefix("VExternal_ID_vod__c,RecordTypeId,Name,"))
        #expect(!profiles.contains("\r\n"))
        let connections = try String(contentsOf: run.appendingPathComponent("Engage_Connection_vod__c.upsert.csv"),
                                     encoding: .utf8)
        #expect(connections.hasPrefix("VExternal_ID_vod__c,RecordTypeId,From_User_vod__c,"
            + "To_Engage_Profile_vod__r.VExternal_ID_vod__c,Active_vod__c,Inactivation_Datetime_vod__c\n"))
    }

    /// R4 guarded: with a mistyped org id every CRM connection would look vanished and be
    /// deactivated in a run that looks like a Success; a full export that never names the org is
    /// a Failure instead, and an id that is no org id is a usage error.
    @Test func r4_aFullExportThatNeverNamesTheOrgIsAFailureNotAMassDeactivation() throws {
        let state = try BinaryRunner.temporaryFolder(), out = try BinaryRunner.temporaryFolder()
        defer { for url in [state, out] { try? FileManager.default.removeItem(at: url) } }
        let config = BinaryRunner.packageRoot.appendingPathComponent("samples/verteo/engage-sync.yaml").path
        let args = ["sync", "--config", config, "--state", state.path, "--out", out.path, "--now", "2026-11-30T10:00:00Z"]
        let wrong = try BinaryRunner.run(args + ["--org-id", "00D5j00000AbCdF"])
        #expect(wrong.exitCode == 2, "\(wrong.stdout)\(wrong.stderr)")
        #expect(wrong.stdout.contains("names org 00D5j00000AbCdFEAV in none of its 12 profiles (it names only "
            + "00D5j00000AbCdE, 00D5j00000XyZwV), yet the CRM holds 7 Engage connections: check --org-id"),
                "\(wrong.stdout)")
        let run = out.appendingPathComponent(try #require(BinaryRunner.runFolders(out).first))
        #expect(!FileManager.default.fileExists(atPath: run.appendingPathComponent("Engage_Connection_vod__c.upsert.csv").path))
        let account = try BinaryRunner.run(args + ["--org-id", "0015j00000QxYzA"])
        #expect(account.exitCode == 64)
        #expect(account.stderr.contains("--org-id '0015j00000QxYzA' is not an org id: org ids start with 00D"), "\(account.stderr)")
        let user = try BinaryRunner.run(args + ["--integration-user", "00D5j00000AbCdE"])
        #expect(user.exitCode == 64)
        #expect(user.stderr.contains("is not a user id: user ids start with 005"), "\(user.stderr)")
    }

    /// An incremental sync with a mistyped org id would deactivate every connection of the
    /// profiles it touches: a state folder belongs to the org and company of its syncs.
    @Test func r4_aStateFolderServesOneOrgAndAnotherOrgIdIsAConfigurationError() throws {
        let state = try BinaryRunner.temporaryFolder(), out = try BinaryRunner.temporaryFolder()
        defer { for url in [state, out] { try? FileManager.default.removeItem(at: url) } }
        let sample = BinaryRunner.packageRoot.appendingPathComponent("samples/verteo")
        let args = ["sync", "--config", sample.appendingPathComponent("engage-sync.yaml").path, "--state", state.path,
                    "--out", out.path]
        #expect(try BinaryRunner.run(args + ["--now", "2026-11-30T10:00:00Z"]).exitCode == 0)
        let before = try Data(contentsOf: state.appendingPathComponent("state.json"))
        let stateText = String(decoding: before, as: UTF8.self)
        #expect(stateText.contains("\"org_id\" : \"00D5j00000AbCdEEAV\""), "\(stateText)")
        let incremental = ["--now", "2026-11-30T11:15:00Z",
                           "--export", sample.appendingPathComponent("story/export-2.jsonl").path,
                           "--snapshot", sample.appendingPathComponent("story/snapshot-2").path]
        let wrong = try BinaryRunner.run(args + incremental + ["--org-id", "00D5j00000AbCdF"])
        #expect(wrong.exitCode == 64, "\(wrong.stdout)")
        #expect(wrong.stderr.hasPrefix(state.appendingPathComponent("state.json").path + ": error: this state folder "
            + "belongs to 00D5j00000AbCdEEAV (its syncs ran with --org-id 00D5j00000AbCdEEAV); this run gives "
            + "00D5j00000AbCdFEAV: check --org-id"), "\(wrong.stderr)")
        #expect(try Data(contentsOf: state.appendingPathComponent("state.json")) == before)
        #expect(BinaryRunner.runFolders(out) == ["20261130T100000Z"])
        #expect(try BinaryRunner.run(args + incremental).exitCode == 1, "the right org goes on (the story's run 2)")
    }

    @Test func r24_anExportOfAnotherCompanyIsAFailureNamingTheHeaderPlace() throws {
        let state = try BinaryRunner.temporaryFolder(), out = try BinaryRunner.temporaryFolder()
        defer { for url in [state, out] { try? FileManager.default.removeItem(at: url) } }
        let sample = BinaryRunner.packageRoot.appendingPathComponent("samples/verteo")
        for (name, place) in [("export.json", ":6:"), ("export.xml", ":2:")] {
            let text = try String(contentsOf: sample.appendingPathComponent(name), encoding: .utf8)
            let other = state.appendingPathComponent("other-" + name)
            try Data(text.replacingOccurrences(of: "verteo-biopharma", with: "acme-pharma").utf8).write(to: other)
            let result = try BinaryRunner.run(syncArgs(export: other.path, state: state, out: out) + ["--json", "--dry-run"])
            #expect(result.exitCode == 2)
            let summary = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
            let message = try #require(summary?["message"] as? String)
            #expect(message.hasPrefix(other.path + place) && message.contains(": error: export belongs to company "
                + "'acme-pharma', not 'verteo-biopharma' (--company-id)"), "\(message)")
        }
    }

    @Test func r26_aRunWithinSixtyMinutesIsRefusedAndWritesNothing() throws {
        let state = try BinaryRunner.temporaryFolder(), out = try BinaryRunner.temporaryFolder()
        #expect(try BinaryRunner.run(syncArgs(state: state, out: out)).exitCode == 0)
        let stateBefore = try Data(contentsOf: state.appendingPathComponent("state.json"))
        let out2 = try BinaryRunner.temporaryFolder()
        let refused = try BinaryRunner.run(syncArgs(state: state, out: out2, now: "2026-11-30T10:59:59Z"))
        #expect(refused.exitCode == 75)
        #expect(refused.stderr.contains("2026-11-30T11:00:00.000Z"))
        #expect(BinaryRunner.runFolders(out2).isEmpty)
        #expect(try Data(contentsOf: state.appendingPathComponent("state.json")) == stateBefore)
        #expect(try BinaryRunner.run(syncArgs(state: state, out: out2, now: "2026-11-30T11:00:00Z")).exitCode == 0)
    }

    @Test func r28_anExportThatIsNotWellFormedIsAFailureThatMovesNoWatermark() throws {
        let state = try BinaryRunner.temporaryFolder(), out = try BinaryRunner.temporaryFolder()
        let broken = state.deletingLastPathComponent().appendingPathComponent("broken-\(UUID().uuidString).json")
        try Data(#"{"format": "engage-connect-export", "version": 1, "exported_at": "2026-11-30T09:00:00Z", "kind": "full", "profiles": [ {"id": "ep-1",, } ]}"#.utf8)
            .write(to: broken)
        let result = try BinaryRunner.run(syncArgs(export: broken.path, state: state, out: out))
        #expect(result.exitCode == 2)
        let run = out.appendingPathComponent(BinaryRunner.runFolders(out)[0])
        let files = try FileManager.default.contentsOfDirectory(atPath: run.path).sorted()
        #expect(!files.contains("Engage_Profile_vod__c.upsert.csv"))
        let summary = try String(contentsOf: run.appendingPathComponent("summary.json"), encoding: .utf8)
        #expect(summary.contains("\"status\" : \"Failure\""))
        #expect(summary.contains(broken.lastPathComponent + ":1:"))
        let history = try BinaryRunner.run(["history", "--state", state.path, "--json"])
        #expect(history.stdout.contains("Failure"))
        let stateText = try String(contentsOf: state.appendingPathComponent("state.json"), encoding: .utf8)
        #expect(!stateText.contains("\"watermark\" : \"2026"))
    }

    @Test func dryRunWritesTheRunFolderAndChangesNoState() throws {
        let state = try BinaryRunner.temporaryFolder(), out = try BinaryRunner.temporaryFolder()
        let result = try BinaryRunner.run(syncArgs(state: state, out: out) + ["--dry-run"])
        #expect(result.exitCode == 0)
        #expect(BinaryRunner.runFolders(out).count == 1)
        #expect(!FileManager.default.fileExists(atPath: state.appendingPathComponent("state.json").path))
    }

    @Test func usageErrorsExit64WithTheUsage() throws {
        let result = try BinaryRunner.run(["sync", "--export", "x.json"])
        #expect(result.exitCode == 64)
        #expect(result.stderr.contains("missing --snapshot"))
        #expect(result.stderr.contains("Usage: engage-sync sync"))
        let unknown = try BinaryRunner.run(["sync", "--bogus"])
        #expect(unknown.exitCode == 64)
        #expect(unknown.stderr.contains("unknown option '--bogus'"))
        let badId = try BinaryRunner.run(syncArgs(state: URL(fileURLWithPath: "/tmp/x"), out: URL(fileURLWithPath: "/tmp/y"))
            .map { $0 == "00D5j00000AbCdE" ? "00D5j" : $0 })
        #expect(badId.exitCode == 64)
        #expect(badId.stderr.contains("--org-id '00D5j' is not a Salesforce id"))
    }

    @Test func helpExitsZeroOnEveryCommand() throws {
        for command in ["sync", "permissions", "history", "results", "mapping"] {
            let result = try BinaryRunner.run([command, "--help"])
            #expect(result.exitCode == 0, "\(command)")
            #expect(result.stdout.contains("Usage: engage-sync \(command)"), "\(command)")
        }
        #expect(try BinaryRunner.run(["--help"]).exitCode == 0)
        #expect(try BinaryRunner.run([]).exitCode == 64)
        let version = try BinaryRunner.run(["--version"])
        #expect(version.exitCode == 0)
        #expect(version.stdout.hasPrefix("engage-sync 0.1.0 (Engage export format 1, state format 1)"))
    }

    @Test func mappingPrintShowsTheShippedDefault() throws {
        let result = try BinaryRunner.run(["mapping", "--print"])
        let shipped = try String(contentsOf: BinaryRunner.packageRoot.appendingPathComponent("mappings/engage-profile-sync.yaml"),
                                 encoding: .utf8)
        #expect(result.exitCode == 0)
        #expect(result.stdout == shipped || result.stdout == shipped + "\n")
    }
}
