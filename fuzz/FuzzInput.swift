import Foundation

/// The readers read paths, so each fuzz input is written to one scratch file per process and
/// extension (in `FUZZ_SCRATCH`, default `/dev/shm` or the temporary folder), then read back.
enum FuzzInput {
    static let folder: String = {
        if let dir = ProcessInfo.processInfo.environment["FUZZ_SCRATCH"] { return dir }
        return FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
    }()

    /// Writes the input to `engage-sync-fuzz-<pid>.<ext>` and returns the path.
    static func write(_ data: UnsafePointer<UInt8>, _ size: Int, ext: String) -> String {
        let path = "\(folder)/engage-sync-fuzz-\(getpid()).\(ext)"
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        precondition(fd >= 0, "cannot write the scratch file \(path)")
        var done = 0
        while done < size {
            let n = Foundation.write(fd, data + done, size - done)
            precondition(n > 0, "cannot write the scratch file \(path)")
            done += n
        }
        close(fd)
        return path
    }

    /// The first byte that is not a UTF-8 BOM or XML/JSON whitespace.
    static func firstSignificantByte(_ data: UnsafePointer<UInt8>, _ size: Int) -> UInt8? {
        var i = 0
        if size >= 3, data[0] == 0xEF, data[1] == 0xBB, data[2] == 0xBF { i = 3 }
        while i < size, [0x20, 0x09, 0x0A, 0x0D].contains(data[i]) { i += 1 }
        return i < size ? data[i] : nil
    }
}
