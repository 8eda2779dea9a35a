import Foundation
import Testing
@testable import EngageSync

@Suite struct CSVReaderTests {
    func readAll(_ path: String) throws -> (header: [String], rows: [[String]]) {
        let reader = try CSVReader(path: path, kind: .snapshot)
        var rows: [[String]] = []
        while let row = try reader.nextRow() { rows.append(row) }
        return (reader.header, rows)
    }

    func error(_ path: String) -> String? {
        do {
            _ = try readAll(path)
            return nil
        } catch let error as InputError {
            return error.headline
        } catch {
            return "unexpected \(error)"
        }
    }

    @Test func readsPlainLF() throws {
        let path = CSVTestFiles.write("Id,Name,IsActive\n005A,Sarah Jones,true\n005B,,false\n")
        let (header, rows) = try readAll(path)
        #expect(header == ["Id", "Name", "IsActive"])
        #expect(rows == [["005A", "Sarah Jones", "true"], ["005B", "", "false"]])
    }

    @Test func bomCRLFAllQuoted() throws {
        let text = "\u{FEFF}\"Id\",\"Name\",\"Note\"\r\n\"a1\",\"Tomás, Jr.\",\"\"\r\n\"a2\",\"say \"\"hi\"\"\",\"x\"\r\n"
        let (header, rows) = try readAll(CSVTestFiles.write(text))
        #expect(header == ["Id", "Name", "Note"])
        #expect(rows == [["a1", "Tomás, Jr.", ""], ["a2", "say \"hi\"", "x"]])
    }

    @Test func quotedNewlinesCountRowsNotLines() throws {
        let text = "a,b\n\"line1\nline2\r\nline3\",2\nx,\"\"\"\"\nlast,no-newline"
        let reader = try CSVReader(path: CSVTestFiles.write(text), kind: .snapshot)
        #expect(try reader.nextRow() == ["line1\nline2\r\nline3", "2"])
        #expect(reader.rowNumber == 2)
        #expect(reader.line == 2)
        #expect(try reader.nextRow() == ["x", "\""])
        #expect(reader.rowNumber == 3)
        #expect(reader.line == 5)
        #expect(try reader.nextRow() == ["last", "no-newline"])
        #expect(reader.rowNumber == 4)
        #expect(try reader.nextRow() == nil)
        #expect(try reader.nextRow() == nil)
    }

    @Test func headerOnlyAndBlankLines() throws {
        #expect(try readAll(CSVTestFiles.write("Id,Name\n")).rows.isEmpty)
        #expect(try readAll(CSVTestFiles.write("Id,Name")).rows.isEmpty)
        #expect(try readAll(CSVTestFiles.write("Id,Name\r\n\r\n1,2\n\n")).rows == [["1", "2"]])
        #expect(try readAll(CSVTestFiles.write("Id\n\"\"\n")).rows == [[""]])
        #expect(try readAll(CSVTestFiles.write("a,b\n,\n")).rows == [["", ""]])
    }

    @Test func bareCRLineEnds() throws {
        #expect(try readAll(CSVTestFiles.write("a,b\r1,2\r3,4")).rows == [["1", "2"], ["3", "4"]])
    }

    @Test func cellLargerThanTheChunk() throws {
        let big = String(repeating: "x,\"y\"\n", count: 120_000)  // 720 KB, three chunks
        let text = "id,body\n1,\"" + big.replacingOccurrences(of: "\"", with: "\"\"") + "\"\n2,z\n"
        let (_, rows) = try readAll(CSVTestFiles.write(text))
        #expect(rows.count == 2)
        #expect(rows[0][1] == big)
        #expect(rows[1] == ["2", "z"])
    }

    @Test func chunkBoundaryInsideCRLFAndDoubledQuote() throws {
        // Place a CRLF and a doubled quote across the 256 KiB chunk edge.
        for shift in 0..<4 {
            let pad = String(repeating: "p", count: FileByteSource.chunkSize - 12 + shift)
            let text = "a,b\r\n" + pad + ",\"q\"\"r\"\r\ns,t\r\n"
            let (_, rows) = try readAll(CSVTestFiles.write(text))
            #expect(rows == [[pad, "q\"r"], ["s", "t"]], "shift \(shift)")
        }
    }

