import Foundation

/// One CRM record of an object the sync writes, normalised when the snapshot is loaded so that
/// comparing it with mapped values is plain text equality (R3): ids with 18 characters,
/// datetimes in UTC with milliseconds, booleans lowercase.
///
/// A snapshot holds millions of these, so a record keeps its texts in one byte buffer (one
/// allocation instead of one per field) and its location in compact numbers; the properties
/// read and write them as before.
public struct CRMRecord: Sendable, Equatable {
    /// A fixed header (`lastModifiedDate`: a presence byte and 8 bytes; the location's line,
    /// column and row: 4 bytes each), then the slots: the location's field, `id`, `recordTypeId`,
    /// `lastModifiedById`, then the values: each a 2-byte length (`0xFFFF` null, `0xFFFE` a
    /// 4-byte length follows) and its UTF-8 bytes.
    private var storage: [UInt8]
    /// Shared by every record of a file (no copy per record).
    private(set) var locationPath: String

    private static let headerSize = 21
    /// The slot of `id`; values start 3 slots later.
    private static let firstSlot = 1

    public init(id: String?, recordTypeId: String?, lastModifiedById: String?, lastModifiedDate: Instant?,
                values: [String?], location: SourceLocation) {
        var bytes: [UInt8] = []
        var size = Self.headerSize + Self.encodedSize(location.field) + Self.encodedSize(id)
            + Self.encodedSize(recordTypeId) + Self.encodedSize(lastModifiedById)
        for value in values { size += Self.encodedSize(value) }
        bytes.reserveCapacity(size)
        Self.appendHeader(lastModifiedDate: lastModifiedDate, location: location, to: &bytes)
        Self.append(id, to: &bytes)
        Self.append(recordTypeId, to: &bytes)
        Self.append(lastModifiedById, to: &bytes)
        for value in values { Self.append(value, to: &bytes) }
        storage = bytes
        locationPath = location.path
    }

    /// Starts the (empty) storage `bytes` with what every record starts with: the fixed header
    /// and the location's field slot.
    static func appendHeader(lastModifiedDate: Instant?, location: SourceLocation, to bytes: inout [UInt8]) {
        precondition(bytes.isEmpty, "a record's header starts its storage")
        bytes.append(contentsOf: repeatElement(0, count: headerSize))
        put(lastModifiedDate, into: &bytes)
        put(location.line, at: 0, into: &bytes)
        put(location.column, at: 1, into: &bytes)
        put(location.row, at: 2, into: &bytes)
        append(location.field, to: &bytes)
    }

    /// A record from its storage bytes, as `withStorage` gave them (`CRMRecordTable`).
    init(storage: [UInt8], locationPath: String) {
        self.storage = storage
        self.locationPath = locationPath
    }

