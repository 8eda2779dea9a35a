extension PermissionReport {
    /// The report as a table a person reads at a glance: aligned columns, `MISSING` in capitals
    /// with a `!` in the margin, the file(s) that grant each line, the closing count and the
    /// retrieval note.
    ///
    /// ```
    /// Permissions: manifest.yaml against 1 grant file
    ///   profile.profile-meta.xml
    ///
    ///   object  item   needed  granted        verdict  file
    ///   Obj__c  OLS R  Read    allowRead      ok       profile.profile-meta.xml
    /// ! Obj__c  F__c   Edit    readable only  MISSING  -
    /// ```
    public func renderText() -> String {
        let header = ["object", "item", "needed", "granted", "verdict", "file"]
        let rows = requirements.map { r in
            [r.object, r.item, r.needed, r.granted, r.isMissing ? "MISSING" : "ok",
             r.sources.isEmpty ? "-" : r.sources.joined(separator: ", ")]
        }
        var widths = header.map(\.count)
        for row in rows {
            for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) }
        }
        func line(_ cells: [String], marker: String) -> String {
            var text = marker
            for (i, cell) in cells.enumerated() {
                if i == cells.count - 1 {
                    text += cell
                } else {
                    text += cell + String(repeating: " ", count: widths[i] - cell.count + 2)
                }
            }
            return text
        }
        let fileNoun = grantPaths.count == 1 ? "grant file" : "grant files"
        var out = "Permissions: \(manifestPath) against \(grantPaths.count) \(fileNoun)\n"
        for path in grantPaths { out += "  \(path)\n" }
        out += "\n"
        out += line(header, marker: "  ") + "\n"
        for (r, row) in zip(requirements, rows) {
            out += line(row, marker: r.isMissing ? "! " : "  ") + "\n"
        }
        out += "\n\(summaryLine)\n"
        out += Self.retrievalNote + "\n"
        return out
    }
}
