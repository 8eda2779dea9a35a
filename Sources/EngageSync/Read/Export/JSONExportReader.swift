/// Reads an Engage Connect export in JSON (formats/engage-export.md), one profile at a time.
///
/// The header is read and checked when the reader opens. When `profiles` comes before the
/// header is complete, the reader skips it, reads the rest of the header, then opens the file
/// again at the array's offset: profiles are never held in memory.
public final class JSONExportReader: ExportReader {
    public let path: String
    public let header: ExportHeader
    private var scanner: JSONScanner
    private var builder: ExportHeaderBuilder
    /// After a second opening, the document after the array was already checked.
    private let resumed: Bool
    private var finished = false
    private var failure: InputError?

    public init(path: String) throws {
        self.path = path
        let s = try JSONScanner(path: path, kind: .export)
        let first = try s.next()
        guard first == .beginObject else {
            throw InputError(.export, s.mark.location(path),
                             "an export must be a JSON object, found \(first.valueDescription)")
        }
        let start = s.mark
        var builder = ExportHeaderBuilder(path: path)
        var checkpoint: JSONScanner.Checkpoint?
        while try s.next() == .key {
            let key = s.key
            if key == "profiles" {
                let token = try s.next()
                guard token == .beginArray else {
                    throw InputError(.export, s.mark.location(path),
                                     "'profiles' must be an array, found \(token.valueDescription)")
                }
                if builder.isComplete {
                    self.header = try builder.finish(at: start)
                    self.scanner = s
                    self.builder = builder
                    self.resumed = false
                    return
                }
                checkpoint = s.checkpointBeforeToken()
                try s.skipContainer()
            } else if try !builder.read(key: key, from: s) {
                try s.skipValue()
            }
        }
        _ = try s.next()  // .end, or an error for text after the document
        self.header = try builder.finish(at: start)
        guard let checkpoint else {
            throw InputError(.export, start.location(path), "missing 'profiles' (the list of profiles)")
        }
        let again = try JSONScanner(path: path, kind: .export, resumingAt: checkpoint)
        _ = try again.next()  // the `[` of profiles
        self.scanner = again
        self.builder = builder
        self.resumed = true
    }

    public func next() throws -> ExportEntry? {
        if let failure { throw failure }
        do {
            return try step()
        } catch let error as InputError {
            failure = error
            throw error
        }
    }

    private func step() throws -> ExportEntry? {
        if finished { return nil }
        let token = try scanner.next()
        switch token {
        case .beginObject:
            return try JSONExportEntryParser.readEntry(scanner)
        case .endArray:
            if !resumed { try readRest() }
            finished = true
            return nil
        default:
            throw InputError(.export, scanner.mark.location(path),
                             "a profile entry must be a JSON object, found \(token.valueDescription)")
        }
    }

    /// Checks the keys after `profiles` and the end of the document.
    private func readRest() throws {
        while try scanner.next() == .key {
            if try !builder.read(key: scanner.key, from: scanner) { try scanner.skipValue() }
        }
        _ = try scanner.next()
    }
}
