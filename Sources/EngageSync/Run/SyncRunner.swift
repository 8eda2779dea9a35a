import Foundation

/// What a finished (not refused) run produced.
public struct SyncResult: Sendable {
    public var summary: RunSummary
    /// The run folder (final name).
    public var runFolder: String
    public var status: SyncStatus

    /// SPEC §7: 0 Success, 1 Success with errors, 2 Failure.
    public var exitCode: Int32 {
        switch status {
        case .success: return 0
        case .successWithErrors: return 1
        case .failure: return 2
        }
    }
}

/// One `sync` run, end to end: refusals, mode, permission check, snapshot, export, rules,
/// outputs, state — in that order, so that nothing is lost (R28).
public struct SyncRunner {
    public var options: SyncOptions
    /// Told the phase and the number of entries read so far (every 4,096 entries while
    /// converting), for progress on a terminal.
    public var progress: (@Sendable (String, Int) -> Void)?

    public init(options: SyncOptions) {
        self.options = options
    }

    /// Runs the sync. Throws `RunRefused` (exit 75), or an `InputError` of kind `.state` /
    /// `OutputError` when not even a run folder can be written.
    public func run() throws -> SyncResult {
        let clock = Date()
        let store = StateStore(directory: options.statePath)
        var state = SyncState()
        var lock: StateLock?
        defer { lock?.release() }
        func takeLock() throws -> StateLock {
            do { return try store.lock() } catch let locked as StateLocked { throw RunRefused(Refusal(locked).message) }
        }
        if FileManager.default.fileExists(atPath: store.directory) {
            lock = try takeLock()
            state = try store.load()
        } else if !options.dryRun, Refusal.check(history: [], now: options.now, policy: options.policy,
                                                 postProcessingLock: options.postProcessingLock) == nil {
            // A first sync creates the folder; a dry or refused one leaves no trace of itself.
            lock = try takeLock()
        }
        try checkOwner(of: state, in: store)
        if let refusal = Refusal.check(history: state.history, now: options.now, policy: options.policy,
                                       postProcessingLock: options.postProcessingLock) {
            throw RunRefused(refusal.message)
        }
        let decision = ModeDecision.make(history: state.history, now: options.now, forceFull: options.forceFull,
                                         policy: options.policy)
        let folders = try RunFolder.create(out: options.outPath, now: options.now)
        let summary = RunSummary(
            runId: folders.runId, mode: decision.mode.rawValue, modeReason: decision.reason, status: "",
            message: "", counts: RecordCounts(), files: [], startedAt: options.now.description, finishedAt: "",
            dryRun: options.dryRun, export: options.exportPath, exportedAt: nil, warnings: 0)
        do {
            return try finish(folders: folders, decision: decision, summary: summary, state: &state, store: store,
                              clock: clock)
        } catch {
            RunFolder.discard(folders)
            throw error
        }
    }

    private func finish(folders: RunFolder, decision: ModeDecision, summary: RunSummary, state: inout SyncState,
                        store: StateStore, clock: Date) throws -> SyncResult {
        var summary = summary
        var status: SyncStatus
        var failures: [(profileId: String?, updatedAt: String?, error: RecordError)] = []
        var processedRetries: [String: Instant?] = [:]
        var waiting: Set<RetryLedger.Key> = []
        do {
            let outcome = try convert(into: folders.temporary, decision: decision, state: state)
            summary.files = outcome.files
            summary.counts = outcome.counts
            summary.exportedAt = outcome.exportedAt.description
            summary.warnings = outcome.warnings
            failures = outcome.failures
            processedRetries = outcome.processedRetries
            waiting = outcome.waiting
            status = Self.status(outcome.counts)
            summary.message = Self.message(status, outcome.counts)
            if decision.mode == .incremental, let watermark = state.watermark, outcome.exportedAt <= watermark {
                // R21 skips what is not after the watermark: say why nothing (or little) happened.
                summary.message += "; the export (exported_at \(outcome.exportedAt)) is not newer than the watermark "
                    + "\(watermark): only records due for retry were in scope"
            }
        } catch let fault as RunFault {
            status = .failure
            summary.message = fault.message
            try RunFolder.resetToFailure(folders.temporary, attachments: fault.attachments)
        } catch let error as InputError {
            status = .failure
            summary.message = error.description
            try RunFolder.resetToFailure(folders.temporary, attachments: [:])
        }
        summary.status = status.rawValue
        // The run's clock is `--now`; its end adds the time the run really took.
        let end = Instant(millisecondsSince1970: options.now.millisecondsSince1970
            + Int64(Date().timeIntervalSince(clock) * 1000))
        summary.finishedAt = end.description
        try RunFolder.complete(folders, summary: summary)
        if !options.dryRun {
            let entry = HistoryEntry(
                runId: folders.runId, start: options.now, end: end, mode: decision.mode,
                modeReason: decision.reason, status: status, counts: summary.counts, message: summary.message,
                runFolder: Self.absolute(folders.final), exportedAt: status.isSuccessful ? summary.exportedAt.flatMap { try? Instant(parsing: $0) } : nil)
            updateLedger(&state.ledger, failures: failures, processed: processedRetries, waiting: waiting,
                         runId: folders.runId)
            state.record(entry, policy: options.policy)
            if status.isSuccessful {
                state.orgId = options.orgId
                state.companyId = options.companyId
            }
            try store.save(state)
        }
        return SyncResult(summary: summary, runFolder: folders.final, status: status)
    }

