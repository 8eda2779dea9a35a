import Foundation

/// Rewrites an update file in place: drops byte ranges (entries that lost to a duplicate, R15)
/// and splits it into `.part-2.csv`, `.part-3.csv` … past 100 MB or 1,000,000 rows (SPEC §4),
/// each part with the header. Rows are found by scanning for line ends outside quotes.
struct UpdateFileSplitter {
    var maxBytes: UInt64 = 100_000_000
    var maxRows = 1_000_000

    /// The part files written, in load order (the first keeps the original name).
    func rewrite(path: String, dropping dropped: [Range<UInt64>]) throws -> [(path: String, rows: Int)] {
        let data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
        let bytes = [UInt8](data)
        let rows = Self.rowRanges(bytes)
        guard let header = rows.first else { return [(path, 0)] }
        let kept = rows.dropFirst().filter { row in
            !dropped.contains { $0.contains(UInt64(row.lowerBound)) }
        }
        let base = path.hasSuffix(".csv") ? String(path.dropLast(4)) : path
        var parts: [String] = []
        var counts: [Int] = []
        var file: OutputFile?
        var rowsInPart = 0
        for row in kept {
            let length = UInt64(row.count)
            if file == nil || rowsInPart >= maxRows || file!.size + length > maxBytes {
                try file?.finish()
                let name = parts.isEmpty ? path + ".rewrite" : "\(base).part-\(parts.count + 1).csv"
                parts.append(name)
                counts.append(0)
                file = try OutputFile(path: name)
                try file!.write(bytes: bytes[header])
                rowsInPart = 0
            }
            try file!.write(bytes: bytes[row])
            rowsInPart += 1
            counts[counts.count - 1] += 1
        }
        try file?.finish()
        if parts.isEmpty {
            // Every row was dropped: keep a header-only file so callers see no rows.
            let only = try OutputFile(path: path + ".rewrite")
            try only.write(bytes: bytes[header])
            try only.finish()
            parts = [path + ".rewrite"]
            counts = [0]
        }
        try FileManager.default.removeItem(atPath: path)
        try FileManager.default.moveItem(atPath: parts[0], toPath: path)
        parts[0] = path
        return Array(zip(parts, counts)).map { (path: $0.0, rows: $0.1) }
    }

    /// Byte ranges of the CSV records (line end included).
    static func rowRanges(_ bytes: [UInt8]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start = 0
        var quoted = false
        for i in bytes.indices {
            let b = bytes[i]
            if b == 34 { quoted.toggle() } else if b == 10 && !quoted {
                ranges.append(start..<(i + 1))
                start = i + 1
            }
        }
        if start < bytes.count { ranges.append(start..<bytes.count) }
        return ranges
    }
}
