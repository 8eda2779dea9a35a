import EngageSync
import Foundation

/// libFuzzer target: the snapshot readers, chosen by the first significant byte as a snapshot
/// file's content would be: `<` the XML reader (SOAP / Bulk results) and the grant-file reader
/// (Metadata API XML), `{` or `[` the JSON reader, anything else the CSV reader.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSnapshot(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var records = 0
    let count: (SnapshotRecord) throws -> Void = { _ in records += 1 }
    let utf16 = size >= 2 && ((data[0] == 0xFF && data[1] == 0xFE) || (data[0] == 0xFE && data[1] == 0xFF))
    switch utf16 ? 0x3C : FuzzInput.firstSignificantByte(data, size) {
    case 0x3C:
        let path = FuzzInput.write(data, size, ext: "xml")
        try? XMLSnapshotReader.forEachRecord(in: path, count)
        _ = try? GrantFileReader.read(path: path)
    case 0x7B, 0x5B:
        try? JSONSnapshotReader.forEachRecord(in: FuzzInput.write(data, size, ext: "json"), count)
    default:
        try? CSVSnapshotReader.forEachRecord(in: FuzzInput.write(data, size, ext: "csv"), count)
    }
    return 0
}
