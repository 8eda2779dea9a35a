/// Per-record counts of a run (SPEC §4 `summary.json` `counts`): profiles and connections alike.
public struct RecordCounts: Sendable, Equatable, Codable {
    public var create = 0
    public var update = 0
    public var deactivate = 0
    public var reactivate = 0
    public var delete = 0
    public var unchanged = 0
    public var skipped = 0
    public var failed = 0

    public init() {}

    /// Records converted (written to an update file).
    public var converted: Int { create + update + deactivate + reactivate + delete }
}
