import EngageSync

/// `engage-sync mapping --print`: the shipped defaults, to start an own copy from.
enum MappingCommand {
    static func run(_ args: [String]) throws -> Int32 {
        let parsed = try ParsedArguments(args, valued: [], flags: ["print", "manifest"])
        guard parsed.has("print") else { throw UsageError(message: "nothing to do: give --print") }
        Output.out(parsed.has("manifest") ? DefaultMappings.manifestYAML : DefaultMappings.mappingYAML)
        return ExitCode.success
    }

    /// The mapping and manifest to use: the given files, else the shipped defaults; the mapping
    /// is checked against the manifest (R31).
    static func load(mapping: String?, manifest: String?) throws -> (SyncMapping, PermissionManifest) {
        let m = try mapping.map { try MappingLoader.load(path: $0) } ?? DefaultMappings.mapping()
        let p = try manifest.map { try ManifestLoader.load(path: $0) } ?? DefaultMappings.manifest()
        try validate(mapping: m, against: p)
        return (m, p)
    }
}
