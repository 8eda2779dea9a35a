import EngageSync
import Foundation

/// `engage-sync history`: the last syncs of a state folder (R23).
enum HistoryCommand {
    static func run(_ args: [String]) throws -> Int32 {
        let parsed = try ParsedArguments(args, valued: ["state"], flags: ["json"])
        guard let folder = parsed.value("state") else { throw UsageError(message: "missing --state") }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            // A mistyped path must not read as a state with no syncs yet.
            Output.error("\(folder): error: no such state folder (give the --state of your syncs)")
            return ExitCode.usage
        }
        let state = try StateStore(directory: folder).load()
        Output.out(parsed.has("json") ? HistoryTable.renderJSON(state) : HistoryTable.render(state))
        return ExitCode.success
    }
}
