import EngageSync

/// `engage-sync history`: the last syncs of a state folder (R23).
enum HistoryCommand {
    static func run(_ args: [String]) throws -> Int32 {
        let parsed = try ParsedArguments(args, valued: ["state"], flags: ["json"])
        guard let folder = parsed.value("state") else { throw UsageError(message: "missing --state") }
        let state = try StateStore(directory: folder).load()
        Output.out(parsed.has("json") ? HistoryTable.renderJSON(state) : HistoryTable.render(state))
        return ExitCode.success
    }
}
