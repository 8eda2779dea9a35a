/// Reads a CRM snapshot CSV (Bulk API / Data Loader query results, SPEC §3 S) into records.
///
/// Field names are the header's API names lowercased, relationship columns kept dotted
/// (`recordtype.developername`); an empty cell, quoted or not, is null and left out (SPEC §10).
public enum CSVSnapshotReader {
    /// Calls `body` with each record in file order; errors are `InputError`s of kind `.snapshot`.
    public static func forEachRecord(in path: String, _ body: (SnapshotRecord) throws -> Void) throws {
        var names: [String] = []
        try rows(in: path, fields: { header in names = header; return header }) { row, location in
            var fields: [String: String] = [:]
            fields.reserveCapacity(names.count)
            for i in names.indices {
                if let value = row.text(i) { fields[names[i]] = value }
            }
            try body(SnapshotRecord(fields: fields, location: location))
        }
    }

    /// Calls `body` with each record's values of `fields` (lowercased API names), by column
    /// position: the same values and places as `forEachRecord`, as bytes of the reader's buffer
    /// (no dictionary and no `String` per record).
    public static func forEachRow(in path: String, fields: [String],
                                  _ body: (SnapshotRow, SourceLocation) throws -> Void) throws {
        try rows(in: path, fields: { _ in fields }, body)
    }

    /// The rows of the fields `fields(header)` picks, the header given lowercased.
    private static func rows(in path: String, fields pick: ([String]) -> [String],
                             _ body: (SnapshotRow, SourceLocation) throws -> Void) throws {
        let reader = try CSVReader(path: path, kind: .snapshot)
        let names = reader.header.map { $0.lowercased() }
        let fields = pick(names)
        let positions = fields.map { names.firstIndex(of: $0) ?? -1 }
        var starts = [Int](repeating: -1, count: fields.count)
        var ends = [Int](repeating: 0, count: fields.count)
        while try reader.nextRecord() {
            let location = SourceLocation(path: path, row: reader.rowNumber)
            try reader.withCells { bytes, cellEnds in
                for (i, position) in positions.enumerated() {
                    let start = position <= 0 ? 0 : cellEnds[position - 1]
                    let end = position < 0 ? 0 : cellEnds[position]
                    starts[i] = position < 0 || start == end ? -1 : start
                    ends[i] = end
                }
                try starts.withUnsafeBufferPointer { s in
                    try ends.withUnsafeBufferPointer { e in try body(SnapshotRow(base: bytes, starts: s, ends: e), location) }
                }
            }
        }
    }
}
