import Foundation
import Testing
@testable import EngageSync

@Suite struct JSONExportReaderTests {
    static let docExample = """
        {
          "format": "engage-connect-export", "version": 1,
          "exported_at": "2026-11-30T09:00:00Z", "kind": "incremental",
          "since": "2026-11-29T09:00:00Z", "company_id": "verteo-biopharma",
          "profiles": [
            {
              "id": "ep-7c1f0e52", "type": "HCP", "status": "ACTIVE",
              "first_name": "Clinton", "last_name": "Ackerman",
              "display_name": "Dr. Clinton Ackerman", "degree": "MD", "title": "Cardiologist",
              "photo_url": null, "signup_at": "2025-04-02T08:15:00Z",
              "status_changed_at": "2025-04-02T08:15:00Z", "updated_at": "2026-11-29T17:40:12Z",
              "accounts": [ { "org_id": "00D5j00000AbCdE", "account_id": "0015j00000QxYzA" } ],
              "connections": [
                { "user_id": "0055j00000Sj0NaAAJ", "org_id": "00D5j00000AbCdE",
                  "state": "CONNECTED", "updated_at": "2026-11-29T17:40:12Z" }
              ]
            }
          ]
        }
        """

    @Test func readsTheFormatDocumentExample() throws {
        let path = Fixture.write(Self.docExample)
        let reader = try JSONExportReader(path: path)
        #expect(reader.header == ExportHeader(
            version: 1, exportedAt: try Instant(parsing: "2026-11-30T09:00:00Z"), kind: .incremental,
            since: try Instant(parsing: "2026-11-29T09:00:00Z"), companyId: "verteo-biopharma"))
        let entries = try Fixture.entries(reader)
        #expect(entries.count == 1)
        let e = try #require(entries.first)
        #expect(e.location == SourceLocation(path: path, line: 6, column: 5))
        #expect(e["id"] == .text("ep-7c1f0e52"))
        #expect(e["display_name"] == .text("Dr. Clinton Ackerman"))
        #expect(e["photo_url"] == nil)
        #expect(e.values.count == 11)
        #expect(e.lists["accounts"] == [ExportItem(values: ["org_id": .text("00D5j00000AbCdE"),
                                                            "account_id": .text("0015j00000QxYzA")])])
        let connection = try #require(e.lists["connections"]?.first)
        #expect(connection["state"] == .text("CONNECTED"))
        #expect(connection.location == SourceLocation(path: path, line: 14, column: 9))
        #expect(try reader.next() == nil)
        #expect(try reader.next() == nil)
    }

    @Test func scalarsListsAndSkippedValues() throws {
        let path = Fixture.write("""
            {"format": "engage-connect-export", "version": 1, "exported_at": "2026-11-30T10:00:00+01:00",
             "kind": "full", "future": {"a": [1, 2]}, "company_id": "c",
             "profiles": [{"id": "p", "display_name": "", "n": 12.50, "ok": true, "no": false,
               "nested": {"x": 1}, "tags": ["a", "b"], "empty": [], "accounts": [null, {"org_id": "o",
               "deep": {"y": 2}, "arr": [1], "n": 7}]}],
             "trailer": [1, 2, 3]}
            """)
        let reader = try JSONExportReader(path: path)
        #expect(reader.header.exportedAt.description == "2026-11-30T09:00:00.000Z")
        #expect(reader.header.since == nil)
        let e = try #require(try reader.next())
        #expect(e.values == ["id": .text("p"), "n": .number("12.50"), "ok": .boolean(true), "no": .boolean(false)])
        #expect(e.lists.keys.sorted() == ["accounts", "empty"])
        #expect(e.lists["empty"] == [])
        #expect(e.lists["accounts"]?.first?.values == ["org_id": .text("o"), "n": .number("7")])
        #expect(try reader.next() == nil)
    }

    @Test func profilesBeforeTheHeaderAreReadFromTheirOffset() throws {
        let path = Fixture.write("""
            {"profiles": [
               {"id": "a", "updated_at": "2026-11-29T17:40:12Z"},
               {"id": "b", "connections": [{"user_id": "u"}]}
             ],
             "format": "engage-connect-export", "kind": "full", "version": 1,
             "exported_at": "2026-11-30T09:00:00Z"}
            """)
        let reader = try JSONExportReader(path: path)
        #expect(reader.header.kind == .full)
        #expect(reader.header.companyId == nil)
        let entries = try Fixture.entries(reader)
        #expect(entries.map { $0["id"] } == [.text("a"), .text("b")])
        #expect(entries.map { $0.location.line } == [2, 3])
        #expect(entries.map { $0.location.column } == [4, 4])
        #expect(entries[1].lists["connections"]?.first?.location?.line == 3)
    }

    @Test func conformanceJSONExportsMatchFoundationsReading() throws {
        let files = Fixture.conformanceFiles { $0.hasSuffix("/export.json") }
        #expect(files.count >= 5)
        for file in files {
            let reader = try JSONExportReader(path: file)
            let entries = try Fixture.entries(reader)
            let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: file)))
            let root = try #require(object as? [String: Any])
            let profiles = try #require(root["profiles"] as? [[String: Any]])
            #expect(entries.count == profiles.count, "\(file)")
            #expect(reader.header.exportedAt == (try Instant(parsing: root["exported_at"] as! String)))
            for (entry, profile) in zip(entries, profiles) {
                for (key, value) in profile {
                    if let text = value as? String {
                        #expect(entry[key] == (text.isEmpty ? nil : .text(text)), "\(file) \(key)")
                    } else if let list = value as? [[String: Any]] {
                        #expect(entry.lists[key]?.count == list.count, "\(file) \(key)")
                        for (item, source) in zip(entry.lists[key] ?? [], list) {
                            for (k, v) in source {
                                if let t = v as? String { #expect(item[k] == .text(t), "\(file) \(key).\(k)") }
                            }
                        }
                    } else if value is NSNull {
                        #expect(entry[key] == nil)
                    }
                }
            }
        }
    }

    @Test func conformanceJSONLinesExport() throws {
        let files = Fixture.conformanceFiles { $0.hasSuffix("/export.jsonl") }
        #expect(files.count == 1)
        for file in files {
            #expect(try ExportFormat.detect(path: file) == .jsonLines)
            let reader = try openExport(path: file)
            #expect(reader is JSONLinesExportReader)
            #expect(reader.header.kind == .full)
            #expect(reader.header.companyId == "verteo-biopharma")
            let entries = try Fixture.entries(reader)
            #expect(entries.map { $0["id"] } == [.text("ep-6a3f0d28"), .text("ep-d27c5b91"), .text("ep-1e8b4f70")])
            #expect(entries.map { $0.location.line } == [2, 3, 5])
            #expect(entries[1].lists["connections"]?.count == 2)
            #expect(entries[2]["preferred_language"] == .text("en"))
            #expect(entries[2]["display_name"] == nil)
        }
    }

    @Test func jsonLinesWithBlankLinesAndCRLF() throws {
        let path = Fixture.write(
            "{\"format\": \"engage-connect-export\", \"version\": 1, \"exported_at\": \"2026-11-30T09:00:00Z\", \"kind\": \"full\"}\r\n"
                + "\r\n   \n{\"id\": \"a\"}\r\n{\"id\": \"b\"}", name: "export.jsonl")
        let reader = try JSONLinesExportReader(path: path)
        let entries = try Fixture.entries(reader)
        #expect(entries.map { $0.location.line } == [4, 5])
    }

    // MARK: - Detection

    @Test func detectsTheEncodingFromTheFirstBytes() throws {
        #expect(try ExportFormat.detect(path: Fixture.write(Self.docExample)) == .json)
        #expect(try ExportFormat.detect(path: Fixture.write("\u{FEFF}  \n<?xml version=\"1.0\"?><engage_export/>")) == .xml)
        #expect(try ExportFormat.detect(path: Fixture.write(bytes: [0xFF, 0xFE, 0x3C, 0x00])) == .xml)
        #expect(try ExportFormat.detect(path: Fixture.write("{\"format\": \"engage-connect-export\", \"version\": 1}\n{\"id\": 1}\n")) == .jsonLines)
        // One-line JSON with profiles, and a first line that is not complete, are JSON.
        #expect(try ExportFormat.detect(path: Fixture.write("{\"format\": \"x\", \"profiles\": []}")) == .json)
        #expect(try ExportFormat.detect(path: Fixture.write("{\"format\": \"x\",\n\"profiles\": []}")) == .json)
        #expect(try ExportFormat.detect(path: Fixture.write("{\"version\": 1}\n")) == .json)
        for file in Fixture.conformanceFiles({ $0.hasSuffix("/export.json") }) {
            #expect(try ExportFormat.detect(path: file) == .json)
            #expect(try openExport(path: file) is JSONExportReader)
        }
    }

    @Test func spec8_emptyMissingAndFolderExportsAreErrors() throws {
        #expect(Fixture.failure { _ = try ExportFormat.detect(path: Fixture.write("")) } == "the export file is empty (0 bytes)")
        #expect(Fixture.failure { _ = try ExportFormat.detect(path: Fixture.write(" \n\r\n\t")) } == "the export file holds only whitespace")
        #expect(Fixture.failure { _ = try ExportFormat.detect(path: Fixture.folder + "/missing.json") }
                == "cannot open the export file: No such file or directory")
        #expect(Fixture.failure { _ = try ExportFormat.detect(path: Fixture.folder) } == "the export file path is a folder, not a file")
        #expect(Fixture.failure { _ = try ExportFormat.detect(path: Fixture.write("\n  id,name\n")) }
                == "2:3: not an Engage Connect export: the file starts with 'i' (expected '<' or '{')")
        #expect(Fixture.failure { _ = try JSONExportReader(path: Fixture.write("")) } == "the export file is empty (0 bytes)")
        #expect(Fixture.failure { _ = try JSONLinesExportReader(path: Fixture.write("")) } == "the export file is empty (0 bytes)")
        let error = try #require(throws: InputError.self) { _ = try openExport(path: Fixture.write("")) }
        #expect(error.kind == .export)
    }

    @Test func spec8_utf16TextThatIsNotXMLIsNamedAsSuch() throws {
        // Only XML may be UTF-16; a UTF-16 JSON export used to reach libxml2 ("Document is empty").
        func utf16(_ text: String, bigEndian: Bool) -> [UInt8] {
            (bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]) + text.utf16.flatMap { unit -> [UInt8] in
                let pair = [UInt8(unit & 0xFF), UInt8(unit >> 8)]
                return bigEndian ? pair.reversed() : pair
            }
        }
        for bigEndian in [false, true] {
            #expect(try ExportFormat.detect(path: Fixture.write(bytes: utf16("\n <engage_export/>", bigEndian: bigEndian))) == .xml)
            #expect(Fixture.failure { _ = try ExportFormat.detect(path: Fixture.write(bytes: utf16("{\"format\": 1}", bigEndian: bigEndian))) }
                == "1:1: not an Engage Connect export: UTF-16 text that is not XML (only XML may be UTF-16; JSON and JSON Lines must be UTF-8)")
        }
    }

    // MARK: - Header faults

    private func headerError(_ header: String) -> String {
        let path = Fixture.write("{\n" + header + ",\n\"profiles\": []}")
        return Fixture.failure { _ = try JSONExportReader(path: path) }
    }

    private let good = #""format": "engage-connect-export", "exported_at": "2026-11-30T09:00:00Z", "kind": "full""#

    @Test func spec8_unsupportedVersionIsAnError() {
        #expect(headerError(good + #", "version": 2"#) == "2:102: unsupported export version 2 (this tool reads version 1)")
        #expect(headerError(good + #", "version": "1""#) == "2:102: 'version' must be a number, found a string")
        #expect(headerError(#""version": 1.0, "company_id": "c", "# + good) == "no error")
    }

    @Test func spec8_headerDatetimeWithoutOffsetIsAnError() {
        #expect(headerError(#""exported_at": "2026-11-30T09:00:00", "version": 1"#)
                == "2:16: 'exported_at' is '2026-11-30T09:00:00': datetime has no offset (Z or ±HH:MM)")
        #expect(headerError(good.replacingOccurrences(of: "full", with: "incremental") + #", "version": 1, "since": "yesterday""#)
                == "2:121: 'since' is 'yesterday': not a datetime (YYYY-MM-DDTHH:MM:SS[.fff](Z|±HH:MM))")
    }

    @Test func spec8_headerFaultsAreErrors() {
        #expect(headerError(#""format": "engage-export", "version": 1"#)
                == "2:11: not an Engage Connect export: format is 'engage-export', expected 'engage-connect-export'")
        #expect(headerError(good.replacingOccurrences(of: "full", with: "partial") + #", "version": 1"#)
                == "2:83: 'kind' is 'partial', expected 'full' or 'incremental'")
        #expect(headerError(good.replacingOccurrences(of: "full", with: "incremental") + #", "version": 1"#)
                == "1:1: an incremental export needs the header key 'since'")
        #expect(headerError(#""format": "engage-connect-export", "version": 1, "kind": "full""#)
                == "1:1: missing header key 'exported_at'")
        #expect(headerError(good + #", "version": 1, "company_id": 42"#) == "2:119: 'company_id' must be a string, found a number")
        #expect(headerError(good + #", "version": 1, "company_id": null"#) == "no error")
        let noProfiles = Fixture.write("{" + good + #", "version": 1}"#)
        #expect(Fixture.failure { _ = try JSONExportReader(path: noProfiles) } == "1:1: missing 'profiles' (the list of profiles)")
        let notObject = Fixture.write("[1]")
        #expect(Fixture.failure { _ = try JSONExportReader(path: notObject) } == "1:1: an export must be a JSON object, found an array")
    }

    // MARK: - Entry faults

    private func readAll(_ text: String, lines: Bool = false) -> String {
        let path = Fixture.write(text)
        return Fixture.failure {
            let reader: any ExportReader = lines ? try JSONLinesExportReader(path: path) : try JSONExportReader(path: path)
            _ = try Fixture.entries(reader)
        }
    }

    private var header: String { "{" + good + #", "version": 1, "company_id": "c""# }

    @Test func spec8_profileThatIsNotAnObjectIsAnError() {
        #expect(readAll(header + ",\n\"profiles\": [{\"id\": \"a\"}, \"b\"]}") == "2:27: a profile entry must be a JSON object, found a string")
        #expect(readAll(header + ",\n\"profiles\": {}}") == "2:13: 'profiles' must be an array, found an object")
    }

    @Test func spec8_duplicateKeyInAProfileIsAnError() {
        #expect(readAll(header + ",\n\"profiles\": [\n  {\"id\": \"a\",\n   \"id\": \"b\"}]}") == "4:4: duplicate key 'id' (first at 3:4)")
    }

    @Test func spec8_faultAfterTheProfilesIsReported() {
        #expect(readAll(header + ",\n\"profiles\": [{\"id\": \"a\"}], \"x\": [1,]}") == "2:35: trailing comma before ']'")
        #expect(readAll(header + ",\n\"profiles\": []} []") == "2:17: unexpected '[' after the end of the JSON document")
    }

    @Test func aFailedReaderKeepsFailing() throws {
        let path = Fixture.write(header + ",\n\"profiles\": [{\"id\": \"a\"}, {\"id\" 1}, {\"id\": \"c\"}]}")
        let reader = try JSONExportReader(path: path)
        #expect(try reader.next()?["id"] == .text("a"))
        let first = try #require(throws: InputError.self) { try reader.next() }
        let second = try #require(throws: InputError.self) { try reader.next() }
        #expect(first == second)
        #expect(first.message == "expected ':' after the key 'id', found '1'")
    }

    @Test func spec8_badJSONLinesLinesAreErrors() {
        let head = header + "}\n"
        #expect(readAll(head + "{\"id\": \"a\"}\n[1]\n", lines: true) == "3:1: line 3 holds an array, not a profile object")
        #expect(readAll(head + "{\"id\": \"a\"} {\"id\": \"b\"}\n", lines: true) == "2:13: more than one JSON value on line 2")
        #expect(readAll(head + "{\"id\":\n \"a\"}\n", lines: true) == "2:7: line 2 ends inside a JSON value")
        #expect(readAll(head + "\n{\"id\": \"a\", \"id\": \"b\"}\n", lines: true) == "3:13: duplicate key 'id' (first at 3:2)")
        #expect(readAll("\n" + head, lines: true) == "2:1: line 1 must hold the export header object, on line 2")
        #expect(readAll(header + ", \"profiles\": []}\n", lines: true)
                == "1:125: the JSON Lines header must not hold 'profiles' (profiles follow one per line)")
        #expect(readAll("{\"format\": \"engage-connect-export\", \"version\": 2}\n", lines: true)
                == "1:48: unsupported export version 2 (this tool reads version 1)")
    }
}
