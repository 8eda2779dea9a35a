import Foundation

/// Why a sync may not run now (R26). A refused run reads no input, writes no folder, changes no
/// state and is not history; the command exits 75.
public struct Refusal: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Reason: Sendable, Equatable {
        /// The latest recorded sync started less than `policy.minutesBetweenSyncs` ago.
        case tooSoon(lastStart: Instant, lastRunId: String, earliest: Instant)
        /// The run's time (`--now` or the clock) is before the latest recorded sync's start.
        case beforeLastSync(now: Instant, lastStart: Instant, lastRunId: String, earliest: Instant)
        /// The Engage post-processing lock file exists.
        case postProcessing(lockFile: String)
        /// Another sync holds the state folder (`StateStore.lock()` threw `StateLocked`).
        case stateLocked(lockFile: String)
    }

    public var reason: Reason
    /// What happened and what to do, in one line.
    public var message: String

    /// The exit code of a refused run.
    public static let exitCode: Int32 = 75

    public init(_ reason: Reason) {
        self.reason = reason
        switch reason {
        case .tooSoon(let lastStart, let lastRunId, let earliest):
            message = "too soon: the last sync (\(lastRunId)) started at \(lastStart) and syncs must start at "
                + "least \(Self.minutes(lastStart, earliest)) minutes apart; run again at or after \(earliest)"
        case .beforeLastSync(let now, let lastStart, let lastRunId, let earliest):
            message = "the run's time \(now) is before the start of the last sync (\(lastRunId), \(lastStart)); "
                + "check the clock or --now: the next sync may run at or after \(earliest)"
        case .postProcessing(let lockFile):
            message = "Engage post-processing is in progress (the lock file \(lockFile) exists); "
                + "run again once it has finished and the file is gone"
        case .stateLocked(let lockFile):
            message = StateLocked(path: lockFile).description
        }
    }

    public init(_ locked: StateLocked) {
        self.init(.stateLocked(lockFile: locked.path))
    }

    public var description: String { message }

    /// The first reason a sync starting at `now` is refused, or nil when it may run. Exactly
    /// `policy.minutesBetweenSyncs` after the latest start is allowed. The state folder's lock
    /// is taken separately (`StateStore.lock()`).
    public static func check(history: [HistoryEntry], now: Instant, policy: SyncPolicy,
                             postProcessingLock: String?) -> Refusal? {
        if let latest = history.max(by: { $0.start < $1.start }) {
            let earliest = latest.start.adding(minutes: policy.minutesBetweenSyncs)
            if now < latest.start {
                return Refusal(.beforeLastSync(now: now, lastStart: latest.start, lastRunId: latest.runId, earliest: earliest))
            }
            if earliest > now {
                return Refusal(.tooSoon(lastStart: latest.start, lastRunId: latest.runId, earliest: earliest))
            }
        }
        if let postProcessingLock, !postProcessingLock.isEmpty, fileExists(postProcessingLock) {
            return Refusal(.postProcessing(lockFile: postProcessingLock))
        }
        return nil
    }

    private static func fileExists(_ path: String) -> Bool {
        // A dangling symlink still names a lock someone placed: lstat, not stat.
        var info = stat()
        return lstat(path, &info) == 0
    }

    private static func minutes(_ a: Instant, _ b: Instant) -> Int {
        Int((b.millisecondsSince1970 - a.millisecondsSince1970) / 60_000)
    }
}
