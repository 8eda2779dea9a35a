import EngageSync
import Foundation

/// `engage-sync-gen read-bench export|snapshot FILE`: reads one file with the sync's reader
/// and prints `records bytes seconds MB/s`, for the benchmark's reader throughputs.
enum ReadBenchCommand {
    static func run(kind: String, path: String) throws {
        let start = Date()
        var records = 0
        switch kind {
        case "export":
            let reader = try openExport(path: path)
            while try reader.next() != nil { records += 1 }
        case "snapshot":
            let count = { (_: SnapshotRecord) in records += 1 }
            switch (path as NSString).pathExtension.lowercased() {
            case "csv":
                // The sync's path: every column handed out as bytes by position (SnapshotLoader).
                let columns = try CSVReader(path: path, kind: .snapshot).header.map { $0.lowercased() }
                var valueBytes = 0
                try CSVSnapshotReader.forEachRow(in: path, fields: columns) { row, _ in
                    records += 1
                    for i in 0..<row.count { valueBytes += row[i]?.count ?? 0 }
                }
                if valueBytes < 0 { print(valueBytes) }  // keeps the values read
            case "json": try JSONSnapshotReader.forEachRecord(in: path, count)
            default: try XMLSnapshotReader.forEachRecord(in: path, count)
            }
        default:
            throw GeneratorError("read-bench: give 'export' or 'snapshot', not '\(kind)'")
        }
        let seconds = Date().timeIntervalSince(start)
        let bytes = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
        print("\(records) \(bytes) \(String(format: "%.3f", seconds)) \(String(format: "%.1f", Double(bytes) / 1e6 / seconds))")
    }
}