    /// Calls `body` with the record's storage bytes.
    func withStorage<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        storage.withUnsafeBufferPointer(body)
    }

    /// Where the record Id stands in storage bytes as `withStorage` gives them; nil when it has none.
    static func idRange(inStorage bytes: UnsafeRawBufferPointer) -> Range<Int>? {
        slot(firstSlot, inStorage: bytes).text
    }

    /// Slot `index` of storage bytes: the bytes it takes (its length included) and its text's
    /// bytes (nil: null).
    private static func slot(_ index: Int, inStorage bytes: UnsafeRawBufferPointer) -> (all: Range<Int>, text: Range<Int>?) {
        var at = headerSize
        for _ in 0..<index { at = read(bytes, at).next }
        let (text, next) = read(bytes, at)
        return (at..<next, text)
    }

    /// A record from storage bytes with value `i` replaced by `text`, built in one pass.
    init(storage bytes: UnsafeRawBufferPointer, locationPath: String, replacingValue i: Int, with text: String) {
        let old = Self.slot(Self.firstSlot + 3 + i, inStorage: bytes).all
        var storage: [UInt8] = []
        storage.reserveCapacity(bytes.count - old.count + Self.encodedSize(text))
        storage.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[..<old.lowerBound]))
        Self.append(text, to: &storage)
        storage.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[old.upperBound...]))
        self.init(storage: storage, locationPath: locationPath)
    }

    public var lastModifiedDate: Instant? {
        get {
            guard storage[0] == 1 else { return nil }
            var v: UInt64 = 0
            for b in 0..<8 { v |= UInt64(storage[1 + b]) << (8 * UInt64(b)) }
            return Instant(millisecondsSince1970: Int64(bitPattern: v))
        }
        set { Self.put(newValue, into: &storage) }
    }

    private static func put(_ date: Instant?, into bytes: inout [UInt8]) {
        bytes[0] = date == nil ? 0 : 1
        let v = UInt64(bitPattern: date?.millisecondsSince1970 ?? 0)
        for b in 0..<8 { bytes[1 + b] = UInt8((v >> (8 * UInt64(b))) & 0xFF) }
    }

    private func number(_ k: Int) -> Int? {
        var v: UInt32 = 0
        for b in 0..<4 { v |= UInt32(storage[9 + 4 * k + b]) << (8 * UInt32(b)) }
        return Self.expand(Int32(bitPattern: v))
    }

    /// The Salesforce record Id (18 characters), when the snapshot has it.
    public var id: String? {
        get { slot(Self.firstSlot) }
        set { replace(Self.firstSlot, newValue) }
    }

    public var recordTypeId: String? {
        get { slot(Self.firstSlot + 1) }
        set { replace(Self.firstSlot + 1, newValue) }
    }

    public var lastModifiedById: String? {
        get { slot(Self.firstSlot + 2) }
        set { replace(Self.firstSlot + 2, newValue) }
    }

    /// Values of the object's mapped fields, in the mapping's field order; nil is null.
    public var values: [String?] {
        get {
            var out: [String?] = []
            var at = skip(Self.firstSlot + 3)
            while at < storage.count {
                let (range, next) = Self.read(storage, at)
                out.append(range.map { text($0) })
                at = next
            }
            return out
        }
        set {
            storage = Array(storage[..<Self.headerSize])
                + Self.encode([location.field, id, recordTypeId, lastModifiedById] + newValue)
        }
    }

    /// Value `i`, decoded alone.
    public func value(_ i: Int) -> String? { slot(Self.firstSlot + 3 + i) }

    /// Whether value `i` is not null.
    public func hasValue(_ i: Int) -> Bool { Self.read(storage, skip(Self.firstSlot + 3 + i)).range != nil }

    /// Whether value `i` is `text` (both null, or the same bytes), without decoding it.
    public func value(_ i: Int, equals text: String?) -> Bool {
        let range = Self.read(storage, skip(Self.firstSlot + 3 + i)).range
        guard let range, var target = text else { return range == nil && text == nil }
        return target.withUTF8 { bytes in
            bytes.count == range.count && storage.withUnsafeBufferPointer { all in
                memcmp(all.baseAddress! + range.lowerBound, bytes.baseAddress!, bytes.count) == 0
            }
        }
    }

    /// Per value, in order, in one pass over the buffer: whether it is `texts[i]` (both null, or
    /// the same bytes) and whether it is not null. `texts` has one text per value.
    public func compare(_ texts: [String?]) -> [(equal: Bool, present: Bool)] {
        var out: [(equal: Bool, present: Bool)] = []
        out.reserveCapacity(texts.count)
        var at = skip(Self.firstSlot + 3)
        storage.withUnsafeBufferPointer { all in
            for text in texts {
                let (range, next) = Self.read(storage, at)
                at = next
                guard let range, var target = text else {
                    out.append((range == nil && text == nil, range != nil))
                    continue
                }
                let equal = target.withUTF8 { bytes in
                    bytes.count == range.count
                        && memcmp(all.baseAddress! + range.lowerBound, bytes.baseAddress!, bytes.count) == 0
                }
                out.append((equal, true))
            }
        }
        return out
    }

    /// Sets value `i` (its bytes replaced in place).
    public mutating func setValue(_ i: Int, _ text: String?) { replace(Self.firstSlot + 3 + i, text) }

    public var location: SourceLocation {
        get {
            SourceLocation(path: locationPath, line: number(0), column: number(1), row: number(2),
                           field: slot(0))
        }
        set { self = CRMRecord(id: id, recordTypeId: recordTypeId, lastModifiedById: lastModifiedById,
                               lastModifiedDate: lastModifiedDate, values: values, location: newValue) }
    }

    public static func == (a: CRMRecord, b: CRMRecord) -> Bool {
        a.storage == b.storage && a.locationPath == b.locationPath
    }

    // MARK: - Storage

    private static func compact(_ n: Int?) -> Int32 {
        guard let n else { return .min }
        return Int32(clamping: n)
    }

    private static func expand(_ n: Int32) -> Int? { n == .min ? nil : Int(n) }

    /// Location number `k` (line, column, row) in the header.
    private static func put(_ n: Int?, at k: Int, into bytes: inout [UInt8]) {
        let v = UInt32(bitPattern: compact(n))
        for b in 0..<4 { bytes[9 + 4 * k + b] = UInt8((v >> (8 * UInt32(b))) & 0xFF) }
    }

    private static func encode(_ texts: [String?]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(texts.reduce(0) { $0 + encodedSize($1) })
        for text in texts { append(text, to: &out) }
        return out
    }

    private static func encodedSize(_ text: String?) -> Int {
        guard let n = text?.utf8.count else { return 2 }
        return n < 0xFFFE ? 2 + n : 6 + n
    }

    /// One slot: its length and its UTF-8 bytes, copied from the string's contiguous storage.
    private static func append(_ text: String?, to out: inout [UInt8]) {
        guard var text else {
            appendNull(to: &out)
            return
        }
        let slot = openSlot(in: &out)
        text.withUTF8 { out.append(contentsOf: $0) }
        closeSlot(openedAt: slot, in: &out)
    }

    /// A null slot.
    static func appendNull(to out: inout [UInt8]) {
        out.append(0xFF)
        out.append(0xFF)
    }

    /// Starts a slot whose bytes the caller appends next; `closeSlot` then writes its length.
    static func openSlot(in out: inout [UInt8]) -> Int {
        out.append(0)
        out.append(0)
        return out.count - 2
    }

    /// Writes the length of the slot `openSlot` started at `at`: 2 bytes, or `0xFFFE` and 4 more
    /// for a text of 64 KB or more.
    static func closeSlot(openedAt at: Int, in out: inout [UInt8]) {
        let n = out.count - at - 2
        if n < 0xFFFE {
            out[at] = UInt8(n & 0xFF)
            out[at + 1] = UInt8(n >> 8)
        } else {
            out[at] = 0xFE
            out[at + 1] = 0xFF
            out.insert(contentsOf: (0..<4).map { UInt8((n >> (8 * $0)) & 0xFF) }, at: at + 2)
        }
    }

    /// The bytes of the slot at byte offset `at` (nil: null) and where the next slot starts.
    private static func read<Bytes: RandomAccessCollection>(_ storage: Bytes, _ at: Int) -> (range: Range<Int>?, next: Int)
    where Bytes.Element == UInt8, Bytes.Index == Int {
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
        var at = Self.headerSize
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
        let start = skip(index)
        let end = Self.read(storage, start).next
        storage.replaceSubrange(start..<end, with: Self.encode([text]))
    }
}
