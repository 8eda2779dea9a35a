/// One load result file read whole (R27): Bulk API 2.0 `failedResults` / `successfulResults` or
/// Data Loader `error*.csv` / `success*.csv`, recognised by its header.
public struct LoadResultFile: Sendable, Equatable {
    /// The four shapes a loader writes.
    public enum Shape: String, Sendable, Equatable {
        /// `sf__Id,sf__Error,` + the original columns.
        case bulkFailed = "Bulk API 2.0 failedResults"
        /// `sf__Id,sf__Created,` + the original columns.
        case bulkSucceeded = "Bulk API 2.0 successfulResults"
        /// The original columns + `ERROR`.
        case dataLoaderError = "Data Loader error file"
        /// `ID`, the original columns, `STATUS`.
        case dataLoaderSuccess = "Data Loader success file"

        /// Whether the file lists rows the loader rejected.
        public var isFailed: Bool { self == .bulkFailed || self == .dataLoaderError }
    }

    /// One data row of the file.
    public struct Row: Sendable, Equatable {
        /// The CSV row number (header = row 1).
        public var row: Int
        /// The value of the external id column.
        public var externalId: String
        /// The loader's error (failed rows); empty for successful rows.
        public var error: String
    }

    /// The path as given.
    public var path: String
    public var shape: Shape
    /// The original columns (the update file's header as the loader echoed it), in file order.
    public var originalColumns: [String]
    /// The name of the external id column as written in the file.
    public var externalIdColumn: String
    public var rows: [Row]
    /// A digest of the file's bytes, so that applying the same file twice is recognised.
    public var digest: String

    /// The external id column of every update file (SPEC §4), matched in any case.
    public static let externalIdField = "VExternal_ID_vod__c"

    /// Reads and recognises the file; throws an `InputError` of kind `.loadResults` naming the
    /// file and row for an unreadable file, an unknown header, a missing external id column or a
    /// row without an external id.
    public static func read(path: String) throws -> LoadResultFile {
        try InputFileChecks.requireReadableFile(path, kind: .loadResults)
        let reader = try CSVReader(path: path, kind: .loadResults)
        let header = reader.header
        guard let layout = Layout(header: header) else {
            throw InputError(
                .loadResults, SourceLocation(path: path, row: 1),
                "not a load result file: expected a Bulk API 2.0 header (sf__Id,sf__Error,… or sf__Id,sf__Created,…) "
                    + "or a Data Loader header (…,ERROR or ID,…,STATUS); found \(header.prefix(4).joined(separator: ","))…")
        }
        let (shape, extra, errorColumn) = (layout.shape, layout.loaderColumns, layout.errorColumn)
        let lower = header.map { $0.lowercased() }
        guard let idColumn = lower.firstIndex(of: externalIdField.lowercased()), !extra.contains(idColumn) else {
            throw InputError(
                .loadResults, SourceLocation(path: path, row: 1),
                "no \(externalIdField) column: the file must hold the original columns of an engage-sync update file")
        }
        var digest = Digest(header: header)
        var rows: [Row] = []
        while let cells = try reader.nextRow() {
            let externalId = cells[idColumn]
            guard !externalId.isEmpty else {
                throw InputError(.loadResults, SourceLocation(path: path, row: reader.rowNumber, field: header[idColumn]),
                                 "the row has no external id")
            }
            let error = errorColumn.map { cells[$0] } ?? ""
            rows.append(Row(row: reader.rowNumber, externalId: externalId, error: error))
            digest.add(cells)
        }
        let originals = header.indices.filter { !extra.contains($0) }.map { header[$0] }
        return LoadResultFile(path: path, shape: shape, originalColumns: originals, externalIdColumn: header[idColumn],
                              rows: rows, digest: digest.hex)
    }
}

/// Which shape a header has and which of its columns the loader added.
struct Layout: Equatable {
    var shape: LoadResultFile.Shape
    /// The loader's own columns (`sf__Id`, `sf__Error`, `ERROR`, `ID`, `STATUS`), by index.
    var loaderColumns: Set<Int>
    var errorColumn: Int?

    /// Recognises a header by its loader columns, in any case; nil for any other header.
    init?(header: [String]) {
        let lower = header.map { $0.lowercased() }
        if lower.count >= 2, lower[0] == "sf__id", lower[1] == "sf__error" {
            (shape, loaderColumns, errorColumn) = (.bulkFailed, [0, 1], 1)
        } else if lower.count >= 2, lower[0] == "sf__id", lower[1] == "sf__created" {
            (shape, loaderColumns, errorColumn) = (.bulkSucceeded, [0, 1], nil)
        } else if lower.count >= 2, lower[0] == "id", lower.last == "status" {
            (shape, loaderColumns, errorColumn) = (.dataLoaderSuccess, [0, lower.count - 1], nil)
        } else if lower.count >= 2, lower.last == "error" {
            // Data Loader keeps an `ID` column of the original file too when it had one: not ours.
            (shape, loaderColumns, errorColumn) = (.dataLoaderError, [lower.count - 1], lower.count - 1)
            if lower[0] == "id" { loaderColumns.insert(0) }
        } else {
            return nil
        }
    }
}

/// A digest of a result file that does not depend on the order of its rows (a loader may list
/// them in any order, and a file downloaded twice may differ in order only): FNV-1a (64 bit) of
/// the header plus the wrapping sum of the rows' FNV-1a values and the row count.
struct Digest {
    private let headerHash: UInt64
    private var rowSum: UInt64 = 0
    private var rowCount: UInt64 = 0

    init(header: [String]) { headerHash = Self.fnv(header) }

    mutating func add(_ cells: [String]) {
        rowSum &+= Self.fnv(cells)
        rowCount += 1
    }

    var hex: String {
        [headerHash, rowSum, rowCount].map { value in
            let text = String(value, radix: 16)
            return String(repeating: "0", count: 16 - text.count) + text
        }.joined()
    }

    private static func fnv(_ cells: [String]) -> UInt64 {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ byte: UInt8) {
            value ^= UInt64(byte)
            value = value &* 0x0000_0100_0000_01B3
        }
        for cell in cells {
            for byte in cell.utf8 { mix(byte) }
            mix(0x1F)
        }
        return value
    }
}
