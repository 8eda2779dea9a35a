/// The encoding of an export file, told by its first bytes (formats/engage-export.md).
public enum ExportFormat: Sendable, Equatable {
    case json
    case jsonLines
    case xml

    /// `<` after an optional BOM is XML; `{` is JSON Lines when the first line is a complete
    /// object holding `"format"` and no `"profiles"`, else JSON. A missing, empty or
    /// whitespace-only file, a folder or any other first byte is an `InputError(.export, …)`.
    public static func detect(path: String) throws -> ExportFormat {
        let s = try JSONScanner(path: path, kind: .export, linesMode: true)
        if s.end >= 2, (s.buf[0] == 0xFF && s.buf[1] == 0xFE) || (s.buf[0] == 0xFE && s.buf[1] == 0xFF) {
            // UTF-16 with a BOM: only XML may use another encoding than UTF-8.
            let bigEndian = s.buf[0] == 0xFE
            var i = 2
            while i + 1 < s.end {
                let unit = bigEndian ? UInt16(s.buf[i]) << 8 | UInt16(s.buf[i + 1]) : UInt16(s.buf[i + 1]) << 8 | UInt16(s.buf[i])
                if unit == 0x3C { return .xml }
                guard unit == 0x20 || unit == 0x09 || unit == 0x0A || unit == 0x0D else { break }
                i += 2
            }
            throw InputError(.export, SourceLocation(path: path, line: 1, column: 1),
                             "not an Engage Connect export: UTF-16 text that is not XML "
                                 + "(only XML may be UTF-16; JSON and JSON Lines must be UTF-8)")
        }
        let first = try s.peekByte()
        switch first {
        case 0x3C:
            return .xml
        case 0x7B:
            return firstLineIsHeader(s) ? .jsonLines : .json
        default:
            let at = s.markAt(s.pos)
            let shown = (try? s.describe(at: s.pos)) ?? "byte 0x\(s.hex(UInt32(first), 2))"
            throw InputError(.export, at.location(path),
                             "not an Engage Connect export: the file starts with \(shown) (expected '<' or '{')")
        }
    }

    /// Whether the object starting the file ends on line 1, holds `format` and no `profiles`.
    /// A broken first line counts as JSON: the JSON reader then reports the fault.
    private static func firstLineIsHeader(_ s: JSONScanner) -> Bool {
        do {
            _ = try s.next()
            var sawFormat = false
            while try s.next() == .key {
                if s.key == "profiles" { return false }
                if s.key == "format" { sawFormat = true }
                try s.skipValue()
            }
            return sawFormat
        } catch {
            return false
        }
    }
}
