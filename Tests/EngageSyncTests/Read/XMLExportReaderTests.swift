import Foundation
import Testing
@testable import EngageSync

@Suite struct XMLExportReaderTests {
    private func entries(_ path: String) throws -> [ExportEntry] {
        let reader = try XMLExportReader(path: path)
        var all: [ExportEntry] = []
        while let e = try reader.next() { all.append(e) }
        #expect(try reader.next() == nil)
        return all
    }

    @Test func formatDocExampleReadsHeaderAndProfile() throws {
        let path = try XMLFixtures.write(XMLFixtures.formatDocExample)
        let reader = try XMLExportReader(path: path)
        #expect(reader.path == path)
        #expect(reader.header.version == 1)
        #expect(reader.header.kind == .incremental)
        #expect(reader.header.exportedAt.description == "2026-11-30T09:00:00.000Z")
        #expect(reader.header.since?.description == "2026-11-29T09:00:00.000Z")
        #expect(reader.header.companyId == "verteo-biopharma")
        let entry = try #require(try reader.next())
        #expect(try reader.next() == nil)
        #expect(entry["id"] == .text("ep-7c1f0e52"))
        #expect(entry["display_name"] == .text("Dr. Clinton Ackerman"))
        #expect(entry["updated_at"] == .text("2026-11-29T17:40:12Z"))
        #expect(entry.values.count == 8)
        #expect(entry.location.description == "\(path):5:3")
        let accounts = try #require(entry.lists["accounts"])
        #expect(accounts == [ExportItem(values: ["org_id": .text("00D5j00000AbCdE"),
                                                 "account_id": .text("0015j00000QxYzA")])])
        #expect(accounts[0].location?.description == "\(path):15:7")
        let connections = try #require(entry.lists["connections"])
        #expect(connections.count == 1)
        #expect(connections[0]["state"] == .text("CONNECTED"))
        #expect(connections[0]["updated_at"] == .text("2026-11-29T17:40:12Z"))
        #expect(connections[0].values.count == 4)
    }

    @Test func conformanceCase02ReadsNullsEntitiesAndUnknowns() throws {
        let path = "\(XMLFixtures.conformance)/02-full-sync-xml/export.xml"
        let reader = try XMLExportReader(path: path)
        #expect(reader.header.kind == .full)
        #expect(reader.header.since == nil)
        var all: [ExportEntry] = []
        while let e = try reader.next() { all.append(e) }
        #expect(all.count == 3)
        let tomas = all[0]
        #expect(tomas["first_name"] == .text("Tomás"))
        #expect(tomas["display_name"] == nil)  // xsi:nil="true"
        #expect(tomas["photo_url"] == nil)
        #expect(tomas["specialty_code"] == .text("IM"))  // unknown element kept as a scalar
        #expect(tomas.location.line == 3 && tomas.location.column == 3)
        let soren = all[1]
        #expect(soren["last_name"] == .text("Kjær"))
        #expect(soren["title"] == .text("Head & Neck Surgeon"))
        #expect(soren.lists["connections"]?.count == 2)
        #expect(soren.lists["connections"]?[1]["user_id"] == .text("0055j00000KvLee"))
        let grace = all[2]
        #expect(grace["photo_url"] == nil)  // <photo_url></photo_url>
        #expect(grace["signup_at"] == nil)
        #expect(grace["merged_into"] == nil)  // omitted
        #expect(grace["type"] == .text("STAFF"))
    }

    @Test func spec8_declaredEncodingsGiveTheSameEntries() throws {
        let utf8 = try entries(XMLFixtures.write(XMLFixtures.formatDocExample.replacingOccurrences(
            of: "Clinton</first_name>", with: "Clïnton Søren</first_name>")))
        let latin1Text = XMLFixtures.formatDocExample
            .replacingOccurrences(of: "encoding=\"UTF-8\"", with: "encoding=\"ISO-8859-1\"")
            .replacingOccurrences(of: "Clinton</first_name>", with: "Clïnton Søren</first_name>")
        let latin1 = try entries(XMLFixtures.write(try #require(latin1Text.data(using: .isoLatin1))))
        let utf16Text = XMLFixtures.formatDocExample
            .replacingOccurrences(of: "encoding=\"UTF-8\"", with: "encoding=\"UTF-16\"")
            .replacingOccurrences(of: "Clinton</first_name>", with: "Clïnton Søren</first_name>")
        let utf16 = try entries(XMLFixtures.write(try #require(utf16Text.data(using: .utf16))))  // with BOM
        #expect(utf8[0]["first_name"] == .text("Clïnton Søren"))
        #expect(latin1 == utf8)
        #expect(utf16 == utf8)
        #expect(utf16[0].location.line == utf8[0].location.line)
    }

    @Test func cdataIsJoinedWithSurroundingText() throws {
        let text = XMLFixtures.formatDocExample.replacingOccurrences(
            of: "<title>", with: "").replacingOccurrences(
            of: "<degree>MD</degree>",
            with: "<degree>MD</degree><title>Head <![CDATA[& <Neck>]]> Surgeon<!-- c --> (ENT)</title>")
        let all = try entries(XMLFixtures.write(text))
        #expect(all[0]["title"] == .text("Head & <Neck> Surgeon (ENT)"))
    }

    @Test func unknownNestedElementsAreSkippedAndUnknownChildrenOfRootIgnored() throws {
        let text = XMLFixtures.formatDocExample
            .replacingOccurrences(of: "<degree>MD</degree>",
                                  with: "<degree>MD</degree><address><city>Oslo</city></address><note/>")
            .replacingOccurrences(of: "<profile>", with: "<meta><x>1</x></meta><profile>")
        let all = try entries(XMLFixtures.write(text))
        #expect(all.count == 1)
        #expect(all[0]["address"] == nil && all[0].lists["address"] == nil)
        #expect(all[0]["note"] == nil)
        #expect(all[0]["degree"] == .text("MD"))
    }

    @Test func spec8_anElementRepeatedInAProfileOrItemIsAnErrorNamingBothPlaces() throws {
        // As a duplicate key in JSON: the last one silently winning would be a wrong value.
        let head = #"<engage_export format="engage-connect-export" version="1" exported_at="2026-11-30T09:00:00Z" kind="full">"#
        let profile = try XMLFixtures.write(head + "\n<profile>\n  <status>ACTIVE</status>\n  <id>ep-1</id>\n"
            + "  <status>DELETED</status>\n</profile>\n</engage_export>\n")
        #expect(Fixture.failure { _ = try entries(profile) } == "5:3: duplicate element <status> (first at 3:3)")
        let item = try XMLFixtures.write(head + "\n<profile><id>ep-1</id><connections>\n  <connection><state>CONNECTED</state>"
            + "<state/></connection>\n</connections></profile>\n</engage_export>\n")
        #expect(Fixture.failure { _ = try entries(item) } == "3:39: duplicate element <state> (first at 3:15)")
    }

    @Test func spec8_unsupportedVersionIsRefusedWithPosition() throws {
        let path = try XMLFixtures.write(XMLFixtures.formatDocExample.replacingOccurrences(
            of: "version=\"1\"\n", with: "version=\"2\"\n"))
        #expect {
            _ = try XMLExportReader(path: path)
        } throws: { error in
            (error as? InputError)?.headline == "\(path):2:1: error: unsupported export version 2 (this tool reads version 1)"
                && (error as? InputError)?.kind == .export
        }
    }

    @Test func headerIsValidated() throws {
        let cases: [(String, String, String)] = [
            ("format=\"engage-connect-export\"", "format=\"other\"",
             "not an Engage Connect export: format is 'other', expected 'engage-connect-export'"),
            ("exported_at=\"2026-11-30T09:00:00Z\"", "exported_at=\"2026-11-30T09:00:00\"",
             "header attribute 'exported_at' datetime has no offset (Z or ±HH:MM): '2026-11-30T09:00:00'"),
            ("kind=\"incremental\"", "kind=\"partial\"",
             "header attribute 'kind' must be 'full' or 'incremental', not 'partial'"),
            ("since=\"2026-11-29T09:00:00Z\"", "",
             "missing header attribute 'since' (required for an incremental export)"),
            ("version=\"1\"", "", "missing header attribute 'version'"),
        ]
        for (from, to, message) in cases {
            let path = try XMLFixtures.write(XMLFixtures.formatDocExample.replacingOccurrences(of: from, with: to))
            #expect {
                _ = try XMLExportReader(path: path)
            } throws: { error in
                (error as? InputError)?.headline == "\(path):2:1: error: \(message)"
            }
        }
    }

    @Test func spec8_notWellFormedFileNamesFileLineAndColumn() throws {
        let text = XMLFixtures.formatDocExample.replacingOccurrences(
            of: "<degree>MD</degree>", with: "<degree>MD</degre>")
        let path = try XMLFixtures.write(text)
        var thrown: InputError?
        var reader: XMLExportReader?
        do {
            reader = try XMLExportReader(path: path)  // a small file is parsed whole when it opens
            while try reader!.next() != nil {}
        } catch let e as InputError { thrown = e }
        let error = try #require(thrown)
        #expect(error.kind == .export)
        #expect(error.headline == "\(path):12:23: error: Opening and ending tag mismatch: degree line 12 and degre")

        // In a file larger than one chunk the error comes from next(), which keeps its failure.
        let padding = String(repeating: "<!-- padding padding padding padding -->\n", count: 4000)
        let late = try XMLFixtures.write(text.replacingOccurrences(of: "  <profile>", with: padding + "  <profile>"))
        let streaming = try XMLExportReader(path: late)
        var lateError: InputError?
        do { while try streaming.next() != nil {} } catch let e as InputError { lateError = e }
        #expect(lateError?.headline == "\(late):4012:23: error: Opening and ending tag mismatch: degree line 4012 and degre")
        #expect(throws: try #require(lateError)) { try streaming.next() }
    }

    @Test func spec8_emptyAndMissingFilesAreErrors() throws {
        let empty = try XMLFixtures.write("")
        #expect(throws: InputError(.export, SourceLocation(path: empty), "file is empty")) {
            _ = try XMLExportReader(path: empty)
        }
        #expect(throws: InputError(.export, SourceLocation(path: "/nonexistent/x.xml"),
                                   "cannot open file: No such file or directory")) {
            _ = try XMLExportReader(path: "/nonexistent/x.xml")
        }
    }

    @Test func spec8_fiftyMegabyteTextValueIsRead() throws {
        let big = String(repeating: "abcdefghij", count: 5 * 1024 * 1024)
        let text = XMLFixtures.formatDocExample.replacingOccurrences(
            of: "<title>", with: "").replacingOccurrences(
            of: "<degree>MD</degree>", with: "<degree>MD</degree><title>\(big)</title>")
        let all = try entries(XMLFixtures.write(text))
        #expect(all[0]["title"]?.literal.utf8.count == 50 * 1024 * 1024)
        #expect(all[0]["degree"] == .text("MD"))
    }

    @Test func manyProfilesStreamWithExactLines() throws {
        var text = "<?xml version=\"1.0\"?>\n<engage_export format=\"engage-connect-export\" version=\"1\" "
            + "exported_at=\"2026-11-30T09:00:00Z\" kind=\"full\">\n"
        for i in 0..<70_000 { text += "  <profile><id>p\(i)</id><updated_at>2026-11-29T17:40:12Z</updated_at></profile>\n" }
        text += "</engage_export>\n"
        let reader = try XMLExportReader(path: try XMLFixtures.write(text))
        var count = 0
        while let e = try reader.next() {
            #expect(e.location.line == count + 3 && e.location.column == 3)
            #expect(e["id"] == .text("p\(count)"))
            count += 1
        }
        #expect(count == 70_000)
    }
}
