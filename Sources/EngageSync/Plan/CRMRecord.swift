import Foundation

/// One CRM record of an object the sync writes, normalised when the snapshot is loaded so that
/// comparing it with mapped values is plain text equality (R3): ids with 18 characters,
/// datetimes in UTC with milliseconds, booleans lowercase.
///
/// A snapshot holds millions of these, so a record keeps its texts in one byte buffer (one
/// allocation instead of one per field) and its location in compact numbers; the properties
/// read and write them as before.
public struct CRMRecord: Sendable, Equatable {
    /// Slots `id`, `recordTypeId`, `lastModifiedById`, then the values: each a 2-byte length
    /// (`0xFFFF` null, `0xFFFE` a 4-byte length follows) and its UTF-8 bytes.
    private var storage: [UInt8]
    public var lastModifiedDate: Instant?
    private var locationPath: String
    private var locationNumbers: (line: Int32, column: Int32, row: Int32)
    private var locationField: String?

    public init(id: String?, recordTypeId: String?, lastModifiedById: String?, lastModifiedDate: Instant?,
                values: [String?], location: SourceLocation) {
        storage = Self.encode([id, recordTypeId, lastModifiedById] + values)
        self.lastModifiedDate = lastModifiedDate
        locationPath = location.path
        locationNumbers = (Self.compact(location.line), Self.compact(location.column), Self.compact(location.row))
        locationField = location.field
    }

    /// The Salesforce record Id (18 characters), when the snapshot has it.
    public var id: String? {
        get { slot(0) }
        set { replace(0, newValue) }
    }

    public var recordTypeId: String? {
        get { slot(1) }
        set { replace(1, newValue) }
    }

    public var lastModifiedById: String? {
        get { slot(2) }
        set { replace(2, newValue) }
    }

    /// Values of the object's mapped fields, in the mapping's field order; nil is null.
    public var values: [String?] {
        get {
            var out: [String?] = []
            var at = skip(3)
            while at < storage.count {
                let (range, next) = Self.read(storage, at)
                out.append(range.map { text($0) })
                at = next
            }
            return out
        }
        set { storage = Self.encode([id, recordTypeId, lastModifiedById] + newValue) }
    }

    /// Value `i`, decoded alone.
    public func value(_ i: Int) -> String? { slot(3 + i) }

    /// Whether value `i` is not null.
    public func hasValue(_ i: Int) -> Bool { Self.read(storage, skip(3 + i)).range != nil }

    /// Whether value `i` is `text` (both null, or the same bytes), without decoding it.
    public func value(_ i: Int, equals text: String?) -> Bool {
        let range = Self.read(storage, skip(3 + i)).range
        guard let range, var target = text else { return range == nil && text == nil }
        return target.withUTF8 { bytes in
            bytes.count == range.count && storage.withUnsafeBufferPointer { all in
                memcmp(all.baseAddress! + range.lowerBound, bytes.baseAddress!, bytes.count) == 0
            }
        }
    }

    /// Sets value `i` (its bytes replaced in place).
    public mutating func setValue(_ i: Int, _ text: String?) {
        let start = skip(3 + i)
        let end = Self.read(storage, start).next
        storage.replaceSubrange(start..<end, with: Self.encode([text]))
    }

    public var location: SourceLocation {
        get {
            SourceLocation(path: locationPath, line: Self.expand(locationNumbers.line),
                           column: Self.expand(locationNumbers.column), row: Self.expand(locationNumbers.row),
                           field: locationField)
        }
        set { self = CRMRecord(id: id, recordTypeId: recordTypeId, lastModifiedById: lastModifiedById,
                               lastModifiedDate: lastModifiedDate, values: values, location: newValue) }
    }

    public static func == (a: CRMRecord, b: CRMRecord) -> Bool {
        a.storage == b.storage && a.lastModifiedDate == b.lastModifiedDate && a.location == b.location
    }

    // MARK: - Storage

    private static func compact(_ n: Int?) -> Int32 {
        guard let n else { return .min }
        return Int32(clamping: n)
    }

    private static func expand(_ n: Int32) -> Int? { n == .min ? nil : Int(n) }

    private static func encode(_ texts: [String?]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(texts.reduce(0) { $0 + 2 + ($1?.utf8.count ?? 0) })
        for text in texts {
            guard let text else {
                out.append(0xFF); out.append(0xFF)
                continue
            }
            let n = text.utf8.count
            if n < 0xFFFE {
                out.append(UInt8(n & 0xFF)); out.append(UInt8(n >> 8))
            } else {
                out.append(0xFE); out.append(0xFF)
                for shift in stride(from: 0, to: 32, by: 8) { out.append(UInt8((n >> shift) & 0xFF)) }
            }
            out.append(contentsOf: text.utf8)
        }
        return out
    }

    /// The bytes of the slot at byte offset `at` (nil: null) and where the next slot starts.
    private static func read(_ storage: [UInt8], _ at: Int) -> (range: Range<Int>?, next: Int) {
        let n = Int(storage[at]) | Int(storage[at + 1]) << 8
        if n == 0xFFFF { return (nil, at + 2) }
        if n == 0xFFFE {
            var long = 0
            for k in 0..<4 { long |= Int(storage[at + 2 + k]) << (8 * k) }
            return (at + 6..<at + 6 + long, at + 6 + long)
        }
        return (at + 2..<at + 2 + n, at + 2 + n)
    }

    /// The byte offset of slot `index`.
    private func skip(_ index: Int) -> Int {
        var at = 0
        for _ in 0..<index { at = Self.read(storage, at).next }
        return at
    }

    private func text(_ range: Range<Int>) -> String {
        storage.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[range]), as: UTF8.self) }
    }

    private func slot(_ index: Int) -> String? {
        Self.read(storage, skip(index)).range.map { text($0) }
    }

    private mutating func replace(_ index: Int, _ text: String?) {
        var texts = [id, recordTypeId, lastModifiedById] + values
        texts[index] = text
        storage = Self.encode(texts)
    }
}
