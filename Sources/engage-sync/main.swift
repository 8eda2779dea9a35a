import EngageSync
import Foundation

/// Runs one command and returns its exit code.
func runCommand(_ args: [String]) -> Int32 {
    guard let command = args.first else {
        Output.error(Usage.main)
        return ExitCode.usage
    }
    let rest = Array(args.dropFirst())
    let commands: [String: (usage: String, run: ([String]) throws -> Int32)] = [
        "sync": (Usage.sync, SyncCommand.run),
        "permissions": (Usage.permissions, PermissionsCommand.run),
        "history": (Usage.history, HistoryCommand.run),
        "results": (Usage.results, ResultsCommand.run),
        "mapping": (Usage.mapping, MappingCommand.run),
    ]
    if command == "--version" || command == "version" {
        Output.out("engage-sync \(Usage.version) (Engage export format 1, state format \(SyncState.version))")
        return ExitCode.success
    }
    if command == "--help" || command == "help" || command == "-h" {
        Output.out(Usage.main)
        return ExitCode.success
    }
    guard let entry = commands[command] else {
        Output.error("engage-sync: error: unknown command '\(command)'\n\n" + Usage.main)
        return ExitCode.usage
    }
    if rest.contains("--help") || rest.contains("-h") {
        Output.out(entry.usage)
        return ExitCode.success
    }
    do {
        return try entry.run(rest)
    } catch let error as UsageError {
        Output.error("engage-sync \(command): error: \(error.message)\n\n" + entry.usage)
        return ExitCode.usage
    } catch let error as InputError {
        Output.error(error.description)
        return error.kind.isConfiguration ? ExitCode.usage : ExitCode.failure
    } catch {
        Output.error("engage-sync \(command): error: \(error)")
        return ExitCode.failure
    }
}

exit(runCommand(Array(CommandLine.arguments.dropFirst())))
