import Foundation

/// Temporary files for the CSV tests.
enum CSVTestFiles {
    static let folder: String = {
        let path = TestScratch.root.path + "/engage-sync-csv-tests"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }()

    static func write(_ bytes: [UInt8], name: String = UUID().uuidString + ".csv") -> String {
        let path = folder + "/" + name
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
        return path
    }

    static func write(_ text: String, name: String = UUID().uuidString + ".csv") -> String {
        write(Array(text.utf8), name: name)
    }

    static let shared = "/work/shared"
}
