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
    /// Per entry: where its bytes start in each file (one flat array, `files.count` per entry).
    private var starts: [UInt64] = []
    private var entriesAdded: Int { starts.count / Log.allCases.count }
    private var entryCounts: [RecordCounts] = []
    private var entryRows: [(profiles: UInt32, connections: UInt32)] = []
    private var rowsWritten = [Int](repeating: 0, count: Log.allCases.count)
    private var dropped: Set<Int> = []
    private var seen: [String: (updatedAt: Int64, hash: Int, seq: Int, line: Int)] = [:]
    private var conflicts: [String: [Int]] = [:]
    private var conflictOrder: [String] = []
    private var duplicateWarnings: [[String]] = []
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
        if let profileId, let updatedAt {
            let hash = content.contentHash
            let line = content.location.line ?? content.location.row ?? 0
            if let previous = seen[profileId] {
                if conflicts[profileId] != nil {
                    conflicts[profileId]!.append(line)
                    addDroppedEntry(seq)
                    return
                }
                if updatedAt.millisecondsSince1970 < previous.updatedAt
                    || (updatedAt.millisecondsSince1970 == previous.updatedAt && hash == previous.hash) {
                    if updatedAt.millisecondsSince1970 < previous.updatedAt {
                        warn(profileId, "DUPLICATE_EXTERNAL_ID", "entry at line \(line) of \(Self.fileName(content)) "
                            + "is older than the one at line \(previous.line) and is ignored (R15)")
                    }
                    addDroppedEntry(seq)
                    return
                }
                dropped.insert(previous.seq)
                if updatedAt.millisecondsSince1970 == previous.updatedAt {
                    conflicts[profileId] = [previous.line, line]
                    conflictOrder.append(profileId)
                    addDroppedEntry(seq)
                    return
                }
                warn(profileId, "DUPLICATE_EXTERNAL_ID", "entry at line \(line) of \(Self.fileName(content)) is "
                    + "newer than the one at line \(previous.line) and wins (R15)")
            }
            seen[profileId] = (updatedAt.millisecondsSince1970, hash, seq, line)
        }
        for file in files { starts.append(file.size) }
        entryCounts.append(outcome.counts)
        entryWarnings.append(UInt32(outcome.warnings.count))
        let profileRows = outcome.rows.filter { $0.object == .profile }.count
        entryRows.append((UInt32(profileRows), UInt32(outcome.rows.count - profileRows)))
        rowsWritten[Log.profiles.rawValue] += profileRows
        rowsWritten[Log.connections.rawValue] += outcome.rows.count - profileRows
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
    }

    /// An entry whose outputs are written by another (R15): it takes no bytes and counts nothing.
    private func addDroppedEntry(_ seq: Int) {
        for file in files { starts.append(file.size) }
        entryCounts.append(RecordCounts())
        entryRows.append((0, 0))
        entryWarnings.append(0)
        dropped.insert(seq)
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
    private var entryWarnings: [UInt32] = []

    /// Notes an R15 warning, written when the run finishes: written now, it would stand inside
    /// the bytes of the entry before, which a later duplicate may cut out.
    private func warn(_ profileId: String, _ code: String, _ message: String) {
        duplicateWarnings.append([mapping.profile.object, profileId, code, message])
    }

    /// The update files in load order (profiles first), split and cleaned, plus the run's counts.
    func finish() throws -> (files: [UpdateFile], counts: RecordCounts) {
        var counts = RecordCounts()
        for (seq, c) in entryCounts.enumerated() where !dropped.contains(seq) {
            counts.create += c.create; counts.update += c.update; counts.deactivate += c.deactivate
            counts.reactivate += c.reactivate; counts.delete += c.delete; counts.unchanged += c.unchanged
            counts.skipped += c.skipped; counts.failed += c.failed
        }
        failures.removeAll { dropped.contains($0.seq) }
        var cut: [[Range<UInt64>]] = Array(repeating: [], count: Log.allCases.count)
        for seq in dropped.sorted() {
            for log in Log.allCases {
                let width = Log.allCases.count
                let end = seq + 1 < entriesAdded ? starts[(seq + 1) * width + log.rawValue] : files[log.rawValue].size
                let start = starts[seq * width + log.rawValue]
                if end > start { cut[log.rawValue].append(start..<end) }
            }
        }
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
        warningCount = entryWarnings.indices.reduce(duplicateWarnings.count) { sum, seq in
            dropped.contains(seq) ? sum : sum + Int(entryWarnings[seq])
        }
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
            var parts = [(path: file.path, rows: rowsWritten[log.rawValue] - droppedRows(log))]
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

    private func droppedRows(_ log: Log) -> Int {
        dropped.reduce(0) { sum, seq in
            let rows = entryRows[seq]
            return sum + Int(log == .profiles ? rows.profiles : rows.connections)
        }
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
