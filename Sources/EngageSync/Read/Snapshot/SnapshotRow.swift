/// The values of the fields a caller asked for, of one snapshot record, as UTF-8 bytes that
/// are valid during the call that hands the row out (no `String` per value unless asked).
/// A missing field, an empty cell and a JSON `null` are all null.
public struct SnapshotRow {
    private let base: UnsafeRawBufferPointer
    /// Per field: where its bytes start in `base`, -1 for null; and where they end.
    private let starts: UnsafeBufferPointer<Int>
    private let ends: UnsafeBufferPointer<Int>

    init(base: UnsafeRawBufferPointer, starts: UnsafeBufferPointer<Int>, ends: UnsafeBufferPointer<Int>) {
        self.base = base
        self.starts = starts
        self.ends = ends
    }

    /// Number of fields asked for.
    public var count: Int { starts.count }

    /// The bytes of field `i`, nil when it is null.
    public subscript(i: Int) -> UnsafeRawBufferPointer? {
        let start = starts[i]
        if start < 0 { return nil }
        return UnsafeRawBufferPointer(rebasing: base[start..<ends[i]])
    }

    /// Field `i` as text, nil when it is null.
    public func text(_ i: Int) -> String? {
        self[i].map { String(decoding: $0, as: UTF8.self) }
    }

    /// Calls `body` with a row of these texts (the JSON and XML snapshot readers give texts).
    static func withTexts<R>(_ texts: [String?], _ body: (SnapshotRow) throws -> R) rethrows -> R {
        var bytes: [UInt8] = []
        var starts: [Int] = []
        var ends: [Int] = []
        for text in texts {
            if let text {
                starts.append(bytes.count)
                bytes.append(contentsOf: text.utf8)
            } else {
                starts.append(-1)
            }
            ends.append(bytes.count)
        }
        return try bytes.withUnsafeBytes { base in
            try starts.withUnsafeBufferPointer { s in
                try ends.withUnsafeBufferPointer { e in try body(SnapshotRow(base: base, starts: s, ends: e)) }
            }
        }
    }
}