    /// A state folder serves one org and one Engage company: another `--org-id` (a typo, or the
    /// company's other org) would diff this history's org against the wrong export lists.
    private func checkOwner(of state: SyncState, in store: StateStore) throws {
        for (flag, pinned, given) in [("--org-id", state.orgId, options.orgId),
                                      ("--company-id", state.companyId, options.companyId)] {
            guard let pinned, pinned != given else { continue }
            throw InputError(.config, SourceLocation(path: store.stateFile),
                             "this state folder belongs to \(pinned) (its syncs ran with \(flag) \(pinned)); this run "
                                + "gives \(given): check \(flag), or give each org its own --state")
        }
    }

    /// The history records the run folder as an absolute path, so that `results` and people find
    /// it from any folder, whatever `--out` was relative to.
    static func absolute(_ path: String) -> String {
        let full = path.hasPrefix("/") ? path : (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(path)
        return (full as NSString).standardizingPath
    }

    static func status(_ counts: RecordCounts) -> SyncStatus {
        if counts.failed == 0 { return .success }
        return counts.converted + counts.unchanged > 0 ? .successWithErrors : .failure
    }

    static func message(_ status: SyncStatus, _ c: RecordCounts) -> String {
        let done = "\(c.create) created, \(c.update) updated, \(c.deactivate) deactivated, \(c.reactivate) reactivated, "
            + "\(c.delete) scrubbed, \(c.unchanged) unchanged, \(c.skipped) skipped, \(c.failed) failed"
        switch status {
        case .success: return done
        case .successWithErrors: return done + "; see error.csv"
        case .failure: return "no record converted: " + done + "; see error.csv"
        }
    }

    private struct Conversion {
        var files: [UpdateFile]
        var counts: RecordCounts
        var exportedAt: Instant
        var warnings: Int
        var failures: [(profileId: String?, updatedAt: String?, error: RecordError)]
        /// The profiles with a ledger entry that this run reprocessed, with their `updated_at`.
        var processedRetries: [String: Instant?]
        /// Records that failed again but were skipped because they wait for a newer `updated_at`.
        var waiting: Set<RetryLedger.Key>
    }

    /// Reads the inputs and writes the outputs into `folder`; throws a `RunFault` or an
    /// `InputError` for run-level faults.
    private func convert(into folder: String, decision: ModeDecision, state: SyncState) throws -> Conversion {
        let mode = decision.mode
        let mapping = options.mapping
        if !options.grants.isEmpty {
            try checkGrants()
        }
        progress?("reading snapshot", 0)
        let snapshot = try SnapshotLoader.load(folder: options.snapshotPath, mapping: mapping)
        switch snapshot.users[options.integrationUser] {
        case nil:
            throw RunFault("integration user \(options.integrationUser) is not in the User snapshot")
        case false?:
            throw RunFault("integration user \(options.integrationUser) is inactive in the User snapshot")
        default: break
        }
        let reader = try openExport(path: options.exportPath)
        let header = reader.header
        func headerFault(_ key: String, _ message: String) -> RunFault {
            RunFault("\(header.location(of: key, in: options.exportPath)): error: \(message)")
        }
        if let company = header.companyId, company != options.companyId {
            throw headerFault("company_id", "export belongs to company '\(company)', not '\(options.companyId)' "
                + "(--company-id)")
        }
        let watermark = state.watermark
        switch mode {
        case .full where header.kind != .full:
            throw headerFault("kind", "this sync is full (\(decision.reason)) and needs a full export; this one is "
                + "incremental since \(header.since?.description ?? "?")")
        case .incremental where header.kind == .incremental:
            if let since = header.since, let watermark, since > watermark {
                throw headerFault("since", "incremental export since \(since) leaves a gap after the watermark "
                    + "\(watermark); export the profiles changed since \(watermark) (or a full export)")
            }
        default: break
        }
        let context = PlanContext(mapping: mapping, snapshot: snapshot, orgId: options.orgId,
                                  integrationUser: options.integrationUser, runTime: options.now,
                                  lastSuccessfulSync: state.lastSuccessfulRun?.start)
        let planner = ProfilePlanner(context: context)
        let outputs = try RunOutputs(folder: folder, mapping: mapping)
        let ledger = state.ledger
        let retryProfiles = mode == .incremental ? ledger.profileIdsDueForRetry(policy: options.policy) : []
        let ledgerProfiles = Set(ledger.entries.map(\.profileId))
        var processedRetries: [String: Instant?] = [:]
        var waiting: Set<RetryLedger.Key> = []
        var currentUpdatedAt: Instant?
        outputs.attempt = { object, key in
            ledger.attempt(object: outputs.objectName(object), externalId: key, profileUpdatedAt: currentUpdatedAt)
        }
        var read = 0
        var presence = OrgPresence(mapping: mapping, orgId: options.orgId)
        let entries = ExportReadAhead(reader)
        defer { entries.stop() }
        // R21: which entries are in the run's scope; those are planned, a batch a task on the
        // two cores, up to four batches ahead, while this thread writes the outcomes in order.
        let changeList = mapping.connections.list, changeKey = mapping.connections.updatedAtKey
        let plannedBatches = ReadAhead<PlannedBatch.Pending>(depth: 4) {
            guard let batch = try entries.nextBatch() else { return nil }
            return PlannedBatch.Pending {
                let identities = batch.map { entry in
                    (profileId: entry["id"].flatMap { if case .text(let t) = $0 { return t } else { return nil } },
                     updatedAt: entry["updated_at"].flatMap { try? Instant(parsing: $0.literal) })
                }
                let inScope = batch.indices.map { i in
                    guard mode == .incremental, let watermark, let updatedAt = identities[i].updatedAt else { return true }
                    return Self.isChanged(batch[i], after: watermark, updatedAt: updatedAt, list: changeList, key: changeKey)
                        || (identities[i].profileId.map { retryProfiles.contains($0) } ?? false)
                }
                let outcomes = batch.indices.map { i in inScope[i] ? planner.plan(batch[i]) : nil }
                return PlannedBatch(entries: batch, identities: identities, inScope: inScope, outcomes: outcomes)
            }
        }
        defer { plannedBatches.stop() }
        while let pending = try plannedBatches.next() {
            let planned = pending.wait()
            let (batch, identities, inScope) = (planned.entries, planned.identities, planned.inScope)
            for i in batch.indices {
                read += 1
                presence.observe(batch[i])
                if read & 0xFFF == 0 { progress?("converting", read) }
                guard inScope[i], var outcome = planned.outcomes[i] else { continue }  // no rows of any kind
                let (profileId, updatedAt) = identities[i]
                currentUpdatedAt = updatedAt
                // R25: a record that failed too often waits for a newer updated_at.
                let before = outcome.errors.count
                outcome.errors.removeAll { error in
                    let object = outputs.objectName(error.object)
                    guard !ledger.shouldProcess(object: object, externalId: error.externalId,
                                                profileUpdatedAt: updatedAt, policy: options.policy) else { return false }
                    waiting.insert(RetryLedger.Key(object: object, externalId: error.externalId))
                    return true
                }
                outcome.skipped += before - outcome.errors.count
                if let profileId, ledgerProfiles.contains(profileId) { processedRetries[profileId] = updatedAt }
                try outputs.add(outcome, profileId: profileId, updatedAt: updatedAt, content: batch[i])
            }
        }
        if header.kind == .full,
           let fault = presence.fault(exportPath: options.exportPath, crmConnections: snapshot.connections.count) {
            throw fault
        }
        progress?("writing", read)
        let (files, counts) = try outputs.finish()
        return Conversion(files: files, counts: counts, exportedAt: header.exportedAt, warnings: outputs.warningCount,
                          failures: outputs.failures.map { ($0.profileId, $0.updatedAt, $0.error) },
                          processedRetries: processedRetries, waiting: waiting)
    }

    /// A batch of the export with what the rules made of it.
    private struct PlannedBatch {
        var entries: [ExportEntry]
        var identities: [(profileId: String?, updatedAt: Instant?)]
        var inScope: [Bool]
        var outcomes: [EntryOutcome?]

        /// A batch being planned as a task of its own (the planner is a pure function of the
        /// entry and the snapshot, so batches are planned side by side); `wait()` gives it.
        final class Pending: @unchecked Sendable {
            private let done = DispatchSemaphore(value: 0)
            private var result: PlannedBatch?

            init(_ work: @escaping @Sendable () -> PlannedBatch) {
                DispatchQueue.global().async { [self] in
                    result = work()
                    done.signal()
                }
            }

            func wait() -> PlannedBatch {
                done.wait()
                return result!
            }
        }
    }

    /// R21: changed after the watermark, the profile or one of its connections (`list`, `key`).
    private static func isChanged(_ entry: ExportEntry, after watermark: Instant, updatedAt: Instant,
                                  list: String, key: String) -> Bool {
        if updatedAt > watermark { return true }
        return (entry.lists[list] ?? []).contains { item in
            item[key].flatMap { try? Instant(parsing: $0.literal) }.map { $0 > watermark } ?? false
        }
    }

    /// R31: the permission check runs before any record is read.
    private func checkGrants() throws {
        var files: [GrantFile] = []
        for path in options.grants {
            files.append(try GrantFileReader.read(path: path))
        }
        let report = checkPermissions(manifest: options.manifest, grants: files)
        guard report.isComplete else {
            let missing = report.missing
            throw RunFault("the integration user lacks \(missing.count) permission(s) of the manifest: "
                + missing.map { "\($0.object) \($0.item) (\($0.needed))" }.joined(separator: "; ")
                + "; see permissions.txt (R31)",
                attachments: ["permissions.txt": report.renderText()])
        }
    }

    /// R25: failures count against records; records of reprocessed profiles that no longer fail are
    /// forgotten, except load failures (R27), which wait for the load's verdict on this run's rows.
    private func updateLedger(_ ledger: inout RetryLedger,
                              failures: [(profileId: String?, updatedAt: String?, error: RecordError)],
                              processed: [String: Instant?], waiting: Set<RetryLedger.Key>, runId: String) {
        // A record skipped because it waits for a newer updated_at (R25) did not succeed: it stays.
        var failed = waiting
        for failure in failures {
            guard let profileId = failure.profileId else { continue }
            let object = failure.error.object == .profile ? options.mapping.profile.object : options.mapping.connection.object
            ledger.recordFailure(object: object, externalId: failure.error.externalId, profileId: profileId,
                                 profileUpdatedAt: failure.updatedAt.flatMap { try? Instant(parsing: $0) },
                                 error: "\(failure.error.problem.code): \(failure.error.problem.message)", runId: runId)
            failed.insert(RetryLedger.Key(object: object, externalId: failure.error.externalId))
        }
        for entry in ledger.entries {
            guard let updatedAt = processed[entry.profileId] else { continue }
            let key = RetryLedger.Key(object: entry.object, externalId: entry.externalId)
            if failed.contains(key) { continue }
            if !ledger.keepLoadFailure(object: entry.object, externalId: entry.externalId, profileUpdatedAt: updatedAt) {
                ledger.recordSuccess(object: entry.object, externalId: entry.externalId)
            }
        }
    }
}
