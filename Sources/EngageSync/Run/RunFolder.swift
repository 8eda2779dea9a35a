import Foundation

/// The run folder `<out>/<run-id>/`: written under a temporary name and renamed when complete,
/// so a reader never sees half a run (R28).
public struct RunFolder: Sendable {
    public var runId: String
    public var temporary: String
    public var final: String
    /// Held while the run writes: a `.partial` folder whose lock nobody holds was left by a
    /// killed run and may be removed; one that is held belongs to a run still writing (two
    /// syncs with their own state folders may share one out folder).
    let writing: FolderLock

    /// Creates the temporary folder; the run id is the run's time (`20261130T100000Z`), with
    /// `-2`, `-3` … when the out folder already has that name.
    static func create(out: String, now: Instant) throws -> RunFolder {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        if fm.fileExists(atPath: out, isDirectory: &isDir), !isDir.boolValue {
            throw OutputError(path: out, reason: "the out path is a file, not a folder")
        }
        do { try fm.createDirectory(atPath: out, withIntermediateDirectories: true) } catch {
            throw OutputError(path: out, reason: "cannot create the out folder")
        }
        // A run killed before its rename leaves a `.partial` folder; it never became a run (R28).
        for name in (try? fm.contentsOfDirectory(atPath: out)) ?? [] where name.hasPrefix(".") && name.hasSuffix(".partial") {
            let path = join(out, name)
            if let abandoned = FolderLock(path), abandoned.isHeld {
                try? fm.removeItem(atPath: path)
            }
        }
        var runId = now.compact
        var n = 1
        while fm.fileExists(atPath: join(out, runId)) || fm.fileExists(atPath: join(out, ".\(runId).partial")) {
            n += 1
            runId = "\(now.compact)-\(n)"
        }
        let temporary = join(out, ".\(runId).partial")
        do { try fm.createDirectory(atPath: temporary, withIntermediateDirectories: false) } catch {
            throw OutputError(path: temporary, reason: "cannot create the run folder")
        }
        guard let lock = FolderLock(temporary), lock.isHeld else {
            throw OutputError(path: temporary, reason: "cannot lock the run folder")
        }
        return RunFolder(runId: runId, temporary: temporary, final: join(out, runId), writing: lock)
    }

    /// Empties a failed run's folder down to header-only logs plus the given reports: a Failure
    /// writes no update rows and no record errors.
    static func resetToFailure(_ folder: String, attachments: [String: String]) throws {
        let fm = FileManager.default
        for name in (try? fm.contentsOfDirectory(atPath: folder)) ?? [] {
            try fm.removeItem(atPath: join(folder, name))
        }
        for (name, header) in [("success.csv", RunLogs.success), ("error.csv", RunLogs.error),
                               ("changes.csv", RunLogs.changes), ("warnings.csv", RunLogs.warnings)] {
            let file = try OutputFile(path: join(folder, name))
            try file.write(row: header)
            try file.finish()
        }
        for (name, text) in attachments {
            let file = try OutputFile(path: join(folder, name))
            try file.write(bytes: Array(text.utf8))
            try file.finish()
        }
    }

    /// Writes `summary.json` and renames the folder to its final name.
    static func complete(_ folder: RunFolder, summary: RunSummary) throws {
        let file = try OutputFile(path: join(folder.temporary, "summary.json"))
        try file.write(bytes: Array(summary.json().utf8))
        try file.finish()
        guard rename(folder.temporary, folder.final) == 0 else {
            throw OutputError(path: folder.final, reason: String(cString: strerror(errno)))
        }
        let parent = (folder.final as NSString).deletingLastPathComponent
        let fd = open(parent.isEmpty ? "." : parent, O_RDONLY | O_DIRECTORY)
        if fd >= 0 {
            fsync(fd)
            close(fd)
        }
    }

    /// Removes the temporary folder of a run that could not finish.
    static func discard(_ folder: RunFolder) {
        try? FileManager.default.removeItem(atPath: folder.temporary)
    }

    static func join(_ a: String, _ b: String) -> String { (a as NSString).appendingPathComponent(b) }
}
