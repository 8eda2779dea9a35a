import EngageSync
import Foundation

/// `engage-sync sync`: flags and config resolved into `SyncOptions`, then the runner.
enum SyncCommand {
    static func run(_ args: [String]) throws -> Int32 {
        let parsed = try ParsedArguments(
            args,
            valued: ["export", "snapshot", "state", "out", "org-id", "company-id", "integration-user", "mapping",
                     "manifest", "grants", "config", "now", "post-processing-lock"],
            flags: ["full", "dry-run", "json", "quiet"], repeatable: ["grants"])
        let config = try parsed.value("config").map { try ConfigLoader.load(path: $0) } ?? SyncConfig()
        func setting(_ flag: String, _ fromConfig: String?) -> String? { parsed.value(flag) ?? fromConfig }
        let required: [(String, String?)] = [
            ("export", setting("export", config.export)), ("snapshot", setting("snapshot", config.snapshot)),
            ("state", setting("state", config.state)), ("out", setting("out", config.out)),
            ("org-id", setting("org-id", config.orgId)), ("company-id", setting("company-id", config.companyId)),
            ("integration-user", setting("integration-user", config.integrationUser)),
        ]
        let missing = required.filter { $0.1 == nil }.map { "--\($0.0)" }
        guard missing.isEmpty else {
            throw UsageError(message: "missing \(missing.joined(separator: ", ")) (give it as a flag or in --config)")
        }
        let value = Dictionary(uniqueKeysWithValues: required.map { ($0.0, $0.1!) })
        let orgId = try salesforceId(value["org-id"]!, flag: "org-id", prefix: "00D", what: "org")
        let user = try salesforceId(value["integration-user"]!, flag: "integration-user", prefix: "005", what: "user")
        let now: Instant
        if let text = parsed.value("now") {
            do { now = try Instant(parsing: text) } catch {
                throw UsageError(message: "--now '\(text)' \(error)")
            }
        } else {
            now = Instant(Date())
        }
        let (mapping, manifest) = try MappingCommand.load(mapping: setting("mapping", config.mapping),
                                                          manifest: setting("manifest", config.manifest))
        let grants = parsed.all("grants").isEmpty ? config.grants : parsed.all("grants")
        let options = SyncOptions(
            exportPath: value["export"]!, snapshotPath: value["snapshot"]!, statePath: value["state"]!,
            outPath: value["out"]!, orgId: orgId, companyId: value["company-id"]!, integrationUser: user,
            mapping: mapping, manifest: manifest, grants: grants, forceFull: parsed.has("full"),
            dryRun: parsed.has("dry-run"), now: now,
            postProcessingLock: setting("post-processing-lock", config.postProcessingLock), policy: config.policy)
        var runner = SyncRunner(options: options)
        let progressLine = !parsed.has("quiet") && !parsed.has("json") && isatty(STDERR_FILENO) == 1 ? ProgressLine() : nil
        if let progressLine {
            runner.progress = { phase, count in progressLine.update(phase: phase, count: count) }
        }
        let result: SyncResult
        do {
            result = try runner.run()
        } catch let refused as RunRefused {
            progressLine?.finish()
            Output.error("engage-sync sync: refused: \(refused.message)")
            return ExitCode.refused
        } catch {
            progressLine?.finish()
            throw error
        }
        progressLine?.finish()
        if result.status == .failure {
            // Pipelines that keep only stderr must see why (the summary below goes to stdout).
            Output.error("engage-sync sync: Failure: \(result.summary.message)")
        }
        if parsed.has("json") {
            Output.out(result.summary.json())
        } else {
            Output.out(humanSummary(result))
        }
        return result.exitCode
    }

    /// An 18-character id of the kind the key prefix names (`00D` org, `005` user).
    static func salesforceId(_ text: String, flag: String, prefix: String, what: String) throws -> String {
        let id: String
        do { id = try SalesforceId(parsing: text).value } catch {
            throw UsageError(message: "--\(flag) '\(text)' is not a Salesforce id: it \(error)")
        }
        guard id.hasPrefix(prefix) else {
            throw UsageError(message: "--\(flag) '\(text)' is not \(what == "org" ? "an" : "a") \(what) id: "
                + "\(what) ids start with \(prefix)")
        }
        return id
    }

    static func humanSummary(_ result: SyncResult) -> String {
        let s = result.summary
        var lines = ["\(s.status) — \(s.mode) sync (\(s.modeReason))\(s.dryRun ? ", dry run: state unchanged" : "")",
                     "  \(s.message)"]
        for file in s.files {
            lines.append("  \(file.file): \(file.rows) row\(file.rows == 1 ? "" : "s") to upsert on \(file.externalIdFieldName)")
        }
        if s.warnings > 0 { lines.append("  \(s.warnings) warning\(s.warnings == 1 ? "" : "s") in warnings.csv") }
        lines.append("run folder: \(result.runFolder)")
        return lines.joined(separator: "\n")
    }
}
