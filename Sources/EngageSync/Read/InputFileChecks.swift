#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Checks every input goes through before a reader opens it: it exists, is a regular file (a
/// FIFO would block the reader, a socket or device is no file), can be read and is not empty.
public enum InputFileChecks {
    public static func requireReadableFile(_ path: String, kind: InputKind) throws(InputError) {
        let location = SourceLocation(path: path)
        var info = stat()
        guard stat(path, &info) == 0 else {
            let code = errno
            switch code {
            case ENOENT: throw InputError(kind, location, "file does not exist")
            case ENOTDIR: throw InputError(kind, location, "file does not exist (a part of the path is a file, not a folder)")
            case EACCES: throw InputError(kind, location, "file cannot be read (permission denied)")
            default: throw InputError(kind, location, "file cannot be read: \(String(cString: strerror(code)))")
            }
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw InputError(kind, location, "is a folder, not a file")
        case S_IFIFO: throw InputError(kind, location, "is a named pipe (FIFO), not a regular file")
        case S_IFSOCK: throw InputError(kind, location, "is a socket, not a regular file")
        default: throw InputError(kind, location, "is a device, not a regular file")
        }
        guard access(path, R_OK) == 0 else {
            throw InputError(kind, location, "file cannot be read (permission denied)")
        }
        guard info.st_size > 0 else { throw InputError(kind, location, "file is empty (0 bytes)") }
    }
}
