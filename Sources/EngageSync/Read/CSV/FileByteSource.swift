#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a file in fixed-size chunks through a raw file descriptor; memory stays at one chunk.
final class FileByteSource {
    static let chunkSize = 256 * 1024

    let path: String
    private let fd: Int32
    let buffer: UnsafeMutableBufferPointer<UInt8>
    /// Valid bytes in `buffer`.
    private(set) var count = 0
    private(set) var totalRead = 0
    private(set) var atEnd = false

    /// Opens `path`; the error message is the system's reason (`No such file or directory`).
    init(path: String) throws(FileOpenError) {
        self.path = path
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 { throw FileOpenError(reason: String(cString: strerror(errno))) }
        var info = stat()
        if fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
            close(fd)
            throw FileOpenError(reason: "is a directory")
        }
        self.fd = fd
        self.buffer = .allocate(capacity: Self.chunkSize)
    }

    deinit {
        close(fd)
        buffer.deallocate()
    }

    /// Replaces the buffer's content with the next chunk; `count == 0` afterwards means end of file.
    func refill() throws(FileOpenError) {
        count = 0
        guard !atEnd else { return }
        while count < Self.chunkSize {
            let n = read(fd, buffer.baseAddress! + count, Self.chunkSize - count)
            if n < 0 {
                if errno == EINTR { continue }
                throw FileOpenError(reason: String(cString: strerror(errno)))
            }
            if n == 0 { atEnd = true; break }
            count += n
            totalRead += n
        }
    }
}

/// Why a file could not be opened or read, in the system's words.
struct FileOpenError: Error {
    var reason: String
}
