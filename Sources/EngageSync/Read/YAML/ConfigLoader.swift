/// Reads the optional YAML config file (`--config engage-sync.yaml`) into a `SyncConfig`.
///
/// Keys: `version` (optional, 1), `org_id`, `company_id`, `integration_user` (texts: `0012…`
/// stays as written), `export`, `snapshot`, `state`, `out`, `mapping`, `manifest`,
/// `post_processing_lock` (paths), `grants` (a path or a list of paths), and `policy` with
/// `minutes_between_syncs`, `full_after_days_without_success`, `full_after_failed_syncs`,
/// `max_record_failures`, `history_size` (positive whole numbers). Relative paths are resolved
/// against the config file's folder. Unknown keys are errors of kind `.config` at their position.
public enum ConfigLoader {
    public static func load(path: String) throws -> SyncConfig {
        try build(YAMLDocument.read(path: path, kind: .config))
    }

    /// Reads config text; `path` names it in messages and its folder anchors relative paths.
    public static func load(text: String, path: String) throws -> SyncConfig {
        try build(YAMLDocument.parse(text: text, path: path, kind: .config))
    }

    static let pathKeys = ["export", "snapshot", "state", "out", "mapping", "manifest", "post_processing_lock"]
    static let policyKeys = ["minutes_between_syncs", "full_after_days_without_success", "full_after_failed_syncs",
                             "max_record_failures", "history_size"]

    static func build(_ doc: YAMLDocument) throws(InputError) -> SyncConfig {
        let keys = try doc.keys(doc.root, "the config",
                                allowed: ["version", "org_id", "company_id", "integration_user", "grants", "policy"]
                                    + pathKeys)
        if keys.has("version") { try doc.checkVersion(keys, file: "config") }
        let folder = folder(of: doc.path)
        func text(_ key: String) throws(InputError) -> String? {
            guard let node = keys[key] else { return nil }
            return try doc.nonEmptyString(node, "'\(key)'").trimmingCharacters(in: .whitespaces)
        }
        func path(_ key: String) throws(InputError) -> String? {
            try text(key).map { resolve($0, in: folder) }
        }
        var config = SyncConfig()
        config.orgId = try text("org_id")
        config.companyId = try text("company_id")
        config.integrationUser = try text("integration_user")
        config.export = try path("export")
        config.snapshot = try path("snapshot")
        config.state = try path("state")
        config.out = try path("out")
        config.mapping = try path("mapping")
        config.manifest = try path("manifest")
        config.postProcessingLock = try path("post_processing_lock")
        if let node = keys["grants"] {
            config.grants = try doc.stringList(node, "'grants'").map { resolve($0, in: folder) }
        }
        if let node = keys["policy"] {
            let policy = try doc.keys(node, "'policy'", allowed: policyKeys)
            func number(_ key: String) throws(InputError) -> Int? {
                guard let n = policy[key] else { return nil }
                return try doc.positiveInt(n, "'\(key)'")
            }
            if let v = try number("minutes_between_syncs") { config.policy.minutesBetweenSyncs = v }
            if let v = try number("full_after_days_without_success") { config.policy.fullAfterDaysWithoutSuccess = v }
            if let v = try number("full_after_failed_syncs") { config.policy.fullAfterFailedSyncs = v }
            if let v = try number("max_record_failures") { config.policy.maxRecordFailures = v }
            if let v = try number("history_size") { config.policy.historySize = v }
        }
        return config
    }

    /// The folder part of a path (`""` for a bare file name).
    static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// `path` as is when absolute, else joined to `folder` (leading `./` dropped).
    static func resolve(_ path: String, in folder: String) -> String {
        if path.hasPrefix("/") || folder.isEmpty { return path }
        var rest = Substring(path)
        while rest.hasPrefix("./") { rest = rest.dropFirst(2) }
        if rest.isEmpty || rest == "." { return folder }
        return folder.hasSuffix("/") ? folder + rest : folder + "/" + rest
    }
}
