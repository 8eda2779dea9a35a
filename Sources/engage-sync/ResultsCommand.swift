import EngageSync
import Foundation

/// `engage-sync results`: load results close the loop (R27).
///
/// Exit codes: 0 applied and no row rejected (or every file was applied before: nothing to do),
/// 1 applied and some rows rejected (they wait in the retry ledger), 2 a result file or the run's
/// update files cannot be read or a row matches no record of the run (nothing changed), 64 bad
/// usage or an unknown run id (nothing changed), 75 another sync holds the state folder.
enum ResultsCommand {
    static func run(_ args: [String]) throws -> Int32 {
        let parsed = try ParsedArguments(args, valued: ["state", "run", "failed", "succeeded", "now"], flags: ["json"],
                                         repeatable: ["failed", "succeeded"])
        guard let folder = parsed.value("state") else { throw UsageError(message: "missing --state") }
        guard let runId = parsed.value("run") else { throw UsageError(message: "missing --run") }
        guard !parsed.all("failed").isEmpty || !parsed.all("succeeded").isEmpty else {
            throw UsageError(message: "give --failed and/or --succeeded result files")
        }
        let now = try parsed.value("now").map { text in
            do { return try Instant(parsing: text) } catch { throw UsageError(message: "--now '\(text)' \(error)") }
        } ?? Instant(Date())
        let store = StateStore(directory: folder)
        guard FileManager.default.fileExists(atPath: store.stateFile) else {
            Output.error("\(store.stateFile): error: no sync state here (no sync has run with --state \(folder))")
            return ExitCode.usage
        }
        let lock: StateLock
        do { lock = try store.lock() } catch let locked as StateLocked {
            Output.error("engage-sync results: refused: \(locked.description)")
            return ExitCode.refused
        }
        defer { lock.release() }
        var state = try store.load()
        let report: LoadResultsReport
        do {
            let failed = try parsed.all("failed").map { try LoadResultFile.read(path: $0) }
            let succeeded = try parsed.all("succeeded").map { try LoadResultFile.read(path: $0) }
            report = try LoadResults.apply(failed: failed, succeeded: succeeded, runId: runId, to: &state,
                                           stateFile: store.stateFile, now: now)
        } catch let unknown as UnknownRun {
            Output.error(unknown.description + "; nothing changed")
            return ExitCode.usage
        } catch let error as InputError {
            Output.error(error.description + "\nnothing changed: the retry ledger and the history are as they were")
            return ExitCode.failure
        }
        if !report.changedNothing { try store.save(state) }
        Output.out(parsed.has("json") ? json(report) : text(report))
        return report.failed > 0 ? ExitCode.successWithErrors : ExitCode.success
    }

    static func text(_ r: LoadResultsReport) -> String {
        var lines: [String] = []
        if r.changedNothing && r.alreadyCounted == 0 && r.skippedFiles.isEmpty {
            lines.append("run \(r.runId): nothing to apply, the result files hold no rows")
        } else if r.changedNothing && r.alreadyCounted == 0 {
            lines.append("run \(r.runId): nothing to apply, every file was applied to this run before")
        } else {
            lines.append("run \(r.runId): \(r.failed) rejected row\(r.failed == 1 ? "" : "s") entered the retry ledger, "
                + "\(r.succeeded) loaded row\(r.succeeded == 1 ? "" : "s") applied")
        }
        if r.alreadyCounted > 0 {
            lines.append("  \(r.alreadyCounted) row\(r.alreadyCounted == 1 ? "" : "s") left alone: already counted for this run or decided by a later run")
        }
        for file in r.skippedFiles { lines.append("  skipped \(file): applied to this run before") }
        lines.append(r.statusBefore == r.statusAfter
            ? "  status: \(r.statusAfter.rawValue)"
            : "  status: \(r.statusBefore.rawValue) → \(r.statusAfter.rawValue)")
        lines.append("  retry ledger: \(r.ledgerSize) record\(r.ledgerSize == 1 ? "" : "s")")
        return lines.joined(separator: "\n")
    }

    static func json(_ r: LoadResultsReport) -> String {
        return String(decoding: (try? ReadableJSON.encoder.encode(r)) ?? Data("{}".utf8), as: UTF8.self)
    }
}
