/// `results --run` named a run the history does not hold (R27): bad usage, exit 64.
public struct UnknownRun: Error, Sendable, Equatable, CustomStringConvertible {
    public var runId: String
    /// The run ids the history holds, oldest first.
    public var known: [String]
    public var stateFile: String

    public var description: String {
        "\(stateFile): error: no run '\(runId)' in the sync history"
            + (known.isEmpty ? " (no syncs recorded yet)" : "; the history holds \(known.joined(separator: ", "))")
            + "; dry runs are never recorded, and only the last syncs are kept"
    }
}

/// What `engage-sync results` did to a run (R27).
public struct LoadResultsReport: Sendable, Equatable, Codable {
    public var runId: String
    public var statusBefore: SyncStatus
    public var statusAfter: SyncStatus
    /// Failed rows counted in the retry ledger by this call.
    public var failed: Int
    /// Successful rows applied by this call (their ledger entries, if any, cleared).
    public var succeeded: Int
    /// Rows left alone because this run's load failure was counted before or a later run's
    /// result already decided the record.
    public var alreadyCounted: Int
    /// Files skipped because they were applied to this run before (same content).
    public var skippedFiles: [String]
    /// Records in the retry ledger afterwards.
    public var ledgerSize: Int

    enum CodingKeys: String, CodingKey {
        case runId = "run_id"
        case statusBefore = "status_before"
        case statusAfter = "status_after"
        case failed, succeeded
        case alreadyCounted = "already_counted"
        case skippedFiles = "skipped_files"
        case ledgerSize = "ledger_size"
    }

    /// Whether the call changed nothing.
    public var changedNothing: Bool { failed == 0 && succeeded == 0 }
}

/// Applying load result files to a recorded run (R27): failed rows enter the retry ledger as one
/// failure each, successful rows clear the record's entry, the run's history entry gets
/// `load_results`, and a Success whose load partly (or wholly) failed becomes Success with errors.
/// A run's status never becomes Failure here: Failure means a run-level fault, and the watermark
/// stays where the sync put it because every rejected row is in the ledger and will be retried.
public enum LoadResults {
    /// Applies `failed` and `succeeded` files to run `runId` of `state`, reading the run's update
    /// files from the folder its history entry names. Nothing in `state` changes when it throws:
    /// `UnknownRun`, or an `InputError` of kind `.loadResults` naming file and row (a file given in
    /// the wrong role, columns of no update file of the run, a row matching no record of the run,
    /// a record both failed and succeeded).
    public static func apply(failed: [LoadResultFile], succeeded: [LoadResultFile], runId: String,
                             to state: inout SyncState, stateFile: String, now: Instant) throws -> LoadResultsReport {
        guard let run = state.run(runId) else {
            throw UnknownRun(runId: runId, known: state.history.map(\.runId), stateFile: stateFile)
        }
        for file in failed where !file.shape.isFailed { throw wrongRole(file, expected: "--failed") }
        for file in succeeded where file.shape.isFailed { throw wrongRole(file, expected: "--succeeded") }
        let applied = Set(run.loadResults?.digests ?? [])
        var skipped: [String] = []
        var seenDigests: Set<String> = []
        var fresh: [LoadResultFile] = []
        for file in failed + succeeded {
            if applied.contains(file.digest) || seenDigests.contains(file.digest) {
                skipped.append(file.path)
            } else {
                seenDigests.insert(file.digest)
                fresh.append(file)
            }
        }
        var matched = Matched()
        if !fresh.isEmpty {
            let records = try RunUpdateRecords.read(folder: run.runFolder)
            for file in fresh { try match(file, records: records, runId: runId, into: &matched) }
        }

        var ledger = state.ledger
        let rank = Dictionary(state.history.enumerated().map { ($0.element.runId, $0.offset) }, uniquingKeysWith: max)
        let thisRank = rank[runId] ?? -1
        /// A ledger entry last touched by this run or a later one already holds this record's verdict.
        func isDecided(_ key: RetryLedger.Key) -> Bool {
            guard let entry = ledger.entry(object: key.object, externalId: key.externalId) else { return false }
            let entryRank = rank[entry.lastRunId] ?? -1
            return entryRank > thisRank || (entryRank == thisRank && entry.source == .load)
        }
        var report = LoadResultsReport(
            runId: runId, statusBefore: run.status, statusAfter: run.status, failed: 0, succeeded: 0,
            alreadyCounted: 0, skippedFiles: skipped, ledgerSize: 0)
        for (key, error) in matched.failed.sorted(by: { $0.key < $1.key }) {
            if isDecided(key) {
                report.alreadyCounted += 1
                continue
            }
            ledger.recordLoadFailure(object: key.object, externalId: key.externalId,
                                     profileId: profileId(of: key.externalId), error: "load: \(error)", runId: runId)
            report.failed += 1
        }
        for key in matched.succeeded.sorted() {
            if let entry = ledger.entry(object: key.object, externalId: key.externalId),
               (rank[entry.lastRunId] ?? -1) > thisRank {
                report.alreadyCounted += 1
                continue
            }
            ledger.recordSuccess(object: key.object, externalId: key.externalId)
            report.succeeded += 1
        }

        report.ledgerSize = ledger.count
        guard !fresh.isEmpty else { return report }
        var updated = state
        updated.ledger = ledger
        updated.updateRun(runId) { entry in
            var load = entry.loadResults ?? LoadResultsSummary(succeeded: 0, failed: 0, files: [])
            load.succeeded += report.succeeded
            load.failed += report.failed
            load.files += fresh.map(\.path)
            load.digests += fresh.map(\.digest)
            load.appliedAt = now
            entry.loadResults = load
            if load.failed > 0, entry.status == .success { entry.status = .successWithErrors }
            report.statusAfter = entry.status
        }
        state = updated
        return report
    }

