/// Reads an Engage Connect export in XML (formats/engage-export.md), one `<profile>` at a time.
///
/// The header is the root `engage_export` element's attributes, validated when the reader opens.
/// In a profile, an element holding text is a value; an empty element or `xsi:nil="true"` is
/// null (omitted); an element whose children are elements holding elements is a list
/// (`<accounts><account>…</account></accounts>`); other nested elements are skipped. Unknown
/// attributes and elements are ignored. Memory does not grow with the file.
public final class XMLExportReader: ExportReader {
    public let path: String
    public private(set) var header: ExportHeader

    private let xml: XMLStreamReader
    private let profileName: XMLStreamReader.XMLName
    private var failure: InputError?
    private var done = false

    public init(path: String) throws {
        self.path = path
        let xml = try XMLStreamReader(path: path, kind: .export)
        self.xml = xml
        profileName = xml.name("profile")
        header = try Self.readHeader(xml)
    }

    public func next() throws -> ExportEntry? {
        if let failure { throw failure }
        if done { return nil }
        do {
            while true {
                switch try xml.next() {
                case .startElement where xml.depth == 2:
                    if xml.localName == profileName { return try readProfile() }
                    try xml.skipElement()
                case .startElement:
                    try xml.skipElement()
                case .endElement where xml.depth == 1:
                    // Root closed: whatever follows must still be well-formed.
                    while try xml.next() != .endOfDocument {}
                    done = true
                    return nil
                case .endOfDocument:
                    done = true
                    return nil
                default:
                    continue
                }
            }
        } catch let error as InputError {
            failure = error
            throw error
        }
    }

    // MARK: Header

    private static func readHeader(_ xml: XMLStreamReader) throws -> ExportHeader {
        var event = try xml.next()
        while event != .startElement {
            if event == .endOfDocument { throw xml.error("document has no root element") }
            event = try xml.next()
        }
        let rootName = xml.string(xml.localName)
        let root = xml.location
        guard rootName == "engage_export" else {
            throw xml.error("root element is <\(rootName)>, expected <engage_export>")
        }
        func attribute(_ name: String) -> String? {
            guard let v = xml.attribute(xml.name(name)) else { return nil }
            let t = v.trimmingXMLWhitespace
            return t.isEmpty ? nil : t
        }
        func required(_ name: String) throws -> String {
            guard let v = attribute(name) else { throw xml.error("missing header attribute '\(name)'") }
            return v
        }
        func instant(_ name: String, _ text: String) throws -> Instant {
            do { return try Instant(parsing: text) } catch {
                throw xml.error("header attribute '\(name)' \(error): '\(text)'")
            }
        }
        let format = try required("format")
        guard format == "engage-connect-export" else {
            throw xml.error("not an Engage Connect export: format is '\(format)', expected 'engage-connect-export'")
        }
        let versionText = try required("version")
        guard let version = Int(versionText) else {
            throw xml.error("header attribute 'version' is not a number: '\(versionText)'")
        }
        guard version == 1 else {
            throw xml.error("unsupported export version \(version) (this tool reads version 1)")
        }
        let exportedAt = try instant("exported_at", try required("exported_at"))
        let kindText = try required("kind")
        guard let kind = ExportKind(rawValue: kindText) else {
            throw xml.error("header attribute 'kind' must be 'full' or 'incremental', not '\(kindText)'")
        }
        var since: Instant?
        if let text = attribute("since") { since = try instant("since", text) }
        if kind == .incremental && since == nil {
            throw xml.error("missing header attribute 'since' (required for an incremental export)")
        }
        return ExportHeader(version: version, exportedAt: exportedAt, kind: kind, since: since,
                            companyId: attribute("company_id"), locations: ["": root])
    }

    // MARK: Profiles

