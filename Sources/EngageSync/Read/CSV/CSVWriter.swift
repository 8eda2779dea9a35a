#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes RFC 4180 CSV the way Bulk API 2.0 and Data Loader read it (SPEC §4): UTF-8 without
/// BOM, comma, LF line ends, a field quoted only when it holds a comma, a quote, CR or LF.
///
/// Writes are buffered (64 KiB); `bytesWritten` counts every byte accepted so far, flushed or
/// not, so a caller can split files by size. Symmetric with `CSVReader`: a row of one empty
/// field is written `""` so it is not read back as a blank line.
public final class CSVWriter {
    /// Why a write failed, in the system's words.
    public struct WriteError: Error, Sendable, Equatable, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "\(path): error: cannot write: \(reason)" }
    }

    public static let bufferSize = 64 * 1024

    /// The path as given.
    public let path: String
    /// Bytes accepted so far (header included), whether or not they reached the file yet.
    public private(set) var bytesWritten = 0
    /// Rows written so far (header included).
    public private(set) var rowsWritten = 0

    private var fd: Int32
    private var buffer: [UInt8] = []

    /// Creates (or truncates) the file at `path` with mode 0644.
    public init(path: String) throws(WriteError) {
        self.path = path
        fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        if fd < 0 { throw WriteError(path: path, reason: String(cString: strerror(errno))) }
        buffer.reserveCapacity(Self.bufferSize + 4096)
    }

    deinit {
        if fd >= 0 { _ = closeDescriptor(fd) }
    }

    /// Appends one record.
    public func write(row: [String]) throws(WriteError) {
        let before = buffer.count
        if row.count == 1 && row[0].isEmpty {
            buffer.append(contentsOf: [0x22, 0x22])
        } else {
            for (index, value) in row.enumerated() {
                if index > 0 { buffer.append(0x2C) }
                Self.appendField(value, to: &buffer)
            }
        }
        buffer.append(0x0A)
        bytesWritten += buffer.count - before
        rowsWritten += 1
        if buffer.count >= Self.bufferSize { try flush() }
    }

    /// Sends buffered bytes to the file.
    public func flush() throws(WriteError) {
        guard fd >= 0 else { throw WriteError(path: path, reason: "the file is closed") }
        let failure: Int32? = buffer.withUnsafeBytes { raw in
            var done = 0
            while done < raw.count {
                let n = writeDescriptor(fd, raw.baseAddress! + done, raw.count - done)
                if n < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                done += n
            }
            return nil
        }
        buffer.removeAll(keepingCapacity: true)
        if let failure { throw WriteError(path: path, reason: String(cString: strerror(failure))) }
    }

    /// Flushes, optionally forces the bytes to disk (`fsync`), and closes the file.
    public func close(sync: Bool = false) throws(WriteError) {
        guard fd >= 0 else { return }
        defer {
            _ = closeDescriptor(fd)
            fd = -1
        }
        try flush()
        if sync, fsync(fd) != 0 { throw WriteError(path: path, reason: String(cString: strerror(errno))) }
    }

    /// The bytes of one field, quoted when needed.
    static func appendField(_ value: String, to out: inout [UInt8]) {
        var value = value
        value.withUTF8 { bytes in
            var needsQuotes = false
            for b in bytes where b == 0x2C || b == 0x22 || b == 0x0D || b == 0x0A {
                needsQuotes = true
                break
            }
            if !needsQuotes {
                out.append(contentsOf: bytes)
                return
            }
            out.append(0x22)
            var start = 0
            for i in 0..<bytes.count where bytes[i] == 0x22 {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...i]))
                out.append(0x22)
                start = i + 1
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
            out.append(0x22)
        }
    }
}

private func closeDescriptor(_ fd: Int32) -> Int32 { close(fd) }
private func writeDescriptor(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(fd, bytes, count)
}
