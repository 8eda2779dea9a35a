/// The outcome of a permission check (R30): one line per requirement of the manifest.
public struct PermissionReport: Sendable, Equatable {
    /// The manifest's path, as given.
    public var manifestPath: String
    /// The grant files, as given, in order.
    public var grantPaths: [String]
    public var requirements: [PermissionRequirement]

    public init(manifestPath: String, grantPaths: [String], requirements: [PermissionRequirement]) {
        self.manifestPath = manifestPath
        self.grantPaths = grantPaths
        self.requirements = requirements
    }

    /// The requirements the files do not grant.
    public var missing: [PermissionRequirement] { requirements.filter(\.isMissing) }

    /// True when every requirement is granted.
    public var isComplete: Bool { !requirements.contains(where: \.isMissing) }

    /// The closing line: `2 of 41 requirements missing` or `all 41 requirements granted`.
    public var summaryLine: String {
        let total = requirements.count
        let noun = total == 1 ? "requirement" : "requirements"
        if isComplete { return "all \(total) \(noun) granted" }
        return "\(missing.count) of \(total) \(noun) missing"
    }

    /// Why "not granted" is worded so.
    public static let retrievalNote =
        "Note: a retrieved profile or permission set holds field permissions only for the objects "
        + "retrieved with it; \"not granted\" means not granted in these files."
}