    @Test func utf8Multibyte() throws {
        let (_, rows) = try readAll(CSVTestFiles.write("a,b\n削除済みユーザ,Tomás 🙂\n"))
        #expect(rows == [["削除済みユーザ", "Tomás 🙂"]])
    }

    // MARK: Bad input

    @Test func raggedRow() {
        let path = CSVTestFiles.write("a,b,c,d,e,f\n1,2,3,4,5,6\n1,2,3,4,5,6\n1,2,3,4,5,6\n1,2,3,4,5,6\n1,2,3,4,5,6\n1,2,3,4,5\n")
        #expect(error(path) == "\(path):row 7: error: row 7 has 5 fields under a 6-column header")
        let one = CSVTestFiles.write("a,b\nx\n")
        #expect(error(one) == "\(one):row 2: error: row 2 has 1 field under a 2-column header")
        let more = CSVTestFiles.write("a,b\n1,2,3\n")
        #expect(error(more) == "\(more):row 2: error: row 2 has 3 fields under a 2-column header")
    }

    @Test func duplicateHeader() {
        let path = CSVTestFiles.write("Id,name,Email,Phone,Name\n")
        #expect(error(path) == "\(path):row 1: error: duplicate column 'Name' (columns 2 and 5)")
    }

    @Test func headerColumnWithoutName() {
        let path = CSVTestFiles.write("Id,,Name\n")
        #expect(error(path) == "\(path):row 1: error: column 2 of the header has no name")
    }

    @Test func unterminatedQuote() {
        let path = CSVTestFiles.write("Id,Name\n1,ok\n2,\"never closed\n3,x\n4,y\n")
        #expect(error(path) == "\(path):row 3, column Name: error: unterminated quoted field (the quote opens on line 3)")
    }

    @Test func quoteInsideUnquotedField() {
        let path = CSVTestFiles.write("Id,Name\n1,Dr \"Bob\"\n")
        #expect(error(path) == "\(path):row 2, column Name: error: quote inside an unquoted field (quote the whole field and double the quote)")
    }

    @Test func textAfterClosingQuote() {
        let path = CSVTestFiles.write("Id,Name\n\"1\"x,a\n")
        #expect(error(path) == "\(path):row 2, column Id: error: unexpected text after the closing quote of a quoted field")
    }

    @Test func invalidUTF8() {
        var bytes = Array("Id,Name\n1,ok\n2,".utf8)
        bytes += [0x54, 0x6F, 0x6D, 0xE1, 0x73]  // Latin-1 "Tomás"
        bytes += Array("\n".utf8)
        let path = CSVTestFiles.write(bytes)
        #expect(error(path) == "\(path):row 3, column Name: error: invalid UTF-8")
        let header = CSVTestFiles.write([0x49, 0xFF, 0x0A])
        #expect(error(header) == "\(header):row 1: error: invalid UTF-8")
    }

    @Test func emptyAndMissingFiles() {
        let empty = CSVTestFiles.write([UInt8]())
        #expect(error(empty) == "\(empty): error: empty file (0 bytes)")
        let bomOnly = CSVTestFiles.write([0xEF, 0xBB, 0xBF])
        #expect(error(bomOnly) == "\(bomOnly):row 1: error: no header row")  // CSV places are rows
        let missing = CSVTestFiles.folder + "/missing.csv"
        #expect(error(missing) == "\(missing): error: cannot read the file: No such file or directory")
        #expect(error(CSVTestFiles.folder) == "\(CSVTestFiles.folder): error: cannot read the file: is a directory")
    }

