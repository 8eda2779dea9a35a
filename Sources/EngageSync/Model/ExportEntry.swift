/// `full` exports hold every profile of the company; `incremental` ones those changed after `since`.
public enum ExportKind: String, Sendable, Codable {
    case full
    case incremental
}

/// The header of an Engage Connect export (formats/engage-export.md), validated by the reader.
public struct ExportHeader: Sendable, Equatable {
    public var version: Int
    public var exportedAt: Instant
    public var kind: ExportKind
    public var since: Instant?
    public var companyId: String?
    /// Where the header was read: the place of each header key (JSON), or of the root element
    /// holding them as attributes (XML); messages about the header name it.
    public var locations: [String: SourceLocation]

    public init(version: Int, exportedAt: Instant, kind: ExportKind, since: Instant?, companyId: String?,
                locations: [String: SourceLocation] = [:]) {
        self.version = version
        self.exportedAt = exportedAt
        self.kind = kind
        self.since = since
        self.companyId = companyId
        self.locations = locations
    }

    /// Two headers are equal when they say the same; where they were read does not count.
    public static func == (a: ExportHeader, b: ExportHeader) -> Bool {
        a.version == b.version && a.exportedAt == b.exportedAt && a.kind == b.kind && a.since == b.since
            && a.companyId == b.companyId
    }

    /// The place of header key `key`, else of the header, else just the file.
    public func location(of key: String, in path: String) -> SourceLocation {
        locations[key] ?? locations[""] ?? SourceLocation(path: path)
    }
}

/// One scalar value as the export spelled it. Null and empty strings are never stored:
/// a missing key, `null`, an empty string and an empty XML element all mean "no value".
public enum ExportScalar: Sendable, Equatable, Hashable {
    case text(String)
    /// A JSON number, kept as written (never converted); a record error where text belongs.
    case number(String)
    /// A JSON `true`/`false`; a record error where text belongs.
    case boolean(Bool)

    /// The value's text as written.
    public var literal: String {
        switch self {
        case .text(let s), .number(let s): return s
        case .boolean(let b): return b ? "true" : "false"
        }
    }
}

/// One object of a list in a profile (an `account` or a `connection`).
public struct ExportItem: Sendable, Equatable, Hashable {
    public var values: ExportFields<ExportScalar>
    /// Where the item starts, for record error messages.
    public var location: SourceLocation?

    public init(values: ExportFields<ExportScalar> = [:], location: SourceLocation? = nil) {
        self.values = values
        self.location = location
    }

    public subscript(key: String) -> ExportScalar? { values[key] }

    public static func == (a: ExportItem, b: ExportItem) -> Bool { a.values == b.values }
    public func hash(into h: inout Hasher) { h.combine(values) }
}

/// One profile entry of the export, as read: every scalar key and every list of flat objects,
/// whether or not the mapping uses it. Nested objects under unknown keys are skipped.
public struct ExportEntry: Sendable, Equatable {
    public var values: ExportFields<ExportScalar> { didSet { parsedContentHash = nil } }
    public var lists: ExportFields<[ExportItem]> { didSet { parsedContentHash = nil } }
    /// Where the entry starts (line and column; JSON Lines: the line).
    public var location: SourceLocation
    /// `contentHash` as the reader worked it out while reading; nil once the content changed.
    var parsedContentHash: UInt64?

    public init(values: ExportFields<ExportScalar> = [:], lists: ExportFields<[ExportItem]> = [:],
                location: SourceLocation) {
        self.values = values
        self.lists = lists
        self.location = location
    }

    /// An entry as a reader read it, with its `contentHash` worked out on the way.
    init(values: ExportFields<ExportScalar>, lists: ExportFields<[ExportItem]>, location: SourceLocation,
         contentHash: UInt64) {
        self.values = values
        self.lists = lists
        self.location = location
        parsedContentHash = contentHash
    }

    public subscript(key: String) -> ExportScalar? { values[key] }

    /// Same content, wherever it was found (R15 compares duplicate entries by content).
    public static func == (a: ExportEntry, b: ExportEntry) -> Bool {
        a.values == b.values && a.lists == b.lists
    }
}

/// A streaming reader of an export: the header is read when the reader opens, entries one by
/// one. Memory must not grow with the number of entries.
public protocol ExportReader: AnyObject {
    /// The path the reader reads, as given.
    var path: String { get }
    var header: ExportHeader { get }
    /// The next profile entry, or nil at the end. A file that is not well-formed throws an
    /// `InputError` of kind `.export` with its position; after a throw every call throws again.
    func next() throws -> ExportEntry?
}
