/// Encodes rows as RFC 4180 CSV with LF line endings (SPEC §4): a cell is quoted only when it
/// holds a comma, a quote, CR or LF; quotes are doubled.
enum CSVRowEncoder {
    static func append(_ row: [String], to out: inout [UInt8]) {
        if row.count == 1 && row[0].isEmpty {
            out.append(contentsOf: [34, 34, 10])  // a lone empty cell, not a blank line
            return
        }
        for (i, cell) in row.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            let utf8 = cell.utf8
            let needsQuotes = utf8.contains { $0 == 44 || $0 == 34 || $0 == 10 || $0 == 13 }
            if needsQuotes {
                out.append(34)
                for b in utf8 {
                    if b == 34 { out.append(34) }
                    out.append(b)
                }
                out.append(34)
            } else {
                out.append(contentsOf: utf8)
            }
        }
        out.append(10)
    }
}
