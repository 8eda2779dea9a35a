/// The two objects the sync writes.
public enum SyncObject: Int, Sendable, CaseIterable {
    case profile = 0
    case connection = 1
}

/// What the sync does to a record (SPEC §4 `success.csv` `action`).
public enum RecordAction: String, Sendable {
    case create, update, deactivate, reactivate, delete
}

/// A record problem (SPEC §8): the record is not converted, the rest of the run goes on.
public struct RecordProblem: Error, Sendable, Equatable {
    /// A short stable code for `error.csv` (`INVALID_ID`, `USER_INACTIVE`, …).
    public var code: String
    public var message: String
    public init(_ code: String, _ message: String) {
        self.code = code
        self.message = message
    }
}

/// One update row and its log lines.
public struct PlannedRow: Sendable, Equatable {
    public var object: SyncObject
    public var externalId: String
    public var action: RecordAction
    public var crmId: String?
    /// Cells in the update file's column order.
    public var cells: [String]
    /// Changed fields: name, old value, new value.
    public var changes: [FieldChange]
}

/// One changed field of a row (`changes.csv`).
public struct FieldChange: Sendable, Equatable {
    public var field: String
    public var old: String
    public var new: String
}

/// A record that could not be converted (`error.csv`).
public struct RecordError: Sendable, Equatable {
    public var object: SyncObject
    public var externalId: String
    /// The action that was attempted, when known.
    public var action: RecordAction?
    public var problem: RecordProblem
}

/// Something the admin should know about a record that was converted anyway (R10, R13, R14, R15).
public struct RecordWarning: Sendable, Equatable {
    public var object: SyncObject
    public var externalId: String
    public var code: String
    public var message: String
}

/// Everything one profile entry produces.
public struct EntryOutcome: Sendable {
    public var rows: [PlannedRow] = []
    public var errors: [RecordError] = []
    public var warnings: [RecordWarning] = []
    /// Records equal to the CRM (R3).
    public var unchanged = 0
    /// Records with nothing to do (R1 not eligible, R4 disconnected without record, R8).
    public var skipped = 0

    public init() {}

    public var counts: RecordCounts {
        var c = RecordCounts()
        for row in rows {
            switch row.action {
            case .create: c.create += 1
            case .update: c.update += 1
            case .deactivate: c.deactivate += 1
            case .reactivate: c.reactivate += 1
            case .delete: c.delete += 1
            }
        }
        c.unchanged = unchanged
        c.skipped = skipped
        c.failed = errors.count
        return c
    }
}
