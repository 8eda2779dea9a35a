/// Reads an Engage Connect export in JSON Lines: the header object on line 1, then one
/// profile object per non-empty line (formats/engage-export.md). Lines count from 1 at the header.
public final class JSONLinesExportReader: ExportReader {
    public let path: String
    public let header: ExportHeader
    private let scanner: JSONScanner
    private var failure: InputError?

    public init(path: String) throws {
        self.path = path
        let s = try JSONScanner(path: path, kind: .export, linesMode: true)
        let token = try s.next()
        guard token == .beginObject, s.mark.line == 1 else {
            let found = token == .beginObject ? "on line \(s.mark.line)" : "found \(token.valueDescription)"
            throw InputError(.export, s.mark.location(path),
                             "line 1 must hold the export header object, \(found)")
        }
        let start = s.mark
        var builder = ExportHeaderBuilder(path: path)
        while try s.next() == .key {
            let key = s.key
            if key == "profiles" {
                throw InputError(.export, s.mark.location(path),
                                 "the JSON Lines header must not hold 'profiles' (profiles follow one per line)")
            }
            if try !builder.read(key: key, from: s) { try s.skipValue() }
        }
        self.header = try builder.finish(at: start)
        self.scanner = s
    }

    public func next() throws -> ExportEntry? {
        if let failure { throw failure }
        do {
            let token = try scanner.next()
            switch token {
            case .end:
                return nil
            case .beginObject:
                return try JSONExportEntryParser.readEntry(scanner)
            default:
                throw InputError(.export, scanner.mark.location(path),
                                 "line \(scanner.mark.line) holds \(token.valueDescription), not a profile object")
            }
        } catch let error as InputError {
            failure = error
            throw error
        }
    }
}
