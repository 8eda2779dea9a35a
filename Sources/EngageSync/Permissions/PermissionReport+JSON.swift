import Foundation

extension PermissionReport {
    private struct JSONLine: Encodable {
        var object: String
        var item: String
        var kind: String
        var name: String
        var needed: String
        var granted: String
        var verdict: String
        var sources: [String]
    }

    private struct JSONReport: Encodable {
        var manifest: String
        var grants: [String]
        var complete: Bool
        var total: Int
        var missing: Int
        var note: String
        var requirements: [JSONLine]
    }

    /// The report for scripts: a JSON object with sorted keys (`complete`, `grants`, `manifest`,
    /// `missing`, `note` (the retrieval note of the text report), `requirements`, `total`); each requirement has `granted`, `item`, `kind`
    /// (`object`, `recordType`, `field`), `name` (letter, developer name or field), `needed`,
    /// `object`, `sources` and `verdict` (`ok`/`missing`).
    public func renderJSON() -> String {
        let lines = requirements.map { r -> JSONLine in
            let (kind, name): (String, String)
            switch r.subject {
            case .object(let access): (kind, name) = ("object", access.rawValue)
            case .recordType(let developerName): (kind, name) = ("recordType", developerName)
            case .field(let field, _): (kind, name) = ("field", field)
            }
            return JSONLine(object: r.object, item: r.item, kind: kind, name: name, needed: r.needed,
                            granted: r.granted, verdict: r.verdict.rawValue, sources: r.sources)
        }
        let report = JSONReport(manifest: manifestPath, grants: grantPaths, complete: isComplete,
                                total: requirements.count, missing: missing.count, note: Self.retrievalNote,
                                requirements: lines)
        let data = (try? ReadableJSON.encoder.encode(report)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
