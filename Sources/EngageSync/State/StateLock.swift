#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Another sync holds the state folder (R26): the caller refuses the run (exit 75).
public struct StateLocked: Error, Sendable, Equatable, CustomStringConvertible {
    /// The lock file another process holds.
    public var path: String

    public init(path: String) { self.path = path }

    public var description: String {
        "another sync is running with this state folder (it holds \(path)); run again when it has finished"
    }
}

/// An exclusive `flock` on the state folder's `lock` file, held until `release()` or deinit.
///
/// The OS drops the lock when the holding process ends, however it ends, so there are no stale
/// locks to clean up; the lock file itself stays and means nothing on its own.
public final class StateLock {
    /// The lock file.
    public let path: String
    private var descriptor: Int32

    init(path: String, descriptor: Int32) {
        self.path = path
        self.descriptor = descriptor
    }

    /// Whether the lock is still held by this object.
    public var isHeld: Bool { descriptor >= 0 }

    /// Releases the lock; later calls do nothing.
    public func release() {
        guard descriptor >= 0 else { return }
        _ = flock(descriptor, LOCK_UN)
        _ = close(descriptor)
        descriptor = -1
    }

    deinit { release() }

    /// Takes the lock on `path` without waiting, creating the file when missing.
    static func acquire(path: String) throws -> StateLock {
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            let reason = String(cString: strerror(errno))
            throw InputError(.state, SourceLocation(path: path), "cannot open the state lock file: \(reason)")
        }
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            if code == EINTR { continue }
            _ = close(fd)
            if code == EWOULDBLOCK || code == EAGAIN { throw StateLocked(path: path) }
            throw InputError(
                .state, SourceLocation(path: path), "cannot lock the state folder: \(String(cString: strerror(code)))")
        }
        return StateLock(path: path, descriptor: fd)
    }
}
