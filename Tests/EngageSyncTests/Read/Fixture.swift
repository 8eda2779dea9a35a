import Foundation
@testable import EngageSync

/// Temporary input files written by the tests.
enum Fixture {
    static let folder: String = {
        let dir = TestScratch.root.appendingPathComponent("engage-sync-json-tests-\(getpid())")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir.path
    }()

    static func write(_ text: String, name: String = "input.json") -> String {
        write(bytes: Array(text.utf8), name: name)
    }

    static func write(bytes: [UInt8], name: String = "input.json") -> String {
        let path = folder + "/" + UUID().uuidString + "-" + name
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
        return path
    }

    /// `line:column: message` of the `InputError` that `body` throws, or a note that it did not.
    static func failure(_ body: () throws -> Void) -> String {
        do {
            try body()
            return "no error"
        } catch let error as InputError {
            var place = ""
            if let line = error.location.line {
                place = "\(line)"
                if let column = error.location.column { place += ":\(column)" }
                place += ": "
            }
            return place + error.message
        } catch {
            return "not an InputError: \(error)"
        }
    }

    /// Every token of a file as `line:column kind text`.
    static func tokens(_ path: String, linesMode: Bool = false) throws -> [String] {
        let s = try JSONScanner(path: path, kind: .export, linesMode: linesMode)
        var out: [String] = []
        while true {
            let t = try s.next()
            var item = "\(s.mark.line):\(s.mark.column) \(t)"
            switch t {
            case .key: item += " \(s.key)"
            case .string, .number: item += " \(s.text())"
            default: break
            }
            out.append(item)
            if t == .end { return out }
        }
    }

    /// Reads every entry of an export.
    static func entries(_ reader: any ExportReader) throws -> [ExportEntry] {
        var out: [ExportEntry] = []
        while let entry = try reader.next() { out.append(entry) }
        return out
    }

    static let conformance = "/work/shared/conformance/cases"

    static func conformanceFiles(_ match: (String) -> Bool) -> [String] {
        let fm = FileManager.default
        guard let walker = fm.enumerator(atPath: conformance) else { return [] }
        return walker.compactMap { $0 as? String }.filter(match).sorted().map { conformance + "/" + $0 }
    }
}
