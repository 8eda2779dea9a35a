import EngageSync
import Foundation

/// `engage-sync permissions`: the manifest against real grant files (R30), and the fix.
enum PermissionsCommand {
    static func run(_ args: [String]) throws -> Int32 {
        let parsed = try ParsedArguments(args, valued: ["manifest", "grants", "suggest", "label"],
                                         flags: ["json"], repeatable: ["grants"])
        let paths = parsed.all("grants")
        guard !paths.isEmpty else { throw UsageError(message: "missing --grants (at least one file)") }
        let manifest = try parsed.value("manifest").map { try ManifestLoader.load(path: $0) } ?? DefaultMappings.manifest()
        var files: [GrantFile] = []
        do {
            for path in paths {
                files.append(try GrantFileReader.read(path: path))
            }
        } catch let error as InputError {
            Output.error(error.description)
            return ExitCode.usage
        }
        let report = checkPermissions(manifest: manifest, grants: files)
        Output.out(parsed.has("json") ? report.renderJSON() : report.renderText())
        if let target = parsed.value("suggest") {
            let xml = suggestedPermissionSet(for: report, label: parsed.value("label") ?? "Engage Sync Missing Grants")
            do { try xml.write(toFile: target, atomically: true, encoding: .utf8) } catch {
                Output.error("\(target): error: cannot write the suggested permission set")
                return ExitCode.failure
            }
            if !parsed.has("json") { Output.out("suggested permission set written to \(target)") }
        }
        return report.isComplete ? ExitCode.success : ExitCode.successWithErrors
    }
}
