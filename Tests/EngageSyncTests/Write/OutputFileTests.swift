import Foundation
import Testing
@testable import EngageSync

/// Update files and logs are RFC 4180 with LF, quoted only where needed, and read back as written.
@Suite struct OutputFileTests {
    @Test func quotesOnlyWhenNeeded() throws {
        let path = CSVTestFiles.folder + "/written-\(UUID().uuidString).csv"
        let writer = try OutputFile(path: path)
        try writer.write(row: ["Id", "Name", "Note"])
        try writer.write(row: ["1", " padded ", "a,b"])
        try writer.write(row: ["2", "say \"hi\"", "two\nlines"])
        try writer.write(row: ["3", "", "cr\rhere"])
        try writer.write(row: ["#N/A", "Tomás", "x"])
        #expect(Int(writer.size) == 84)
        try writer.finish()
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text == "Id,Name,Note\n1, padded ,\"a,b\"\n2,\"say \"\"hi\"\"\",\"two\nlines\"\n3,,\"cr\rhere\"\n#N/A,Tomás,x\n")
        #expect(text.utf8.count == 84)
    }

    @Test func roundTripNastyValues() throws {
        let nasty = ["", " ", "\"", "\"\"", ",", "\r\n", "\n", "\r", "a\"b,c\nd", "削除済みユーザ", "🙂,🙂",
                     "trailing ", " leading", "#N/A", "=1+1", "\u{FEFF}bom", String(repeating: "\"x,\n", count: 50_000)]
        let path = CSVTestFiles.folder + "/roundtrip-\(UUID().uuidString).csv"
        let writer = try OutputFile(path: path)
        let header = ["one", "two", "three"]
        try writer.write(row: header)
        var rows: [[String]] = []
        for (i, a) in nasty.enumerated() {
            rows.append([a, nasty[(i + 3) % nasty.count], String(i)])
        }
        rows.append(["", "", ""])
        for row in rows { try writer.write(row: row) }
        try writer.finish()
        #expect(Int(writer.size) == (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int))

        let reader = try CSVReader(path: path, kind: .snapshot)
        #expect(reader.header == header)
        var back: [[String]] = []
        while let row = try reader.nextRow() { back.append(row) }
        #expect(back == rows)
    }

    @Test func singleEmptyFieldSurvives() throws {
        let path = CSVTestFiles.folder + "/single-\(UUID().uuidString).csv"
        let writer = try OutputFile(path: path)
        try writer.write(row: ["Only"])
        try writer.write(row: [""])
        try writer.write(row: ["v"])
        try writer.finish()
        let reader = try CSVReader(path: path, kind: .snapshot)
        #expect(try reader.nextRow() == [""])
        #expect(try reader.nextRow() == ["v"])
        #expect(try reader.nextRow() == nil)
    }
}
