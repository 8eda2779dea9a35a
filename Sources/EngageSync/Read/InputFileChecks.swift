import Foundation

/// Checks every reader makes before it opens a file: it exists, is a file, can be read, is not empty.
public enum InputFileChecks {
    public static func requireReadableFile(_ path: String, kind: InputKind) throws {
        var isDir: ObjCBool = false
        let location = SourceLocation(path: path)
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
            throw InputError(kind, location, "file does not exist")
        }
        guard !isDir.boolValue else { throw InputError(kind, location, "is a folder, not a file") }
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw InputError(kind, location, "file cannot be read (permission denied)")
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
        guard size > 0 else { throw InputError(kind, location, "file is empty (0 bytes)") }
    }
}
