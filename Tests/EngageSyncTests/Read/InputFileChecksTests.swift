import Foundation
import Testing
@testable import EngageSync

/// The checks every input goes through before a reader opens it (SPEC §8: empty, missing,
/// folder, unreadable). Root reads files whatever their mode, so "unreadable" is covered by
/// paths that no process can read as a file: a FIFO (would block a reader), a socket, a path
/// through a regular file (ENOTDIR).
@Suite struct InputFileChecksTests {
    func message(_ path: String) -> String {
        do {
            try InputFileChecks.requireReadableFile(path, kind: .export)
            return "no error"
        } catch {
            return error.headline  // typed throws: always an InputError
        }
    }

    @Test func aRegularFileWithContentPasses() {
        #expect(message(Fixture.write("{}")) == "no error")
    }

    @Test func missingEmptyAndFolderAreNamed() {
        let missing = Fixture.folder + "/missing-\(UUID().uuidString).json"
        #expect(message(missing) == "\(missing): error: file does not exist")
        let empty = Fixture.write("")
        #expect(message(empty) == "\(empty): error: file is empty (0 bytes)")
        #expect(message(Fixture.folder) == "\(Fixture.folder): error: is a folder, not a file")
    }

    @Test func aNamedPipeIsRefusedWithoutBlocking() throws {
        let path = Fixture.folder + "/fifo-\(UUID().uuidString).json"
        #expect(mkfifo(path, 0o600) == 0)
        #expect(message(path) == "\(path): error: is a named pipe (FIFO), not a regular file")
    }

    @Test func aSocketIsRefused() throws {
        let path = Fixture.folder + "/s-\(getpid()).sock"
        unlink(path)
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd); unlink(path) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (i, byte) in path.utf8.prefix(raw.count - 1).enumerated() { raw[i] = byte }
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        #expect(bound == 0)
        #expect(message(path) == "\(path): error: is a socket, not a regular file")
    }

    /// Root reads a mode-000 file anyway (CI runs as root), so this runs for other users only.
    @Test(.enabled(if: geteuid() != 0, "root reads files whatever their mode"))
    func aFileWithoutReadPermissionIsNamed() throws {
        let path = Fixture.write("{}")
        #expect(chmod(path, 0) == 0)
        defer { chmod(path, 0o600) }
        #expect(message(path) == "\(path): error: file cannot be read (permission denied)")
    }

    @Test func aPathThroughARegularFileSaysWhy() {
        let file = Fixture.write("{}")
        #expect(message(file + "/export.json")
            == "\(file)/export.json: error: file does not exist (a part of the path is a file, not a folder)")
    }
}
