import Foundation

/// Runs the built `engage-sync` binary, for end-to-end tests.
struct BinaryRunner {
    struct Result {
        var exitCode: Int32
        var stdout: String
        var stderr: String
    }

    /// The package root, found from this file's path.
    static let packageRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        fatalError("no Package.swift above \(#filePath)")
    }()

    /// The binary next to the test bundle (same build folder), else `.build/debug`.
    static let binary: String = {
        let bundleDir = Bundle.main.bundleURL.deletingLastPathComponent()
        for candidate in [Bundle.main.bundleURL.appendingPathComponent("engage-sync"),
                          bundleDir.appendingPathComponent("engage-sync"),
                          packageRoot.appendingPathComponent(".build/debug/engage-sync")]
        where FileManager.default.isExecutableFile(atPath: candidate.path) {
            return candidate.path
        }
        return packageRoot.appendingPathComponent(".build/debug/engage-sync").path
    }()

    /// The benchmark scenario generator, built next to `engage-sync`.
    static var generator: String {
        URL(fileURLWithPath: binary).deletingLastPathComponent().appendingPathComponent("engage-sync-gen").path
    }

    /// Runs the binary (or `executable`, e.g. a sample's script or the generator) with `args`;
    /// `environment` adds variables to this process's own.
    static func run(_ args: [String], cwd: URL? = nil, executable: String? = nil,
                    environment: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable ?? binary)
        process.arguments = args
        process.currentDirectoryURL = cwd ?? packageRoot
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(exitCode: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }

    /// A fresh temporary folder.
    static func temporaryFolder(_ name: String = "e2e") throws -> URL {
        let url = TestScratch.root
            .appendingPathComponent("engage-sync-\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The names of the folders in `out`.
    static func runFolders(_ out: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: out.path)) ?? []).sorted()
    }
}
