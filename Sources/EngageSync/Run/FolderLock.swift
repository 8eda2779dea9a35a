#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive `flock` on a folder, taken without waiting and held until deinit. The lock
/// follows the folder through a rename and the OS drops it when the holder dies, however it dies.
final class FolderLock: @unchecked Sendable {
    private let descriptor: Int32
    /// Whether this object holds the lock (false: another process or object does).
    let isHeld: Bool

    /// Opens the folder and tries the lock; nil when the folder cannot be opened.
    init?(_ path: String) {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        descriptor = fd
        var result: Int32
        repeat { result = flock(fd, LOCK_EX | LOCK_NB) } while result != 0 && errno == EINTR
        isHeld = result == 0
    }

    deinit { _ = close(descriptor) }
}
