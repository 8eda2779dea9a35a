import Foundation

/// The one-line progress of a long sync on a terminal: phase, profiles read and the rate,
/// redrawn at most four times a second on stderr and erased at the end. Only used when stderr
/// is a terminal and neither `--quiet` nor `--json` is given.
final class ProgressLine: @unchecked Sendable {
    private let lock = NSLock()
    private var phaseStart = Date()
    private var phase = ""
    private var lastDraw = Date.distantPast

    /// Shows a phase and the profiles read so far.
    func update(phase: String, count: Int) {
        lock.lock()
        defer { lock.unlock() }
        let now = Date()
        if phase != self.phase {
            self.phase = phase
            phaseStart = now
        } else if now.timeIntervalSince(lastDraw) < 0.25 {
            return
        }
        lastDraw = now
        var line = "\r\u{1B}[K\(phase)"
        if count > 0 {
            line += ": \(count) profiles read"
            let seconds = now.timeIntervalSince(phaseStart)
            if phase == "converting", seconds > 0.5 {
                line += String(format: ", %.0f profiles/s", Double(count) / seconds)
            }
        } else {
            line += "…"
        }
        FileHandle.standardError.write(Data(line.utf8))
    }

    /// Erases the line.
    func finish() {
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
