import Foundation
import Testing

/// Progress of `sync` on a terminal: shown on stderr when it is a terminal, never otherwise,
/// and never with `--quiet`.
@Suite(.serialized) struct ProgressTests {
    let fixture = BinaryRunner.packageRoot.appendingPathComponent("Tests/Fixtures/basic")

    func args(_ extra: [String] = []) throws -> [String] {
        let state = try BinaryRunner.temporaryFolder(), out = try BinaryRunner.temporaryFolder()
        return ["sync", "--export", fixture.appendingPathComponent("export.json").path,
                "--snapshot", fixture.appendingPathComponent("snapshot").path, "--state", state.path, "--out", out.path,
                "--org-id", "00D5j00000AbCdE", "--company-id", "verteo-biopharma",
                "--integration-user", "0055j00000EnGsYAAV", "--now", "2026-11-30T10:00:00Z"] + extra
    }

    /// Runs the binary under `script`, so that stdout and stderr are a terminal.
    func onTerminal(_ args: [String]) throws -> BinaryRunner.Result {
        let command = ([BinaryRunner.binary] + args).map { "'\($0)'" }.joined(separator: " ")
        return try BinaryRunner.run(["-qec", command, "/dev/null"], executable: "/usr/bin/script")
    }

    @Test func progressIsSilentWhenStderrIsNotATerminal() throws {
        let result = try BinaryRunner.run(try args())
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty)
        #expect(result.stdout.contains("run folder:"))
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")))
    func progressShowsThePhaseOnATerminalAndIsErasedAtTheEnd() throws {
        let shown = try onTerminal(try args())
        #expect(shown.exitCode == 0, "\(shown.stdout)")
        #expect(shown.stdout.contains("reading snapshot…"))
        #expect(shown.stdout.contains("\r\u{1B}[K"))
        let quiet = try onTerminal(try args(["--quiet"]))
        #expect(quiet.exitCode == 0)
        #expect(!quiet.stdout.contains("reading snapshot"))
        #expect(quiet.stdout.contains("run folder:"))
    }
}
