/// Encodes rows as RFC 4180 CSV with LF line endings (SPEC §4): a cell is quoted only when it
/// holds a comma, a quote, CR or LF; quotes are doubled.
enum CSVRowEncoder {
    static func append(_ row: [String], to out: inout [UInt8]) {
        if row.count == 1 && row[0].isEmpty {
            out.append(contentsOf: [34, 34, 10])  // a lone empty cell, not a blank line
            return
        }
        var first = true
        for cell in row {
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            var cell = cell
            cell.withUTF8 { bytes in append(cell: bytes, to: &out) }
        }
        out.append(10)
    }

    /// One cell's bytes, quoted when they need it.
    @inline(__always)
    private static func append(cell bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        var needsQuotes = false
        for b in bytes where b == 44 || b == 34 || b == 10 || b == 13 {
            needsQuotes = true
            break
        }
        guard needsQuotes else {
            out.append(contentsOf: bytes)
            return
        }
        out.append(34)
        for b in bytes {
            if b == 34 { out.append(34) }
            out.append(b)
        }
        out.append(34)
    }
}
