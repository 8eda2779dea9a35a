#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The CRM records of one object by external id (SPEC §2), stored back to back in one byte
/// arena with a `ByteKeyIndex` over their keys: a snapshot of millions of records costs its
/// bytes plus ~30 bytes a record, instead of a `String` key, an array and a dictionary slot each.
///
/// Records get numbers in the order they are added; a key added again points to the new record
/// (the old one keeps its number and bytes). A record is materialised as a `CRMRecord` when it
/// is read.
public struct CRMRecordTable: Sendable {
    /// Per record: key length (UInt32), record length (UInt32), path number (UInt16), key bytes,
    /// record bytes. Chunks of 4 MB (a larger record gets a chunk of its own), so that growing
    /// never copies what is stored (a doubling array would hold twice its size while it moves).
    private var chunks: [[UInt8]] = []
    /// Where record n starts: chunk number << 32 | offset in the chunk.
    private var starts: [Int] = []
    private var paths: [String] = []
    private var index = ByteKeyIndex()
    private var removed: Set<Int> = []
    /// A value that names a record of another table, resolved after loading: that table, the
    /// value's index, and per record the other table's record number (or -1: as stored).
    private var referenced: [CRMRecordTable] = []
    private var referenceValue = 0
    private var references: [Int32] = []

    private static let headerSize = 10
    private static let chunkSize = 4 << 20

    public init() {}

    /// Keys held.
    public var count: Int { index.count - removed.count }
    public var isEmpty: Bool { count == 0 }
    /// Records added, replaced ones included: record numbers are `0..<recordCount`.
    public var recordCount: Int { starts.count }

    /// The record of `key`; setting replaces it (nil removes it).
    public subscript(key: String) -> CRMRecord? {
        get { recordNumber(of: key).map { record(at: $0) } }
        set {
            if let newValue {
                updateValue(newValue, forKey: key)
            } else if let n = recordNumber(of: key) {
                removed.insert(n)
            }
        }
    }

    /// Adds `record` under `key`; true when the key was there already (the new record wins).
    @discardableResult
    public mutating func updateValue(_ record: CRMRecord, forKey key: String) -> Bool {
        var key = key
        return key.withUTF8 { keyBytes in
            record.withStorage { storage in
                add(key: UnsafeRawBufferPointer(keyBytes), storage: UnsafeRawBufferPointer(storage),
                    path: record.locationPath)
            }
        }
    }

    /// Adds a record given as its key's bytes and a `CRMRecord`'s storage bytes.
    mutating func add(key: UnsafeRawBufferPointer, storage: UnsafeRawBufferPointer, path: String) -> Bool {
        let n = starts.count
        let pathNumber: Int
        if let last = paths.indices.last, paths[last] == path {
            pathNumber = last
        } else if let found = paths.firstIndex(of: path) {
            pathNumber = found
        } else {
            precondition(paths.count < 0xFFFF, "too many snapshot files")
            paths.append(path)
            pathNumber = paths.count - 1
        }
        let size = Self.headerSize + key.count + storage.count
        if chunks.isEmpty || chunks[chunks.count - 1].count + size > Self.chunkSize {
            var chunk: [UInt8] = []
            chunk.reserveCapacity(max(size, Self.chunkSize))
            chunks.append(chunk)
        }
        let c = chunks.count - 1
        starts.append(c << 32 | chunks[c].count)
        Self.appendNumber(UInt32(key.count), 4, to: &chunks[c])
        Self.appendNumber(UInt32(storage.count), 4, to: &chunks[c])
        Self.appendNumber(UInt32(pathNumber), 2, to: &chunks[c])
        chunks[c].append(contentsOf: key)
        chunks[c].append(contentsOf: storage)
        let hash = ByteKeyIndex.hash(key)
        let previous = index.find(hash: hash) { keyEquals($0, key) }
        index.insert(hash: hash, record: n, replacing: previous)
        if let previous { removed.remove(previous) }
        return previous != nil
    }

    /// The number of the record `key` points to.
    public func recordNumber(of key: String) -> Int? {
        var key = key
        return key.withUTF8 { recordNumber(ofKey: UnsafeRawBufferPointer($0)) }
    }

    func recordNumber(ofKey key: UnsafeRawBufferPointer) -> Int? {
        guard let n = index.find(hash: ByteKeyIndex.hash(key), { keyEquals($0, key) }) else { return nil }
        return removed.isEmpty || !removed.contains(n) ? n : nil
    }

    /// Record `n` as a `CRMRecord` (a referenced value filled in with the other record's key).
    public func record(at n: Int) -> CRMRecord {
        withBytes(at: n) { _, storage, pathNumber in
            if !references.isEmpty, references[n] >= 0 {
                return CRMRecord(storage: storage, locationPath: paths[pathNumber], replacingValue: referenceValue,
                                 with: referenced[0].key(at: Int(references[n])))
            }
            return CRMRecord(storage: Array(storage), locationPath: paths[pathNumber])
        }
    }

    /// The key of record `n`.
    public func key(at n: Int) -> String {
        withKey(at: n) { String(decoding: $0, as: UTF8.self) }
    }

    /// Calls `body` with the bytes of record `n`'s key.
    func withKey<R>(at n: Int, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        withBytes(at: n) { key, _, _ in body(key) }
    }

    /// Calls `body` with the storage bytes of record `n` (as `CRMRecord` lays them out).
    func withStorage<R>(at n: Int, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        withBytes(at: n) { _, storage, _ in body(storage) }
    }

    /// Value `valueIndex` of every record names a record of `keys` by number (-1: the value as stored).
    mutating func setReferences(valueIndex: Int, records: [Int32], keys: CRMRecordTable) {
        precondition(records.count == starts.count)
        referenced = [keys]
        referenceValue = valueIndex
        references = records
    }

    // MARK: - Arena

    private func keyEquals(_ n: Int, _ key: UnsafeRawBufferPointer) -> Bool {
        withKey(at: n) { stored in
            stored.count == key.count && (key.count == 0 || memcmp(stored.baseAddress!, key.baseAddress!, key.count) == 0)
        }
    }

    /// Calls `body` with record n's key bytes, storage bytes and path number.
    @inline(__always)
    private func withBytes<R>(at n: Int, _ body: (UnsafeRawBufferPointer, UnsafeRawBufferPointer, Int) -> R) -> R {
        let start = starts[n]
        let offset = start & 0xFFFF_FFFF
        return chunks[start >> 32].withUnsafeBytes { chunk in
            let keyCount = Int(chunk.loadUnaligned(fromByteOffset: offset, as: UInt32.self).littleEndian)
            let storageCount = Int(chunk.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self).littleEndian)
            let pathNumber = Int(chunk.loadUnaligned(fromByteOffset: offset + 8, as: UInt16.self).littleEndian)
            let keyStart = offset + Self.headerSize
            return body(UnsafeRawBufferPointer(rebasing: chunk[keyStart..<keyStart + keyCount]),
                        UnsafeRawBufferPointer(rebasing: chunk[keyStart + keyCount..<keyStart + keyCount + storageCount]),
                        pathNumber)
        }
    }

    private static func appendNumber(_ value: UInt32, _ width: Int, to bytes: inout [UInt8]) {
        for b in 0..<width { bytes.append(UInt8(truncatingIfNeeded: value >> (8 * UInt32(b)))) }
    }
}