    @Test func errorIsKeptAndRethrown() throws {
        let path = CSVTestFiles.write("a,b\n1,2\n1,\"x\"y\n3,4\n")
        let reader = try CSVReader(path: path, kind: .loadResults)
        #expect(try reader.nextRow() == ["1", "2"])
        var first: InputError?
        do { _ = try reader.nextRow() } catch { first = error }
        #expect(first?.kind == .loadResults)
        #expect(first?.location.row == 3)
        var second: InputError?
        do { _ = try reader.nextRow() } catch { second = error }
        #expect(second == first)
    }

    // MARK: Shared files

    @Test func conformanceSnapshotCSVs() throws {
        let cases = CSVTestFiles.shared + "/conformance/cases"
        let fm = FileManager.default
        var files = 0
        for name in try fm.contentsOfDirectory(atPath: cases).sorted() {
            let dir = cases + "/" + name
            for sub in try fm.contentsOfDirectory(atPath: dir) where sub.hasPrefix("snapshot") {
                for file in try fm.contentsOfDirectory(atPath: dir + "/" + sub) where file.hasSuffix(".csv") {
                    let path = dir + "/" + sub + "/" + file
                    let (header, rows) = try readAll(path)
                    #expect(header.first == "Id", "\(path)")
                    #expect(rows.allSatisfy { $0.count == header.count })
                    files += 1
                }
            }
        }
        #expect(files >= 20)
    }

    @Test func dataLoaderResultFiles() throws {
        let success = try readAll(CSVTestFiles.shared + "/corpus/crm/01_dataloader_success0413060133.csv")
        #expect(success.header.count == 32)
        #expect(success.header.first == "ID")
        #expect(success.header.last == "STATUS")
        #expect(success.rows.allSatisfy { $0.last == "Item Created" })
        #expect(success.rows.first?[3] == "George Foundation - 5000 Widgets")
        let failed = try readAll(CSVTestFiles.shared + "/corpus/crm/02_dataloader_error0413060133.csv")
        #expect(failed.header.last == "ERROR")
        #expect(failed.rows.count == 11)
        #expect(failed.rows.filter { $0.last == "Oracle_Id__c not specified" }.count == 9)
        #expect(failed.rows.filter { $0.last == "Duplicate external id specified: 12345" }.count == 2)
        #expect(failed.rows.contains { $0[3] == "Acme - 1,200 Widgets" })
    }

    /// The unquoted-cell scan goes 8 bytes a step: cells of every length from 0 to 20, so that
    /// each delimiter (comma, CR, LF, a stray quote) falls on every place within a word.
    @Test func cellsOfEveryLengthAroundTheWordSize() throws {
        let cells = (0...20).map { n in String(repeating: "x", count: n) }
        var text = "A,B,C\n"
        var expected: [[String]] = []
        for (i, cell) in cells.enumerated() {
            let row = [cell, "é" + cell, String(i)]
            expected.append(row)
            text += row.joined(separator: ",") + (i % 2 == 0 ? "\n" : "\r\n")
        }
        #expect(try readAll(CSVTestFiles.write(text)).rows == expected)
        for n in 1...9 {  // (a quote first opens a quoted field)
            let stray = "A,B\n" + String(repeating: "y", count: n) + "\"z,1\n"
            #expect(error(CSVTestFiles.write(stray))?.contains("quote inside an unquoted field") == true)
        }
    }
}

@Suite struct CSVLargeValueTests {
    @Test func fiftyMegabyteQuotedCell() throws {
        var bytes = Array("Id,Body\n1,\"".utf8)
        let unit = Array("line, with \"\"quotes\"\"\n".utf8)
        bytes.reserveCapacity(52_000_000)
        while bytes.count < 50_000_000 { bytes += unit }
        bytes += Array("\"\n2,x\n".utf8)
        let path = CSVTestFiles.write(bytes, name: "big.csv")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let reader = try CSVReader(path: path, kind: .snapshot)
        let row = try reader.nextRow()
        #expect(row?[1].utf8.count ?? 0 > 45_000_000)
        #expect(row?[1].hasSuffix("line, with \"quotes\"\n") == true)
        #expect(try reader.nextRow() == ["2", "x"])
        #expect(reader.rowNumber == 3)
    }

}
