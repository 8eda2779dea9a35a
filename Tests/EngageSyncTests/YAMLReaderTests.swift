import Foundation
import Testing
@testable import EngageSync

/// The YAML reader: scalars stay text, and hostile or malformed files get compiler-style errors.
@Suite struct YAMLReaderTests {
    func parse(_ text: String, path: String = "f.yaml") throws -> YAMLDocument {
        try YAMLDocument.parse(text: text, path: path, kind: .mapping)
    }

    /// The error a parse throws, or nil.
    func failure(_ text: String) -> InputError? {
        do {
            _ = try parse(text)
            return nil
        } catch {
            return error as? InputError
        }
    }

    @Test func scalarsStayTextWithStyleAndMarks() throws {
        let doc = try parse("a: NO\nb: on\nc: 0012\nd: 1e3\ne: 0x1F\nf: ~\ng: 'yes'\nh:\n  - 12\n")
        guard case .mapping(let entries) = doc.root.content else { Issue.record("not a mapping"); return }
        #expect(entries.map(\.key) == ["a", "b", "c", "d", "e", "f", "g", "h"])
        #expect(entries.map { $0.value.scalarText } == ["NO", "on", "0012", "1e3", "0x1F", "~", "yes", nil])
        #expect(entries[5].value.isNull)
        #expect(!entries[6].value.isNull)
        #expect(entries[6].value.content == .scalar("yes", .singleQuoted))
        #expect(entries[2].keyMark == YAMLMark(line: 3, column: 1))
        #expect(entries[2].value.mark == YAMLMark(line: 3, column: 4))
        #expect(entries[7].value.content == .sequence([YAMLNode(content: .scalar("12", .plain),
                                                                mark: YAMLMark(line: 9, column: 5))]))
    }

    @Test func typedAccessorsAskForTheirType() throws {
        let doc = try parse("t: true\nf: false\nyes: on\nn: 12\nz: 0012\ne: 1e3\nh: 0x1F\nneg: -3\n")
        guard case .mapping(let e) = doc.root.content else { return }
        #expect(try doc.bool(e[0].value, "'t'") == true)
        #expect(try doc.bool(e[1].value, "'f'") == false)
        #expect(throws: InputError(.mapping, SourceLocation(path: "f.yaml", line: 3, column: 6),
                                   "'yes' must be true or false, found 'on'", snippet: "yes: on\n         ^")) {
            try doc.bool(e[2].value, "'yes'")
        }
        #expect(try doc.positiveInt(e[3].value, "'n'") == 12)
        for entry in e[4...] {
            #expect(throws: InputError.self) { try doc.positiveInt(entry.value, "'\(entry.key)'") }
        }
        #expect(try doc.string(e[4].value, "'z'") == "0012")
        #expect(try doc.stringList(e[6].value, "'h'") == ["0x1F"])
    }

    @Test func duplicateKeysNameBothPlaces() {
        let error = failure("person:\n  email: a@example.com\n  name: A\n  email: b@example.com\n")
        #expect(error?.headline == "f.yaml:4:3: error: duplicate key 'email' (first at 2:3)")
        #expect(error?.description == "f.yaml:4:3: error: duplicate key 'email' (first at 2:3)\n"
            + "      email: b@example.com\n      ^")
        #expect(error?.kind == .mapping)
        // Quoting does not make a key different.
        #expect(failure("on: 1\n'on': 2\n")?.headline == "f.yaml:2:1: error: duplicate key 'on' (first at 1:1)")
    }

    @Test func tabsInIndentationAreRefused() {
        #expect(failure("a:\n\tb: 1\n")?.headline
            == "f.yaml:2:1: error: tab character used for indentation; indent with spaces")
        #expect(failure("a:\n  b:\n  \tc: 1\n")?.headline
            == "f.yaml:3:3: error: tab character used for indentation; indent with spaces")
        #expect(failure("a:\n  - x\n\t- y\n")?.message == "tab character used for indentation; indent with spaces")
        // A tab after a key, or inside a literal block, is not indentation.
        #expect(failure("a:\t1\nb: |\n  x\n  \ty\n") == nil)
    }

    @Test func aliasBombIsRefusedFastAtTheFirstAnchor() {
        var text = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
        var previous = "a"
        for name in ["b", "c", "d", "e", "f", "g", "h", "i", "j"] {
            text += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ",") + "]\n"
            previous = name
        }
        let start = Date()
        let error = failure(text)
        #expect(Date().timeIntervalSince(start) < 1)
        #expect(error?.headline
            == "f.yaml:1:4: error: anchors and aliases are not supported (found '&a'); write the value out")
        #expect(failure("a: 1\nb: *a\n")?.headline
            == "f.yaml:2:4: error: anchors and aliases are not supported (found '*a'); write the value out")
    }

    @Test func emptyAndCommentOnlyFilesAreRefused() {
        #expect(failure("")?.headline == "f.yaml:1:1: error: the file is empty")
        #expect(failure("# only a comment\n\n")?.headline == "f.yaml:1:1: error: the file is empty")
        #expect(failure("---\n...\n")?.headline == "f.yaml:1:1: error: the file is empty")
    }

    @Test func nonUTF8IsRefusedWithItsPlace() {
        let bytes: [UInt8] = Array("a: 1\nb: caf".utf8) + [0xE9] + Array("\n".utf8)
        #expect(throws: InputError(.config, SourceLocation(path: "c.yaml", line: 2, column: 7),
                                   "the file is not UTF-8 (byte 0xE9)", snippet: "b: caf\u{FFFD}\n          ^")) {
            try YAMLComposer.compose(bytes: bytes, path: "c.yaml", kind: .config)
        }
        let utf16: [UInt8] = [0xFF, 0xFE, 0x61, 0x00]
        #expect(throws: InputError.self) { try YAMLComposer.compose(bytes: utf16, path: "c.yaml", kind: .config) }
    }

    @Test func syntaxErrorsCarryLibyamlPositions() {
        let error = failure("a: [1, 2\nb: 3\n")
        #expect(error?.location.line != nil)
        #expect(error?.headline
            == "f.yaml:2:2: error: did not find expected ',' or ']' (while parsing a flow sequence at 1:4)")
        #expect(failure("a: 'open\n")?.message.contains("quoted scalar") == true)
    }

    @Test func otherRefusals() {
        #expect(failure("a: 1\n---\nb: 2\n")?.headline
            == "f.yaml:2:1: error: only one YAML document is allowed per file")
        #expect(failure("a: !!int 12\n")?.headline
            == "f.yaml:1:4: error: tags are not supported (found 'tag:yaml.org,2002:int'); quote the value to keep it as text")
        #expect(failure("a: !!str 0012\n") == nil)
        #expect(failure("? [a]\n: 1\n")?.headline == "f.yaml:1:3: error: a key must be a text, not a list")
        let deep = String(repeating: "[", count: 200) + String(repeating: "]", count: 200)
        #expect(failure(deep)?.message == "nesting is deeper than 64 levels")
    }

    @Test func missingFileIsAnErrorAtThePath() {
        #expect(throws: InputError(.mapping, SourceLocation(path: "/nonexistent/m.yaml"),
                                   "file does not exist")) {
            try MappingLoader.load(path: "/nonexistent/m.yaml")
        }
    }
}
