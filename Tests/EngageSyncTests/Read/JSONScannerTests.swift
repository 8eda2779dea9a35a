import Foundation
import Testing
@testable import EngageSync

@Suite struct JSONScannerTests {
    @Test func tokensCarryLineAndColumnInCharacters() throws {
        let path = Fixture.write("{\"né\": \"é€😀\", \"b\": [1, -2.5e3, true, false, null],\n  \"c\": {}}")
        #expect(try Fixture.tokens(path) == [
            "1:1 beginObject", "1:2 key né", "1:8 string é€😀", "1:15 key b", "1:20 beginArray",
            "1:21 number 1", "1:24 number -2.5e3", "1:32 trueValue", "1:38 falseValue", "1:45 null",
            "1:49 endArray", "2:3 key c", "2:8 beginObject", "2:9 endObject", "2:10 endObject", "2:11 end",
        ])
    }

    @Test func byteOrderMarkIsSkippedAndNotCounted() throws {
        let path = Fixture.write(bytes: [0xEF, 0xBB, 0xBF] + Array("{\"a\":1}".utf8))
        #expect(try Fixture.tokens(path) == ["1:1 beginObject", "1:2 key a", "1:6 number 1", "1:7 endObject", "1:8 end"])
    }

    @Test func escapesAreDecoded() throws {
        let path = Fixture.write(#"["a\"b\\c\/d\b\f\n\r\t", "\u00e9\u20AC\ud83d\ude00", "x\u0041y"]"#)
        let s = try JSONScanner(path: path, kind: .export)
        var texts: [String] = []
        while true {
            let t = try s.next()
            if t == .string { texts.append(s.text()) }
            if t == .end { break }
        }
        #expect(texts == ["a\"b\\c/d\u{8}\u{C}\n\r\t", "é€😀", "xAy"])
    }

    @Test func stringsAndNumbersCrossChunkBoundaries() throws {
        // Values straddle the 1 MiB chunk edge at many offsets, with escapes and multi-byte text.
        var json = "["
        var expected: [String] = []
        let pad = String(repeating: "a", count: JSONScanner.chunkSize - 40)
        json += "\"\(pad)\""
        for k in 0..<40 {
            let value = String(repeating: "é", count: k % 3) + "\\n\\u00e9😀" + String(repeating: "z", count: k)
            json += ", \"\(value)\", 12345.678e-9"
            expected.append(String(repeating: "é", count: k % 3) + "\né😀" + String(repeating: "z", count: k))
        }
        json += "]"
        let s = try JSONScanner(path: Fixture.write(json), kind: .export)
        var strings: [String] = []
        var numbers = 0
        while true {
            let t = try s.next()
            if t == .string { strings.append(s.text()) }
            if t == .number {
                #expect(s.text() == "12345.678e-9")
                numbers += 1
            }
            if t == .end { break }
        }
        #expect(strings.count == 41)
        #expect(strings.first == pad)
        #expect(Array(strings.dropFirst()) == expected)
        #expect(numbers == 40)
    }

    @Test func spec8_fiftyMegabyteStringIsLegal() throws {
        let big = String(repeating: "abcdefghij", count: 5_000_000)
        let path = Fixture.write("{\"id\": \"x\", \"note\": \"\(big)\", \"tail\": 1}")
        let s = try JSONScanner(path: path, kind: .export)
        var length = 0
        while true {
            let t = try s.next()
            if t == .string, s.key == "note" { length = s.text().utf8.count }
            if t == .end { break }
        }
        #expect(length == 50_000_000)
        try? FileManager.default.removeItem(atPath: path)
    }

    @Test func skipValueSkipsWholeSubtrees() throws {
        let path = Fixture.write(#"{"skip": {"a": [1, {"b": "\u00e9"}], "c": null}, "keep": "yes"}"#)
        let s = try JSONScanner(path: path, kind: .export)
        #expect(try s.next() == .beginObject)
        #expect(try s.next() == .key)
        try s.skipValue()
        #expect(try s.next() == .key)
        #expect(s.key == "keep")
        #expect(try s.next() == .string)
        #expect(s.text() == "yes")
        #expect(try s.next() == .endObject)
        #expect(try s.next() == .end)
    }

    @Test func linesModeReadsOneValuePerLine() throws {
        let path = Fixture.write("{\"a\": 1}\n\n  {\"b\": 2}\r\n{}\n")
        #expect(try Fixture.tokens(path, linesMode: true) == [
            "1:1 beginObject", "1:2 key a", "1:7 number 1", "1:8 endObject",
            "3:3 beginObject", "3:4 key b", "3:9 number 2", "3:10 endObject",
            "4:1 beginObject", "4:2 endObject", "5:1 end",
        ])
    }

    // MARK: - Bad input (SPEC §8)

    private func scanError(_ text: String, linesMode: Bool = false) -> String {
        scanError(bytes: Array(text.utf8), linesMode: linesMode)
    }

    private func scanError(bytes: [UInt8], linesMode: Bool = false) -> String {
        let path = Fixture.write(bytes: bytes)
        return Fixture.failure { _ = try Fixture.tokens(path, linesMode: linesMode) }
    }

    /// Plain text is scanned eight bytes at a time: whatever ends it (a quote, an escape,
    /// non-ASCII, a control character) is found at every place in a string.
    @Test func stringsEndAndEscapeAtEveryOffset() throws {
        for length in 0..<20 {
            for at in 0...length {
                let plain = String(repeating: "a", count: length)
                for (insert, text) in [("\\n", "\n"), ("\\\"", "\""), ("é", "é"), ("", "")] {
                    let value = String(plain.prefix(at)) + insert + String(plain.dropFirst(at))
                    let expected = String(plain.prefix(at)) + text + String(plain.dropFirst(at))
                    let path = Fixture.write("[\"" + value + "\", 1]")
                    let tokens = try Fixture.tokens(path)
                    #expect(tokens[1] == "1:2 string \(expected)", "\(length) \(at) \(insert)")
                    #expect(tokens[2] == "1:\(value.unicodeScalars.count + 6) number 1", "\(length) \(at) \(insert)")
                }
                let control = Array("[\"\(plain)\"]".utf8)
                var bad = control
                bad.insert(0x01, at: 2 + at)
                #expect(scanError(bytes: bad) == "1:\(3 + at): control character U+0001 in a string (it must be escaped)")
            }
        }
    }

    /// A key is first compared with the one that followed the previous key last time.
    @Test func keysInChangingOrdersAreReadAsWritten() throws {
        let path = Fixture.write(#"[{"id": 1, "idx": 2, "b": 3}, {"idx": 1, "id": 2}, {"b": 1, "id": 2, "idy": 3}, {"id": 1}]"#)
        let keys = try Fixture.tokens(path).filter { $0.contains(" key ") }.map { $0.split(separator: " ").last! }
        #expect(keys == ["id", "idx", "b", "idx", "id", "b", "id", "idy", "id"])
        #expect(scanError(#"[{"a": 1, "b": 2}, {"a": 1, "a": 2}]"#) == "1:29: duplicate key 'a' (first at 1:21)")
    }

    @Test func spec8_duplicateKeyIsAnError() {
        #expect(scanError("{\n  \"id\": 1,\n  \"x\": {\"id\": 2},\n  \"id\": 3\n}") == "4:3: duplicate key 'id' (first at 2:3)")
        #expect(scanError("[{\"a\":1},{\"a\":1,\"é\":2, \"é\":3}]") == "1:24: duplicate key 'é' (first at 1:17)")
    }

    @Test func spec8_duplicateKeyInALargeObjectIsAnError() {
        let keys = (0..<40).map { "\"k\($0)\": \($0)" }.joined(separator: ", ")
        #expect(scanError("{" + keys + ", \"k3\": 1}") == "1:422: duplicate key 'k3' (first at 1:29)")
        #expect(scanError("{\"a\": {" + keys + "}, \"b\": {" + keys + "}, \"k1\": 1}") == "no error")
    }

    /// Keys get ids from `JSONKeyTable` (ASCII only, at most `limit` per file); the others, and
    /// objects holding one, fall back to comparing `String`s, with the same messages.
    @Test func spec8_duplicateKeyWithoutAnIdIsAnError() {
        // U+212A KELVIN SIGN is canonically equal to "K": the same key for a Swift String.
        #expect(scanError("{\"Key\": 1, \"\u{212A}ey\": 2}") == "1:12: duplicate key '\u{212A}ey' (first at 1:2)")
        #expect(scanError("{\"\u{212A}ey\": 1, \"Key\": 2}") == "1:12: duplicate key 'Key' (first at 1:2)")
        let many = (0..<(JSONKeyTable.limit + 100)).map { "\"k\($0)\": 0" }
        let late = JSONKeyTable.limit + 50  // past the table: compared as Strings
        #expect(scanError("{" + many.joined(separator: ", ") + ", \"k\(late)\": 1}").contains("duplicate key 'k\(late)'"))
        #expect(scanError("{" + many.joined(separator: ", ") + ", \"k7\": 1}").contains("duplicate key 'k7' (first at 1:"))
        let split = "{" + many.joined(separator: ", ") + "}\n{\"k\(late)\": 1, \"k\(late)\": 2}"
        #expect(scanError(split, linesMode: true) == "2:\(10 + String(late).count): duplicate key 'k\(late)' (first at 2:2)")
    }

    @Test func spec8_duplicateKeyInSkippedSubtreeIsAnError() {
        let path = Fixture.write(#"{"skip": {"k": 1, "k": 2}}"#)
        let message = Fixture.failure {
            let s = try JSONScanner(path: path, kind: .export)
            _ = try s.next()
            _ = try s.next()
            try s.skipValue()
        }
        #expect(message == "1:19: duplicate key 'k' (first at 1:11)")
    }

    @Test func spec8_invalidUTF8IsAnError() {
        #expect(scanError(bytes: Array("{\"a\": \"ok".utf8) + [0xFF] + Array("\"}".utf8)) == "1:10: invalid UTF-8 byte 0xFF")
        // Overlong encoding and a truncated sequence.
        #expect(scanError(bytes: Array("[\"".utf8) + [0xC0, 0xAF] + Array("\"]".utf8)) == "1:3: invalid UTF-8 byte 0xC0")
        #expect(scanError(bytes: Array("[\"é".utf8) + [0xE2, 0x82] + Array("\"]".utf8)) == "1:4: invalid UTF-8 byte 0xE2")
        // UTF-8 encoded surrogate.
        #expect(scanError(bytes: Array("[\"".utf8) + [0xED, 0xA0, 0x80] + Array("\"]".utf8)) == "1:3: invalid UTF-8 byte 0xED")
        // Outside a string.
        #expect(scanError(bytes: [0x5B, 0xFE, 0x5D]) == "1:2: invalid UTF-8 byte 0xFE")
    }

    @Test func spec8_loneSurrogateEscapeIsAnError() {
        #expect(scanError(#"{"a": "x\ud800"}"#) == #"1:9: lone surrogate escape '\ud800'"#)
        #expect(scanError(#"{"a": "\uDC00\u0041"}"#) == #"1:8: lone surrogate escape '\uDC00'"#)
        #expect(scanError(#"["\ud83d\u0041"]"#) == #"1:3: lone surrogate escape '\ud83d'"#)
    }

    @Test func spec8_depthBombIsStopped() {
        #expect(scanError(String(repeating: "[", count: 100_000)) == "1:65: nesting deeper than 64 levels")
        let deepest = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        #expect(scanError(deepest) == "no error")
    }

    @Test func spec8_unterminatedStringIsAnError() {
        #expect(scanError("{\"a\": \"never ends") == "1:7: unterminated string")
        #expect(scanError("[\"ends in an escape \\") == "1:2: unterminated string")
    }

    @Test func spec8_trailingCommaIsAnError() {
        #expect(scanError("[1, 2,]") == "1:6: trailing comma before ']'")
        #expect(scanError("{\"a\": 1,\n}") == "1:8: trailing comma before '}'")
    }

    @Test func spec8_syntaxErrorsNameTheirPlace() {
        #expect(scanError("{\"a\" 1}") == "1:6: expected ':' after the key 'a', found '1'")
        #expect(scanError("{'a': 1}") == "1:2: expected a key (a string in double quotes), found '''")
        #expect(scanError("[1 2]") == "1:4: expected ',' or ']' after a value, found '2'")
        #expect(scanError("{\"a\": 1]") == "1:8: expected ',' or '}' after a value, found ']'")
        #expect(scanError("[tru]") == "1:2: invalid literal, expected 'true'")
        #expect(scanError("[NaN]") == "1:2: unexpected 'N', expected a value")
        #expect(scanError("[01]") == "1:2: invalid number '01'")
        #expect(scanError("[1.]") == "1:2: invalid number '1.'")
        #expect(scanError("[\"a\\x\"]") == "1:4: invalid escape '\\x'")
        #expect(scanError("[\"tab\there\"]") == "1:6: control character U+0009 in a string (it must be escaped)")
        #expect(scanError("{\"a\": [1,\n") == "2:1: unexpected end of file, expected a value")
        #expect(scanError("{\"a\": 1") == "1:8: unexpected end of file, expected ',' or '}'")
    }

    @Test func spec8_trailingGarbageIsAnError() {
        #expect(scanError("{\"a\": 1}\n  x") == "2:3: unexpected 'x' after the end of the JSON document")
        #expect(scanError("{} {}") == "1:4: unexpected '{' after the end of the JSON document")
    }

    @Test func spec8_emptyAndBlankFilesAreErrors() {
        #expect(scanError("") == "the export file is empty (0 bytes)")
        #expect(scanError(" \n\t\r\n") == "the export file holds only whitespace")
    }

    @Test func spec8_linesModeKeepsOneValuePerLine() {
        #expect(scanError("{\"a\": 1} {\"b\": 2}\n", linesMode: true) == "1:10: more than one JSON value on line 1")
        #expect(scanError("{\"a\": 1}\n{\"b\":\n 2}\n", linesMode: true) == "2:6: line 2 ends inside a JSON value")
    }
}