    /// The profile a record belongs to: its own external id, or for a connection
    /// (`<profile id>:<user id>`) the part before the last colon.
    public static func profileId(of externalId: String) -> String {
        guard let colon = externalId.lastIndex(of: ":") else { return externalId }
        return String(externalId[..<colon])
    }

    private struct Matched {
        var failed: [RetryLedger.Key: String] = [:]
        var succeeded: Set<RetryLedger.Key> = []
        /// Where each record was first seen, for the message when it is seen in both roles.
        var place: [RetryLedger.Key: String] = [:]
    }

    private static func match(_ file: LoadResultFile, records: RunUpdateRecords, runId: String,
                              into matched: inout Matched) throws {
        let candidates = records.objects(having: file.originalColumns)
        guard !candidates.isEmpty else {
            let objects = records.objects.map(\.name)
            throw InputError(
                .loadResults, SourceLocation(path: file.path, row: 1),
                "the columns of this \(file.shape.rawValue) match no update file of run \(runId) "
                    + (objects.isEmpty ? "(the run wrote no update rows)" : "(it wrote \(objects.joined(separator: ", ")))"))
        }
        for row in file.rows {
            let owners = candidates.filter { $0.externalIds.contains(row.externalId) }
            let location = SourceLocation(path: file.path, row: row.row, field: file.externalIdColumn)
            guard owners.count == 1, let object = owners.first?.name else {
                throw InputError(
                    .loadResults, location,
                    owners.isEmpty
                        ? "'\(row.externalId)' matches no record of run \(runId) (update files in \(records.folder))"
                        : "'\(row.externalId)' is in the update files of \(owners.map(\.name).joined(separator: " and "))")
            }
            let key = RetryLedger.Key(object: object, externalId: row.externalId)
            let place = "\(file.path):row \(row.row)"
            if file.shape.isFailed {
                if matched.succeeded.contains(key) { throw bothRoles(key, location, matched.place[key]) }
                if matched.failed[key] == nil { matched.failed[key] = row.error.isEmpty ? "rejected by the loader" : row.error }
            } else {
                if matched.failed[key] != nil { throw bothRoles(key, location, matched.place[key]) }
                matched.succeeded.insert(key)
            }
            if matched.place[key] == nil { matched.place[key] = place }
        }
    }

    private static func bothRoles(_ key: RetryLedger.Key, _ location: SourceLocation, _ first: String?) -> InputError {
        InputError(.loadResults, location,
                   "'\(key.externalId)' is reported both failed and succeeded (also at \(first ?? "?")); "
                       + "give the results of one load only")
    }

    private static func wrongRole(_ file: LoadResultFile, expected: String) -> InputError {
        let right = file.shape.isFailed ? "--failed" : "--succeeded"
        return InputError(.loadResults, SourceLocation(path: file.path, row: 1),
                          "this is a \(file.shape.rawValue), given with \(expected); give it with \(right)")
    }
}