    private func readProfile() throws -> ExportEntry {
        let location = xml.location
        var values = ExportFields<ExportScalar>(minimumCapacity: 24)
        var lists = ExportFields<[ExportItem]>()
        var hash: UInt64 = 0  // ExportEntry.contentHash, added up as the elements come (none comes twice)
        var seen = SeenElements()
        while true {
            switch try xml.next() {
            case .startElement:
                try seen.insert(xml)
                let key = xml.string(xml.localName)
                let tag = ExportContentHash.key(key)
                switch try readValue() {
                case .scalar(let text):
                    values.append(key: key, tag: tag, value: .text(text))
                    hash &+= ExportContentHash.field(keyHash: tag, .text(text))
                case .list(let items, let itemHashes):
                    lists.append(key: key, tag: tag, value: items)
                    hash &+= ExportContentHash.list(key: key, itemHashes: itemHashes)
                case .none: break
                }
            case .endElement, .endOfDocument:
                return ExportEntry(values: values, lists: lists, location: location, contentHash: hash)
            case .text:
                continue
            }
        }
    }

    private enum Value {
        case scalar(String)
        /// The items with their content hashes.
        case list([ExportItem], [UInt64])
        case none
    }

    /// Reads the element just started (a child of `<profile>`) to its end.
    private func readValue() throws -> Value {
        let isNil = xml.isNil
        var text = ""
        var items: [ExportItem] = []
        var itemHashes: [UInt64] = []
        var isList = false
        var broken = false
        while true {
            switch try xml.next() {
            case .text:
                if !isList { text += xml.text }
            case .startElement:
                isList = true
                if broken { try xml.skipElement(); continue }
                if let (item, hash) = try readItem() {
                    items.append(item)
                    itemHashes.append(hash)
                } else {
                    broken = true
                }
            case .endElement, .endOfDocument:
                if isNil { return .none }
                if isList { return broken || items.isEmpty ? .none : .list(items, itemHashes) }
                return text.isEmpty ? .none : .scalar(text)
            }
        }
    }

    /// Reads one list item (`<account>`, `<connection>`) with its content hash; nil when it
    /// holds text, not elements.
    private func readItem() throws -> (ExportItem, UInt64)? {
        var item = ExportItem(values: ExportFields(minimumCapacity: 8), location: xml.location)
        var hash: UInt64 = 0
        var hasText = false
        var seen = SeenElements()
        while true {
            switch try xml.next() {
            case .text:
                if !xml.textIsWhitespace { hasText = true }
            case .startElement:
                try seen.insert(xml)
                let key = xml.string(xml.localName)
                if case .scalar(let text) = try readScalar() {
                    let tag = ExportContentHash.key(key)
                    item.values.append(key: key, tag: tag, value: .text(text))
                    hash &+= ExportContentHash.field(keyHash: tag, .text(text))
                }
            case .endElement, .endOfDocument:
                return hasText && item.values.isEmpty ? nil : (item, hash)
            }
        }
    }

    /// Reads a value inside an item: text, or null; nested elements are skipped.
    private func readScalar() throws -> Value {
        let isNil = xml.isNil
        var text = ""
        var nested = false
        while true {
            switch try xml.next() {
            case .text:
                text += xml.text
            case .startElement:
                nested = true
                try xml.skipElement()
            case .endElement, .endOfDocument:
                return isNil || nested || text.isEmpty ? .none : .scalar(text)
            }
        }
    }
}

/// The child elements of one profile or list item so far, by interned name: a name seen twice
/// is an error naming both places, like a duplicate key in JSON.
private struct SeenElements {
    private var names: [(name: XMLStreamReader.XMLName, line: Int, column: Int?)] = []

    mutating func insert(_ xml: XMLStreamReader) throws {
        let name = xml.localName
        if let first = names.first(where: { $0.name == name }) {
            let place = first.column.map { "\(first.line):\($0)" } ?? "line \(first.line)"
            throw xml.error("duplicate element <\(xml.string(name))> (first at \(place))")
        }
        names.append((name, xml.line, xml.column))
    }
}
