import Foundation

/// The records a run wrote to its update files (`<Object>.upsert.csv` and its `.part-N` files),
/// by object: what load results of that run are matched against (R27).
public struct RunUpdateRecords: Sendable, Equatable {
    /// One object's update files.
    public struct Object: Sendable, Equatable {
        /// The object, from the file name (`Engage_Profile_vod__c`).
        public var name: String
        /// The update files' column names, lowercased.
        public var columns: Set<String>
        /// The external ids of its rows.
        public var externalIds: Set<String>
    }

    /// The run folder read.
    public var folder: String
    /// The objects with update files, sorted by name.
    public var objects: [Object]

    /// Reads the update files of `folder`; throws an `InputError` of kind `.loadResults` when the
    /// folder is missing or an update file cannot be read.
    public static func read(folder: String) throws -> RunUpdateRecords {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw InputError(.loadResults, SourceLocation(path: folder),
                             "the run folder is missing: its update files are needed to match the results")
        }
        let names = ((try? fm.contentsOfDirectory(atPath: folder)) ?? []).sorted()
        var byObject: [String: Object] = [:]
        for name in names {
            guard let object = objectName(ofUpdateFile: name) else { continue }
            let path = (folder as NSString).appendingPathComponent(name)
            let reader = try CSVReader(path: path, kind: .loadResults)
            let columns = reader.header.map { $0.lowercased() }
            guard let idColumn = columns.firstIndex(of: LoadResultFile.externalIdField.lowercased()) else {
                throw InputError(.loadResults, SourceLocation(path: path, row: 1),
                                 "update file without a \(LoadResultFile.externalIdField) column")
            }
            var entry = byObject[object] ?? Object(name: object, columns: Set(columns), externalIds: [])
            while let cells = try reader.nextRow() { entry.externalIds.insert(cells[idColumn]) }
            byObject[object] = entry
        }
        return RunUpdateRecords(folder: folder, objects: byObject.keys.sorted().map { byObject[$0]! })
    }

    /// `Engage_Profile_vod__c` for `Engage_Profile_vod__c.upsert.csv` and
    /// `Engage_Profile_vod__c.upsert.part-2.csv`; nil for any other file.
    static func objectName(ofUpdateFile name: String) -> String? {
        guard name.hasSuffix(".csv"), !name.hasPrefix("."), let range = name.range(of: ".upsert") else { return nil }
        let rest = name[range.upperBound...]
        guard rest == ".csv" || (rest.hasPrefix(".part-") && rest.dropFirst(6).dropLast(4).allSatisfy(\.isNumber)
                                 && rest.count > 10) else { return nil }
        return String(name[..<range.lowerBound])
    }

    /// The objects whose update files have every one of `columns` (any case).
    func objects(having columns: [String]) -> [Object] {
        let wanted = Set(columns.map { $0.lowercased() })
        return objects.filter { wanted.isSubset(of: $0.columns) }
    }
}
