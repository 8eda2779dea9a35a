import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Where the tests write their files: `$TMPDIR/engage-sync-tests/<pid>/`. The first use in a
/// test process removes the folders of test processes that have ended, so repeated runs (CI,
/// a developer's loop) leave at most the last run's files behind instead of piling up.
enum TestScratch {
    static let root: URL = {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("engage-sync-tests")
        for name in (try? FileManager.default.contentsOfDirectory(atPath: base.path)) ?? [] {
            guard let pid = Int32(name), pid != getpid(), kill(pid, 0) != 0, errno == ESRCH else { continue }
            try? FileManager.default.removeItem(at: base.appendingPathComponent(name))
        }
        let own = base.appendingPathComponent(String(getpid()))
        try? FileManager.default.createDirectory(at: own, withIntermediateDirectories: true)
        return own
    }()
}
