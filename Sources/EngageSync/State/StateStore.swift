import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The state folder: `state.json` (the `SyncState`) and `lock` (see `StateLock`).
///
/// R28: the state is replaced atomically (temporary file, fsync, rename, fsync of the folder), so
/// a crash leaves either the previous state or the new one; a state file that cannot be read is
/// an error, never a silent reset.
public struct StateStore: Sendable {
    /// The state folder, as given.
    public let directory: String

    public init(directory: String) {
        self.directory = directory
    }

    /// `DIR/state.json`.
    public var stateFile: String { Self.join(directory, "state.json") }
    /// `DIR/state.json.tmp`, the file a save writes before renaming it.
    public var temporaryFile: String { stateFile + ".tmp" }
    /// `DIR/lock`.
    public var lockFile: String { Self.join(directory, "lock") }

    /// Creates the state folder (and its parents) when missing.
    public func prepare() throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw InputError(.state, SourceLocation(path: directory), "the state folder is a file, not a folder")
            }
            return
        }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw InputError(
                .state, SourceLocation(path: directory), "cannot create the state folder: \(Self.reason(error))")
        }
    }

    /// The stored state; an empty state when the folder or the file does not exist yet.
    /// Anything else that is wrong with the file throws an `InputError` of kind `.state`.
    public func load() throws -> SyncState {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw InputError(.state, SourceLocation(path: directory), "the state folder is a file, not a folder")
        }
        let bytes: [UInt8]
        switch Self.readAll(stateFile) {
        case .missing: return SyncState()
        case .failed(let reason): throw unreadable(reason)
        case .read(let read): bytes = read
        }
        if bytes.isEmpty { throw unreadable("the file is empty") }
        do {
            return try JSONDecoder().decode(SyncState.self, from: Data(bytes))
        } catch let error as DecodingError {
            throw Self.describe(error, path: stateFile, bytes: bytes)
        } catch {
            throw unreadable(Self.reason(error))
        }
    }

    /// Replaces `state.json` atomically, creating the folder when missing.
    public func save(_ state: SyncState) throws {
        try prepare()
        let data: Data
        do {
            data = try ReadableJSON.encoder.encode(state) + Data([0x0A])
        } catch {
            throw InputError(.state, SourceLocation(path: stateFile), "cannot encode the sync state: \(error)")
        }
        try writeSynced(data, to: temporaryFile)
        guard rename(temporaryFile, stateFile) == 0 else {
            let reason = String(cString: strerror(errno))
            _ = unlink(temporaryFile)
            throw cannotSave(reason)
        }
        let dirFD = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dirFD >= 0 {
            defer { _ = close(dirFD) }
            guard fsync(dirFD) == 0 else { throw cannotSave(String(cString: strerror(errno))) }
        }
    }

    /// Takes the state folder's lock without waiting (R26), creating the folder when missing;
    /// throws `StateLocked` when another sync holds it.
    public func lock() throws -> StateLock {
        try prepare()
        return try StateLock.acquire(path: lockFile)
    }

    // MARK: - Files

    private func writeSynced(_ data: Data, to path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw cannotSave(String(cString: strerror(errno))) }
        var failure: String?
        data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            var offset = 0
            while offset < buffer.count {
                let written = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = String(cString: strerror(errno))
                    return
                }
                offset += written
            }
        }
        if failure == nil, fsync(fd) != 0 { failure = String(cString: strerror(errno)) }
        if close(fd) != 0, failure == nil { failure = String(cString: strerror(errno)) }
        if let failure {
            _ = unlink(path)
            throw cannotSave(failure)
        }
    }

    private enum ReadOutcome {
        case missing
        case failed(String)
        case read([UInt8])
    }

    private static func readAll(_ path: String) -> ReadOutcome {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            return errno == ENOENT ? .missing : .failed(String(cString: strerror(errno)))
        }
        defer { _ = close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                return .failed(String(cString: strerror(errno)))
            }
            if count == 0 { return .read(bytes) }
            bytes.append(contentsOf: chunk[0..<count])
        }
    }

    // MARK: - Errors

    private static let advice = "fix or move the file away — it is never reset silently"

    private func unreadable(_ detail: String, line: Int? = nil, column: Int? = nil) -> InputError {
        InputError(
            .state, SourceLocation(path: stateFile, line: line, column: column),
            "cannot read the sync state: \(detail); \(Self.advice)")
    }

    private func cannotSave(_ reason: String) -> InputError {
        InputError(
            .state, SourceLocation(path: stateFile),
            "cannot save the sync state: \(reason); the previous state file is unchanged")
    }

    private static func reason(_ error: any Error) -> String {
        if let error = error as? CocoaError, let underlying = error.underlying as? POSIXError {
            return String(cString: strerror(underlying.code.rawValue))
        }
        return (error as NSError).localizedDescription
    }

    /// Turns a decoding error into the store's message, with a line and column for bad JSON.
    private static func describe(_ error: DecodingError, path: String, bytes: [UInt8]) -> InputError {
        let store = StateStore(directory: (path as NSString).deletingLastPathComponent)
        switch error {
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            // JSONDecoder on Linux does not say where; JSONSerialization does ("around character N").
            var text = context.debugDescription
            do {
                _ = try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
            } catch {
                text = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? text
            }
            let (line, column) = position(in: text, bytes: bytes)
            return store.unreadable("not valid JSON (\(text.trimmingTrailingPeriod))", line: line, column: column)
        case .dataCorrupted(let context):
            return store.unreadable("\(codingPathText(context.codingPath)): \(context.debugDescription)")
        case .keyNotFound(let key, let context):
            let at = context.codingPath.isEmpty ? "" : " in \(codingPathText(context.codingPath))"
            return store.unreadable("the key '\(key.stringValue)' is missing\(at)")
        case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
            return store.unreadable("\(codingPathText(context.codingPath)): expected \(describe(type))")
        @unknown default:
            return store.unreadable("\(error)")
        }
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Int.Type: return "a whole number"
        case is Bool.Type: return "true or false"
        default:
            let name = "\(type)"
            if name.hasPrefix("Array") { return "a list" }
            if name.hasPrefix("Dictionary") || name.hasPrefix("KeyedDecodingContainer") { return "an object" }
            return name
        }
    }

    /// `history[2].start`.
    private static func codingPathText(_ path: [any CodingKey]) -> String {
        var text = ""
        for key in path {
            if let index = key.intValue { text += "[\(index)]" } else { text += (text.isEmpty ? "" : ".") + key.stringValue }
        }
        return text.isEmpty ? "the file" : text
    }

    /// Line and column (1-based, columns in characters) of "… around character N …", a 0-based
    /// byte offset as Foundation's JSON parser words its errors; or of "line L, column C".
    private static func position(in text: String, bytes: [UInt8]) -> (Int?, Int?) {
        func number(after word: String) -> Int? {
            guard let range = text.range(of: word) else { return nil }
            return Int(text[range.upperBound...].prefix { $0.isNumber })
        }
        if let line = number(after: "line "), let column = number(after: "column ") { return (line, column) }
        guard let offset = number(after: "character "), offset <= bytes.count else { return (nil, nil) }
        let before = bytes[..<offset]
        let lineStart = (before.lastIndex(of: 0x0A) ?? -1) + 1
        let line = before.lazy.filter { $0 == 0x0A }.count + 1
        let column = String(decoding: bytes[lineStart..<offset], as: UTF8.self).count + 1
        return (line, column)
    }

    private static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }
}

extension String {
    fileprivate var trimmingTrailingPeriod: String { hasSuffix(".") ? String(dropLast()) : self }
}
