/// Why a sync is full or incremental (R20, SPEC §10 "Modes and state").
public struct ModeDecision: Sendable, Equatable {
    /// The rule that decided, with a stable machine code as raw value.
    public enum Code: String, Sendable, Codable, CaseIterable {
        case firstSync = "first_sync"
        case requested
        case noSuccess90Days = "no_success_90_days"
        case failed10 = "failed_10"
        case incremental
    }

    public var mode: SyncMode
    public var code: Code
    /// Short human text, e.g. "first sync" or "incremental since watermark 2026-…".
    public var reason: String

    public init(mode: SyncMode, code: Code, reason: String) {
        self.mode = mode
        self.code = code
        self.reason = reason
    }

    /// The mode a sync starting at `now` runs in, and why (R20). A Failure reports this mode too.
    public static func decide(history: [HistoryEntry], now: Instant, forceFull: Bool,
                              policy: SyncPolicy) -> (mode: SyncMode, reason: String) {
        let decision = make(history: history, now: now, forceFull: forceFull, policy: policy)
        return (decision.mode, decision.reason)
    }

    /// As `decide`, with the machine code.
    public static func make(history: [HistoryEntry], now: Instant, forceFull: Bool,
                            policy: SyncPolicy) -> ModeDecision {
        if history.isEmpty {
            return ModeDecision(mode: .full, code: .firstSync, reason: "first sync")
        }
        if forceFull {
            return ModeDecision(mode: .full, code: .requested, reason: "full sync requested (--full)")
        }
        // "The last 10 syncs all failed" needs 10 history entries (SPEC §10); when they are there it is
        // the reason, even if no success is on record at all (that would say less).
        let failed = policy.fullAfterFailedSyncs
        if failed > 0, history.count >= failed, history.suffix(failed).allSatisfy({ $0.status == .failure }) {
            return ModeDecision(mode: .full, code: .failed10, reason: "the last \(failed) syncs failed")
        }
        let days = policy.fullAfterDaysWithoutSuccess
        let lastSuccess = history.last { $0.status.isSuccessful }
        let window = Int64(days) * 86_400_000
        if lastSuccess == nil || now.millisecondsSince1970 - lastSuccess!.start.millisecondsSince1970 > window {
            let last = lastSuccess.map { "last: \($0.start)" } ?? "last: none on record"
            return ModeDecision(
                mode: .full, code: .noSuccess90Days,
                reason: "no successful sync in the last \(days) days (\(last))")
        }
        let since = lastSuccess!.exportedAt.map { "since watermark \($0)" }
            ?? "since the last successful sync (\(lastSuccess!.runId))"
        return ModeDecision(mode: .incremental, code: .incremental, reason: "incremental \(since)")
    }
}
