import Foundation
import Testing
@testable import EngageSync

@Suite struct XMLStreamReaderTests {
    @Test func spec8_externalEntitiesAreNeverExpanded() throws {
        let text = """
            <?xml version="1.0"?>
            <!DOCTYPE engage_export [<!ENTITY x SYSTEM "file:///etc/passwd">]>
            <engage_export format="engage-connect-export" version="1" exported_at="2026-11-30T09:00:00Z" kind="full">
              <profile><id>&x;</id></profile>
            </engage_export>
            """
        let path = try XMLFixtures.write(text)
        var thrown: InputError?
        var leaked = false
        do {
            let reader = try XMLExportReader(path: path)
            while let e = try reader.next() { leaked = leaked || (e["id"]?.literal.contains("root:") ?? false) }
        } catch let e as InputError { thrown = e }
        #expect(!leaked)
        #expect(thrown?.kind == .export)
        #expect(thrown?.headline == "\(path):2:1: error: DOCTYPE is not allowed (entity declarations are never read: "
            + "no external entities, no entity expansion)")
    }

    @Test func spec8_billionLaughsIsRefusedFast() throws {
        var text = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n"
        for i in 1...9 {
            text += " <!ENTITY lol\(i) \"" + String(repeating: "&lol\(i == 1 ? "" : String(i - 1));", count: 10) + "\">\n"
        }
        text += "]>\n<results><records><Id>&lol9;</Id></records></results>\n"
        let path = try XMLFixtures.write(text)
        let clock = ContinuousClock()
        var thrown: InputError?
        let elapsed = clock.measure {
            do { try XMLSnapshotReader.forEachRecord(in: path) { _ in } } catch let e as InputError { thrown = e } catch {}
        }
        #expect(thrown?.message.hasPrefix("DOCTYPE is not allowed") == true)
        #expect(thrown?.location.line == 2 && thrown?.location.column == 1)
        #expect(elapsed < .seconds(1))
    }

    @Test func spec8_columnsOnOneLongLineAreExactAcrossChunks() throws {
        // A one-line (minified) file: every tag's column is counted on from the previous tag,
        // not by scanning back to the start of the line (which made one-line files quadratic).
        let item = "<a>é</a>"  // 8 characters, 9 bytes
        let count = 5_000
        let path = try XMLFixtures.write("<r>" + String(repeating: item, count: count) + "</r>\n")
        let reader = try XMLStreamReader(path: path, kind: .snapshot, chunkSize: 1000)
        var columns: [Int?] = []
        while try reader.next() != .endOfDocument {
            if reader.event == .startElement && reader.depth == 2 { columns.append(reader.column) }
        }
        #expect(columns.count == count)
        #expect(columns == (0..<count).map { 4 + 8 * $0 })
    }

    @Test func spec8_bytesThatAreNotInTheDeclaredEncodingAreNamed() throws {
        // libxml2 reports a failed conversion only through its generic handler (to stderr);
        // the reader names it itself instead of a bare "XML is not well-formed".
        let text = "<?xml version=\"1.0\" encoding=\"Shift_JIS\"?>\n<results>\n  <records><Id>"
        let path = try XMLFixtures.write(Data(text.utf8) + Data([0x80, 0xFF]) + Data("</Id></records>\n</results>\n".utf8))
        #expect {
            try XMLSnapshotReader.forEachRecord(in: path) { _ in }
        } throws: { error in
            (error as? InputError)?.headline == "\(path):3: error: the bytes do not match the declared encoding "
                + "(Shift_JIS): input conversion failed due to input error, bytes 0x80 0xFF 0x3C 0x2F"
        }
    }

    @Test func anyDoctypeIsRefusedEvenWithoutEntities() throws {
        let path = try XMLFixtures.write("<!DOCTYPE Profile>\n<Profile xmlns=\"http://soap.sforce.com/2006/04/metadata\"/>")
        #expect {
            _ = try GrantFileReader.read(path: path)
        } throws: { error in
            (error as? InputError)?.kind == .grants && (error as? InputError)?.message.hasPrefix("DOCTYPE is not allowed") == true
        }
    }

    @Test func undefinedEntityIsNotWellFormed() throws {
        let path = try XMLFixtures.write("<results>\n  <records><Id>&nope;</Id></records>\n</results>\n")
        #expect {
            try XMLSnapshotReader.forEachRecord(in: path) { _ in }
        } throws: { error in
            (error as? InputError)?.headline == "\(path):2:22: error: Entity 'nope' not defined"
        }
    }

    @Test func eventsCarryNamesNamespacesAttributesAndExactPositions() throws {
        let text = "<?xml version=\"1.0\"?>\n<a xmlns=\"urn:x\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
            + "\n  <é\n   k=\"v\">t<![CDATA[<c>]]>u</é><n xsi:nil=\"true\"/></a>"
        let xml = try XMLStreamReader(path: try XMLFixtures.write(text), kind: .export)
        #expect(try xml.next() == .startElement)
        #expect(xml.string(xml.localName) == "a" && xml.namespace == xml.name("urn:x"))
        #expect(xml.line == 2 && xml.column == 1 && xml.depth == 1)
        #expect(try xml.next() == .text && xml.textIsWhitespace)
        #expect(try xml.next() == .startElement)
        #expect(xml.localName == xml.name("é") && xml.line == 3 && xml.column == 3 && xml.depth == 2)
        #expect(xml.attribute(xml.name("k")) == "v" && !xml.isNil)
        #expect(try xml.next() == .text && xml.text == "t<c>u")
        #expect(try xml.next() == .endElement && xml.depth == 2)
        #expect(try xml.next() == .startElement && xml.isNil)
        #expect(try xml.next() == .endElement)
        #expect(try xml.next() == .endElement && xml.depth == 1)
        #expect(try xml.next() == .endOfDocument)
        #expect(try xml.next() == .endOfDocument)
    }

    @Test func spec8_invalidUTF8IsAOneLineErrorWithPosition() throws {
        var data = Data("<results>\n  <records><Name>caf".utf8)
        data.append(contentsOf: [0xE9, 0x20])
        data.append(contentsOf: Data("</Name></records>\n</results>\n".utf8))
        let path = try XMLFixtures.write(data)
        #expect {
            try XMLSnapshotReader.forEachRecord(in: path) { _ in }
        } throws: { error in
            guard let e = error as? InputError else { return false }
            return e.kind == .snapshot && e.location.line == 2 && !e.headline.contains("\n")
                && e.message.hasPrefix("Input is not proper UTF-8")
        }
    }

    @Test func spec8_aTruncatedDocumentSaysSoNotExtraContent() throws {
        // libxml2's push parser reports a document cut off inside an element as "Extra content
        // at the end of the document"; a truncated download must be named as what it is.
        let path = try XMLFixtures.write("""
            <?xml version="1.0"?>
            <engage_export format="engage-connect-export" version="1" exported_at="2026-11-30T09:00:00Z" kind="full">
              <profile><id>ep-1</id>

            """)
        var thrown: InputError?
        do {
            let reader = try XMLExportReader(path: path)
            while try reader.next() != nil {}
        } catch let e as InputError { thrown = e }
        #expect(thrown?.kind == .export)
        #expect(thrown?.message == "the document ends inside <profile> (2 elements still open): the file is "
            + "truncated or an end tag is missing")
        #expect(thrown?.location.line == 3)
    }
}

