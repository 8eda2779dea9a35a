/// A streaming RFC 4180 reader over UTF-8 bytes (SPEC §3 S, §8).
///
/// The file is read in chunks; memory holds one chunk and the current row, however large the
/// file. Accepted: a UTF-8 BOM, LF, CRLF or CR line ends, quoted commas, line breaks and doubled
/// quotes. A cell is returned as text; a blank cell, quoted (`""`) or not, is the empty string.
/// Blank lines between records are skipped (a one-column file writes an empty value as `""`).
///
/// Rows count CSV records, not physical lines: the header is row 1. Errors are `InputError`s of
/// the reader's kind with the row (and column name where one applies); after an error every
/// call throws the same error again.
public final class CSVReader {
    /// The path as given.
    public let path: String
    /// Which input this file is, for the errors it throws.
    public let kind: InputKind
    /// The column names of row 1, as written (BOM removed).
    public private(set) var header: [String] = []
    /// The row number of the record last returned (header = 1).
    public private(set) var rowNumber = 1
    /// The physical line on which the record last returned starts.
    public private(set) var line = 1

    private let source: FileByteSource
    private var pos = 0
    /// Current physical line of the scanner.
    private var scanLine = 1
    private var lastWasCR = false
    private var failure: InputError?

    /// The bytes of the current record's cells, back to back, and where each cell ends.
    private var cellBytes = RecordBytes(capacity: 4096)
    private var cellEnds: [Int] = []

    /// Opens the file and reads the header. Throws for a missing, unreadable or empty file, a
    /// malformed header row, a column without a name and duplicate names (case-insensitive).
    public init(path: String, kind: InputKind) throws(InputError) {
        self.path = path
        self.kind = kind
        do {
            source = try FileByteSource(path: path)
            try source.refill()
        } catch {
            throw InputError(kind, SourceLocation(path: path), "cannot read the file: \(error.reason)")
        }
        if source.count == 0 {
            throw fail(InputError(kind, SourceLocation(path: path), "empty file (0 bytes)"))
        }
        if source.count >= 3, source.buffer[0] == 0xEF, source.buffer[1] == 0xBB, source.buffer[2] == 0xBF {
            pos = 3
        }
        guard try readRecord() else {
            throw fail(InputError(kind, SourceLocation(path: path, row: 1), "no header row"))
        }
        var names: [String] = []
        names.reserveCapacity(cellEnds.count)
        var seen: [String: Int] = [:]
        for index in cellEnds.indices {
            let name = try cell(index, column: nil)
            if name.isEmpty {
                throw fail(InputError(kind, SourceLocation(path: path, row: 1),
                                      "column \(index + 1) of the header has no name"))
            }
            let key = name.lowercased()
            if let first = seen[key] {
                throw fail(InputError(kind, SourceLocation(path: path, row: 1),
                                      "duplicate column '\(name)' (columns \(first + 1) and \(index + 1))"))
            }
            seen[key] = index
            names.append(name)
        }
        header = names
    }

