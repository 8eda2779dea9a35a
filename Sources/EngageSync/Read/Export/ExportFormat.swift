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
            return .xml  // UTF-16 with a BOM: only XML may use another encoding than UTF-8
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
