/// Collects and checks the header keys of a JSON or JSON Lines export as they are read.
struct ExportHeaderBuilder {
    static let formatName = "engage-connect-export"
    static let supportedVersion = 1

    let path: String
    private var format: String?
    private var version: Int?
    private var exportedAt: Instant?
    private var kind: ExportKind?
    private var since: Instant?
    private var companyId: String?
    private var locations: [String: SourceLocation] = [:]

    init(path: String) { self.path = path }

    /// Whether every key a reader could still need was seen (profiles may stream at once).
    var isComplete: Bool {
        format != nil && version != nil && exportedAt != nil && kind != nil && companyId != nil
            && (kind != .incremental || since != nil)
    }

    /// Reads and checks the value of header key `key` (the scanner just returned the key).
    /// Returns false, reading nothing, when `key` is not a header key.
    mutating func read(key: String, from s: JSONScanner) throws -> Bool {
        switch key {
        case "format", "version", "exported_at", "kind", "since", "company_id": break
        default: return false
        }
        let token = try s.next()
        let at = s.mark.location(path)
        locations[key] = at
        if token == .null { return true }
        if token == .beginObject || token == .beginArray { try s.skipContainer() }
        func text(_ what: String) throws -> String {
            guard token == .string else {
                throw InputError(.export, at, "'\(key)' must be \(what), found \(token.valueDescription)")
            }
            return s.text()
        }
        func datetime() throws -> Instant {
            let value = try text("a datetime string")
            do {
                return try Instant(parsing: value)
            } catch .noOffset {
                throw InputError(.export, at, "'\(key)' is '\(value)': datetime has no offset (Z or ±HH:MM)")
            } catch {
                throw InputError(.export, at, "'\(key)' is '\(value)': not a datetime (YYYY-MM-DDTHH:MM:SS[.fff](Z|±HH:MM))")
            }
        }
        switch key {
        case "format":
            let value = try text("a string")
            guard value == Self.formatName else {
                throw InputError(
                    .export, at, "not an Engage Connect export: format is '\(value)', expected '\(Self.formatName)'")
            }
            format = value
        case "version":
            guard token == .number else {
                throw InputError(.export, at, "'version' must be a number, found \(token.valueDescription)")
            }
            let literal = s.text()
            guard let number = Double(literal), number == Double(Self.supportedVersion) else {
                throw InputError(
                    .export, at, "unsupported export version \(literal) (this tool reads version \(Self.supportedVersion))")
            }
            version = Self.supportedVersion
        case "exported_at":
            exportedAt = try datetime()
        case "kind":
            let value = try text("a string")
            guard let k = ExportKind(rawValue: value) else {
                throw InputError(.export, at, "'kind' is '\(value)', expected 'full' or 'incremental'")
            }
            kind = k
        case "since":
            since = try datetime()
        default:
            companyId = try text("a string")
        }
        return true
    }

    /// The header, or an error at `start` (the header object) naming the first missing key.
    func finish(at start: JSONMark) throws -> ExportHeader {
        let at = start.location(path)
        guard format != nil else { throw InputError(.export, at, "missing header key 'format'") }
        guard let version else { throw InputError(.export, at, "missing header key 'version'") }
        guard let exportedAt else { throw InputError(.export, at, "missing header key 'exported_at'") }
        guard let kind else { throw InputError(.export, at, "missing header key 'kind'") }
        if kind == .incremental, since == nil {
            throw InputError(.export, at, "an incremental export needs the header key 'since'")
        }
        var places = locations
        places[""] = at
        return ExportHeader(version: version, exportedAt: exportedAt, kind: kind, since: since, companyId: companyId,
                            locations: places)
    }
}
