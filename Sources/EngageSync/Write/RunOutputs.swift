import Foundation

/// Writes the outcomes of a run into its (temporary) run folder as they stream in, and keeps
/// R15 across the whole export: an entry whose id comes again later is replaced by the entry
/// with the latest `updated_at`; equal times with different content are a record error.
///
/// Every outcome is written at once; for each entry the sink remembers where its bytes start in
/// each file, so the rare loser of a duplicate can be cut out when the run finishes.
final class RunOutputs {
    private enum Log: Int, CaseIterable {
        case profiles, connections, success, error, changes, warnings
    }

    let folder: String
    private let mapping: SyncMapping
    private var files: [OutputFile] = []
    /// Where each entry's bytes lie in each file.
    private var spans: EntrySpans
    /// The files' sizes before the entry being added.
    private var sizesBefore = [UInt64](repeating: 0, count: Log.allCases.count)
    private var entriesAdded: Int { spans.count }
    /// The totals of the entries written so far, less those a later duplicate replaced.
    private var totals = EntryTally.Values()
    private var dropped: Set<Int> = []
    /// R15: per profile id, the entry that holds it (an index into `seenEntries`).
    private var seen: [String: UInt32] = [:]
    private var seenEntries: [SeenEntry] = []
    /// The tallies of `seenEntries` that do not fit in one word.
    private var talliesAside: [EntryTally.Values] = []
    private var conflicts: [String: [Int]] = [:]
    private var conflictOrder: [String] = []
    private var duplicateWarnings: [[String]] = []

    /// The entry that holds a profile id so far: what R15 compares a later duplicate with, and
    /// what to take off the totals when that duplicate replaces it.
    private struct SeenEntry {
        var updatedAt: Int64
        var hash: Int
        var line: Int
        var seq: UInt32
        var tally: EntryTally
    }

    /// Record errors of the run with the entry that produced them, for the retry ledger.
    private(set) var failures: [(seq: Int, profileId: String?, updatedAt: String?, error: RecordError)] = []
    /// Tells the `attempt` number of a failing record (R25); 1 when it never failed before.
    var attempt: (SyncObject, String) -> Int = { _, _ in 1 }

    init(folder: String, mapping: SyncMapping) throws {
        self.folder = folder
        self.mapping = mapping
        for log in Log.allCases {
            let file = try OutputFile(path: (folder as NSString).appendingPathComponent(Self.fileName(log, mapping)))
            files.append(file)
        }
        try files[Log.profiles.rawValue].write(row: Self.header(mapping.profile))
        try files[Log.connections.rawValue].write(row: Self.header(mapping.connection))
        try files[Log.success.rawValue].write(row: RunLogs.success)
        try files[Log.error.rawValue].write(row: RunLogs.error)
        try files[Log.changes.rawValue].write(row: RunLogs.changes)
        try files[Log.warnings.rawValue].write(row: RunLogs.warnings)
        spans = EntrySpans(starts: files.map(\.size))
    }

    private static func fileName(_ log: Log, _ mapping: SyncMapping) -> String {
        switch log {
        case .profiles: return "\(mapping.profile.object).upsert.csv"
        case .connections: return "\(mapping.connection.object).upsert.csv"
        case .success: return "success.csv"
        case .error: return "error.csv"
        case .changes: return "changes.csv"
        case .warnings: return "warnings.csv"
        }
    }

    /// The export's file name, for the rare R15 message (worked out only then).
    private static func fileName(_ entry: ExportEntry) -> String {
        (entry.location.path as NSString).lastPathComponent
    }

    static func header(_ object: ObjectMapping) -> [String] {
        [object.externalIdField, "RecordTypeId"] + object.fields.map(\.field)
    }

    func objectName(_ object: SyncObject) -> String {
        object == .profile ? mapping.profile.object : mapping.connection.object
    }

    /// Adds the outcome of one entry. `profileId`/`updatedAt` identify it for R15 (nil: the
    /// entry had no usable id and is never a duplicate).
    func add(_ outcome: EntryOutcome, profileId: String?, updatedAt: Instant?, content: ExportEntry) throws {
        let seq = entriesAdded
        let profileRows = outcome.rows.reduce(0) { $0 + ($1.object == .profile ? 1 : 0) }
        let tally = EntryTally.Values(counts: outcome.counts, profileRows: profileRows,
                                      connectionRows: outcome.rows.count - profileRows,
                                      warnings: outcome.warnings.count)
        if let profileId, let updatedAt {
            let hash = content.contentHash
            let line = content.location.line ?? content.location.row ?? 0
            let time = updatedAt.millisecondsSince1970
            func seenEntry() -> SeenEntry {
                SeenEntry(updatedAt: time, hash: hash, line: line, seq: UInt32(seq),
                          tally: EntryTally(tally, aside: &talliesAside))
            }
            if let index = seen[profileId] {
                let previous = seenEntries[Int(index)]
                if conflicts[profileId] != nil {
                    conflicts[profileId]!.append(line)
                    addDroppedEntry(seq)
                    return
                }
                if time < previous.updatedAt || (time == previous.updatedAt && hash == previous.hash) {
                    if time < previous.updatedAt {
                        warn(profileId, "DUPLICATE_EXTERNAL_ID", "entry at line \(line) of \(Self.fileName(content)) "
                            + "is older than the one at line \(previous.line) and is ignored (R15)")
                    }
                    addDroppedEntry(seq)
                    return
                }
                drop(previous)
                if time == previous.updatedAt {
                    conflicts[profileId] = [previous.line, line]
                    conflictOrder.append(profileId)
                    addDroppedEntry(seq)
                    return
                }
                warn(profileId, "DUPLICATE_EXTERNAL_ID", "entry at line \(line) of \(Self.fileName(content)) is "
                    + "newer than the one at line \(previous.line) and wins (R15)")
                seenEntries[Int(index)] = seenEntry()
            } else {
                seen[profileId] = UInt32(seenEntries.count)
                seenEntries.append(seenEntry())
            }
        }
        totals.add(tally)
        for (i, file) in files.enumerated() { sizesBefore[i] = file.size }
        for row in outcome.rows {
            let object = objectName(row.object)
            try files[row.object == .profile ? Log.profiles.rawValue : Log.connections.rawValue].write(row: row.cells)
            try files[Log.success.rawValue].write(row: [object, row.externalId, row.action.rawValue, row.crmId ?? "",
                                                        row.changes.map(\.field).joined(separator: ";")])
            for change in row.changes {
                try files[Log.changes.rawValue].write(row: [object, row.externalId, change.field, change.old, change.new])
            }
        }
        for error in outcome.errors {
            try writeError(error)
            failures.append((seq, profileId, updatedAt?.description, error))
        }
        for warning in outcome.warnings {
            try files[Log.warnings.rawValue].write(row: [objectName(warning.object), warning.externalId, warning.code,
                                                         warning.message])
        }
        spans.append(files.indices.lazy.map { self.files[$0].size - self.sizesBefore[$0] })
    }

