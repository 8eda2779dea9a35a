import Foundation

/// A file written through a large buffer, which knows how many bytes it holds so far.
final class OutputFile {
    let path: String
    private let fd: Int32
    private var buffer: [UInt8] = []
    private(set) var size: UInt64 = 0
    private let capacity = 1 << 20

    init(path: String) throws {
        self.path = path
        fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw OutputError(path: path, reason: String(cString: strerror(errno))) }
        buffer.reserveCapacity(capacity + 4096)
    }

    deinit { _ = close(fd) }

    /// Appends one CSV row.
    func write(row: [String]) throws {
        let before = buffer.count
        CSVRowEncoder.append(row, to: &buffer)
        size += UInt64(buffer.count - before)
        if buffer.count >= capacity { try flush() }
    }

    /// Appends raw bytes.
    func write(bytes: some Collection<UInt8>) throws {
        buffer.append(contentsOf: bytes)
        size += UInt64(bytes.count)
        if buffer.count >= capacity { try flush() }
    }

    func flush() throws {
        var offset = 0
        while offset < buffer.count {
            let n = buffer.withUnsafeBytes { raw in
                Foundation.write(fd, raw.baseAddress! + offset, raw.count - offset)
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw OutputError(path: path, reason: String(cString: strerror(errno)))
            }
            offset += n
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes and forces the bytes to disk (R28: the run folder is complete before it is renamed).
    func finish() throws {
        try flush()
        guard fsync(fd) == 0 else { throw OutputError(path: path, reason: String(cString: strerror(errno))) }
    }
}

/// An output that could not be written (disk full, permissions): the run stops, nothing is renamed.
public struct OutputError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "\(path): error: cannot write: \(reason)" }
}
