import EngageSync

/// `engage-sync results`: load results close the loop (R27).
enum ResultsCommand {
    static func run(_ args: [String]) throws -> Int32 {
        let parsed = try ParsedArguments(args, valued: ["state", "run", "failed", "succeeded"], flags: ["json"],
                                         repeatable: ["failed", "succeeded"])
        guard let folder = parsed.value("state") else { throw UsageError(message: "missing --state") }
        guard let runId = parsed.value("run") else { throw UsageError(message: "missing --run") }
        guard !parsed.all("failed").isEmpty || !parsed.all("succeeded").isEmpty else {
            throw UsageError(message: "give --failed and/or --succeeded result files")
        }
        _ = (folder, runId)
        throw UsageError(message: "results: not wired yet")
    }
}