    /// An entry whose outputs are written by another (R15): it takes no bytes and counts nothing.
    private func addDroppedEntry(_ seq: Int) {
        spans.append(repeatElement(0, count: files.count))
        dropped.insert(seq)
    }

    /// A written entry that a later duplicate replaces: cut out at the end, its share taken off.
    private func drop(_ entry: SeenEntry) {
        dropped.insert(Int(entry.seq))
        totals.add(entry.tally.values(aside: talliesAside), sign: -1)
    }

    private func writeError(_ error: RecordError) throws {
        try files[Log.error.rawValue].write(row: [
            objectName(error.object), error.externalId, error.action?.rawValue ?? "", error.problem.code,
            error.problem.message, String(attempt(error.object, error.externalId)),
        ])
    }

    /// The rows of `warnings.csv` once the run finished (warnings of entries a later duplicate
    /// replaced are cut out with them).
    private(set) var warningCount = 0

    /// Notes an R15 warning, written when the run finishes: written now, it would stand inside
    /// the bytes of the entry before, which a later duplicate may cut out.
    private func warn(_ profileId: String, _ code: String, _ message: String) {
        duplicateWarnings.append([mapping.profile.object, profileId, code, message])
    }

    /// The update files in load order (profiles first), split and cleaned, plus the run's counts.
    func finish() throws -> (files: [UpdateFile], counts: RecordCounts) {
        var counts = totals.counts
        failures.removeAll { dropped.contains($0.seq) }
        let cut = spans.ranges(of: dropped)
        for profileId in conflictOrder {
            let lines = conflicts[profileId] ?? []
            let error = RecordError(object: .profile, externalId: profileId, action: nil,
                                    problem: RecordProblem("DUPLICATE_EXTERNAL_ID", "entries at lines "
                                        + lines.map(String.init).joined(separator: ", ")
                                        + " have the same updated_at and different content (R15)"))
            try writeError(error)
            failures.append((-1, profileId, nil, error))
            counts.failed += 1
        }
        warningCount = duplicateWarnings.count + totals.warnings
        for row in duplicateWarnings { try files[Log.warnings.rawValue].write(row: row) }
        for file in files { try file.finish() }
        for log in [Log.success, .error, .changes, .warnings] where !cut[log.rawValue].isEmpty {
            _ = try UpdateFileSplitter(maxBytes: .max, maxRows: .max)
                .rewrite(path: files[log.rawValue].path, dropping: cut[log.rawValue])
        }
        var result: [UpdateFile] = []
        let splitter = UpdateFileSplitter()
        for (log, object) in [(Log.profiles, mapping.profile), (Log.connections, mapping.connection)] {
            let file = files[log.rawValue]
            var parts = [(path: file.path, rows: log == .profiles ? totals.profileRows : totals.connectionRows)]
            if !cut[log.rawValue].isEmpty || file.size > splitter.maxBytes || parts[0].rows > splitter.maxRows {
                parts = try splitter.rewrite(path: file.path, dropping: cut[log.rawValue])
            }
            if parts.allSatisfy({ $0.rows == 0 }) {
                for part in parts { try FileManager.default.removeItem(atPath: part.path) }
                continue
            }
            for part in parts {
                result.append(UpdateFile(object: object.object, externalIdFieldName: object.externalIdField,
                                         file: (part.path as NSString).lastPathComponent, rows: part.rows))
            }
        }
        return (result, counts)
    }
}

/// One update file of a run, as listed in `summary.json` `files` (load order).
public struct UpdateFile: Sendable, Equatable, Codable {
    public var object: String
    public var operation = "upsert"
    public var externalIdFieldName: String
    public var file: String
    public var rows: Int

    public init(object: String, externalIdFieldName: String, file: String, rows: Int) {
        self.object = object
        self.externalIdFieldName = externalIdFieldName
        self.file = file
        self.rows = rows
    }
}