    /// The next row's cells, one per header column, or nil at the end of the file.
    public func nextRow() throws(InputError) -> [String]? {
        guard try nextRecord() else { return nil }
        return withCells { bytes, ends in
            var row: [String] = []
            row.reserveCapacity(ends.count)
            var start = 0
            for end in ends {
                row.append(String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self))
                start = end
            }
            return row
        }
    }

    /// Reads the next row, one cell per header column, valid UTF-8; false at the end of the
    /// file. `withCells` then gives its bytes without a `String` per cell.
    public func nextRecord() throws(InputError) -> Bool {
        if let failure { throw failure }
        guard try readRecord() else { return false }
        rowNumber += 1
        if cellEnds.count != header.count {
            let n = cellEnds.count
            throw fail(InputError(kind, SourceLocation(path: path, row: rowNumber),
                                  "row \(rowNumber) has \(n) field\(n == 1 ? "" : "s") under a "
                                      + "\(header.count)-column header"))
        }
        if let column = firstInvalidUTF8Cell() {
            throw fail(InputError(kind, SourceLocation(path: path, row: rowNumber, field: header[column]), "invalid UTF-8"))
        }
        return true
    }

    /// Calls `body` with the cells of the row `nextRecord` read: their bytes back to back and
    /// where each cell ends.
    public func withCells<R>(_ body: (UnsafeRawBufferPointer, UnsafeBufferPointer<Int>) throws -> R) rethrows -> R {
        let bytes = UnsafeRawBufferPointer(cellBytes.bytes)
        return try cellEnds.withUnsafeBufferPointer { ends in try body(bytes, ends) }
    }

    /// The first cell of the current record that is not valid UTF-8 (a valid row is checked in one pass).
    private func firstInvalidUTF8Cell() -> Int? {
        let all = cellBytes.bytes
        if UTF8Validation.isValid(all) { return nil }
        var start = 0
        for (index, end) in cellEnds.enumerated() {
            if !UTF8Validation.isValid(UnsafeBufferPointer(rebasing: all[start..<end])) { return index }
            start = end
        }
        return nil
    }

    /// The location of a cell of the row last returned, for messages about its value.
    public func location(column: String? = nil) -> SourceLocation {
        SourceLocation(path: path, row: rowNumber, field: column)
    }

    // MARK: - Scanning

    private enum State { case fieldStart, unquoted, quoted, quoteSeen }

    private static let comma: UInt8 = 0x2C
    private static let quote: UInt8 = 0x22
    private static let cr: UInt8 = 0x0D
    private static let lf: UInt8 = 0x0A

    /// The first comma, quote, CR or LF at or after `from` (or the end), 8 bytes a step: a word
    /// has one of them when some byte of it XOR that character is zero.
    @inline(__always)
    private static func firstDelimiter(in bytes: UnsafeBufferPointer<UInt8>, from: Int) -> Int {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func hasZeroByte(_ x: UInt64) -> Bool { (x &- ones) & ~x & highs != 0 }
        var j = from
        let end = bytes.count
        let raw = UnsafeRawPointer(bytes.baseAddress!)
        while j + 8 <= end {
            let w = raw.loadUnaligned(fromByteOffset: j, as: UInt64.self)
            if hasZeroByte(w ^ (ones &* UInt64(comma))) || hasZeroByte(w ^ (ones &* UInt64(quote)))
                || hasZeroByte(w ^ (ones &* UInt64(cr))) || hasZeroByte(w ^ (ones &* UInt64(lf))) { break }
            j += 8
        }
        while j < end {
            let b = bytes[j]
            if b == comma || b == quote || b == cr || b == lf { return j }
            j += 1
        }
        return end
    }

    private func fail(_ error: InputError) -> InputError {
        failure = error
        return error
    }

    /// The place of a scanning error: the record's row and the column the scanner is in.
    private func scanError(_ message: String, row: Int, column: Int) -> InputError {
        let name = column < header.count ? header[column] : nil
        return fail(InputError(kind, SourceLocation(path: path, row: row, field: name), message))
    }

    /// Reads one record into `cellBytes`/`cellEnds`; false at the end of the file.
    private func readRecord() throws(InputError) -> Bool {
        cellBytes.removeAll()
        cellEnds.removeAll(keepingCapacity: true)
        var state = State.fieldStart
        var started = false
        var quoteLine = 0
        let row = header.isEmpty ? 1 : rowNumber + 1
        while true {
            if pos >= source.count {
                if !source.atEnd {
                    do { try source.refill() } catch {
                        throw fail(InputError(kind, SourceLocation(path: path, row: row),
                                              "cannot read the file: \(error.reason)"))
                    }
                    pos = 0
                    if source.count > 0 { continue }
                }
                // End of file.
                switch state {
                case .quoted:
                    throw scanError("unterminated quoted field (the quote opens on line \(quoteLine))",
                                    row: row, column: cellEnds.count)
                default:
                    if !started { return false }
                    cellEnds.append(cellBytes.count)
                    return true
                }
            }
            let bytes = UnsafeBufferPointer(rebasing: source.buffer[0..<source.count])
            switch state {
            case .fieldStart:
                let b = bytes[pos]
                if b == Self.lf || b == Self.cr {
                    pos += 1
                    if b == Self.lf && lastWasCR {
                        lastWasCR = false
                        continue
                    }
                    scanLine += 1
                    lastWasCR = b == Self.cr
                    if !started { continue }  // A blank line.
                    cellEnds.append(cellBytes.count)
                    return true
                }
                lastWasCR = false
                if !started {
                    started = true
                    line = scanLine
                }
                if b == Self.quote {
                    state = .quoted
                    quoteLine = scanLine
                    pos += 1
                } else if b == Self.comma {
                    cellEnds.append(cellBytes.count)
                    pos += 1
                } else {
                    state = .unquoted
                }
            case .unquoted:
                let end = bytes.count
                let j = Self.firstDelimiter(in: bytes, from: pos)
                if j > pos { cellBytes.append(UnsafeBufferPointer(rebasing: bytes[pos..<j])) }
                pos = j
                if j == end { continue }
                let b = bytes[j]
                if b == Self.quote {
                    throw scanError("quote inside an unquoted field (quote the whole field and double the quote)",
                                    row: row, column: cellEnds.count)
                }
                if b == Self.comma {
                    cellEnds.append(cellBytes.count)
                    pos += 1
                }
                state = .fieldStart  // A line end is handled there.
            case .quoted:
                var j = pos
                let end = bytes.count
                while j < end {
                    let b = bytes[j]
                    if b == Self.quote { break }
                    if b == Self.lf {
                        if !lastWasCR { scanLine += 1 }
                        lastWasCR = false
                    } else if b == Self.cr {
                        scanLine += 1
                        lastWasCR = true
                    } else {
                        lastWasCR = false
                    }
                    j += 1
                }
                if j > pos { cellBytes.append(UnsafeBufferPointer(rebasing: bytes[pos..<j])) }
                pos = j
                if j == end { continue }
                lastWasCR = false
                pos += 1
                state = .quoteSeen
            case .quoteSeen:
                let b = bytes[pos]
                if b == Self.quote {
                    cellBytes.append(Self.quote)
                    pos += 1
                    state = .quoted
                } else if b == Self.comma {
                    cellEnds.append(cellBytes.count)
                    pos += 1
                    state = .fieldStart
                } else if b == Self.cr || b == Self.lf {
                    state = .fieldStart
                } else {
                    throw scanError("unexpected text after the closing quote of a quoted field",
                                    row: row, column: cellEnds.count)
                }
            }
        }
    }

    /// Cell `index` of the current record as a String; invalid UTF-8 is an error.
    private func cell(_ index: Int, column: String?) throws(InputError) -> String {
        let start = index == 0 ? 0 : cellEnds[index - 1]
        let end = cellEnds[index]
        if start == end { return "" }
        let bytes = UnsafeBufferPointer(rebasing: cellBytes.bytes[start..<end])
        let text = UTF8Validation.isValid(bytes) ? String(decoding: bytes, as: UTF8.self) : nil
        guard let text else {
            let row = header.isEmpty ? 1 : rowNumber
            throw fail(InputError(kind, SourceLocation(path: path, row: row, field: column), "invalid UTF-8"))
        }
        return text
    }
}
