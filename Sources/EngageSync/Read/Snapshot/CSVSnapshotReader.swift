/// Reads a CRM snapshot CSV (Bulk API / Data Loader query results, SPEC §3 S) into records.
///
/// Field names are the header's API names lowercased, relationship columns kept dotted
/// (`recordtype.developername`); an empty cell, quoted or not, is null and left out (SPEC §10).
public enum CSVSnapshotReader {
    /// Calls `body` with each record in file order; errors are `InputError`s of kind `.snapshot`.
    public static func forEachRecord(in path: String, _ body: (SnapshotRecord) throws -> Void) throws {
        let reader = try CSVReader(path: path, kind: .snapshot)
        let names = reader.header.map { $0.lowercased() }
        while let row = try reader.nextRow() {
            var fields: [String: String] = [:]
            fields.reserveCapacity(names.count)
            for (index, value) in row.enumerated() where !value.isEmpty {
                fields[names[index]] = value
            }
            try body(SnapshotRecord(fields: fields, location: SourceLocation(path: path, row: reader.rowNumber)))
        }
    }
}
