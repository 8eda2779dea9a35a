#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The keys a JSON file repeats (the same few dozen in every profile), each made a `String`
/// once: a key's bytes are looked up by an FNV-1a hash and compared byte by byte, so a repeated
/// key costs no UTF-8 decoding and no allocation, and it has a small id for duplicate checks.
///
/// Only ASCII keys are kept (for them equal bytes and equal `String`s are the same thing; other
/// keys may be canonically equal with different bytes), and at most `limit` of them: later new
/// keys are never kept, so whether a key has an id depends only on its bytes within one file.
struct JSONKeyTable {
    static let limit = 1024
    private static let slotCount = 4096  // a power of two, well above `limit`

    /// The kept keys, by id.
    private(set) var keys: [String] = []
    /// The kept keys' `ExportContentHash.key`, by id (the R15 content hash of an entry adds it up).
    private(set) var contentHashes: [UInt64] = []
    private var hashes: [UInt32] = []
    private var starts: [Int] = []
    private var arena: [UInt8] = []
    /// Open addressing: id + 1 of the key in each slot, 0 when empty.
    private var slots = [Int32](repeating: 0, count: JSONKeyTable.slotCount)

    /// Per key id (and `limit` for "no key yet"), the id of the key that followed it last time:
    /// objects repeat their keys in the same order, so the next key is checked against it first.
    private var successors = [Int32](repeating: -1, count: JSONKeyTable.limit + 1)

    /// `id(of:)` of the key that follows the key `previous` (nil: the object's first key, or a
    /// key without an id) in an object: the key that followed it last time is tried first.
    mutating func id(of bytes: UnsafeBufferPointer<UInt8>, after previous: Int?) -> Int? {
        let slot = previous ?? Self.limit
        let guess = Int(successors[slot])
        if guess >= 0, matches(guess, bytes) { return guess }
        let found = id(of: bytes)
        if let found { successors[slot] = Int32(found) }
        return found
    }

    /// The id of the key with these UTF-8 bytes, keeping it when it is new, ASCII and there is
    /// room; nil for a key that is not kept.
    mutating func id(of bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var h: UInt32 = 0x811C_9DC5
        for b in bytes { h = (h ^ UInt32(b)) &* 0x0100_0193 }
        let mask = Self.slotCount - 1
        var slot = Int(h) & mask
        let found: Int? = slots.withUnsafeBufferPointer { slots in
            while true {
                let entry = Int(slots[slot])
                if entry == 0 { return nil }
                let id = entry - 1
                if hashes[id] == h, matches(id, bytes) { return id }
                slot = (slot + 1) & mask
            }
        }
        if let found { return found }
        guard keys.count < Self.limit, bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
        let id = keys.count
        keys.append(String(decoding: bytes, as: UTF8.self))
        contentHashes.append(ExportContentHash.key(bytes: bytes))
        hashes.append(h)
        starts.append(arena.count)
        arena.append(contentsOf: bytes)
        starts.append(arena.count)
        slots[slot] = Int32(id + 1)
        return id
    }

    @inline(__always)
    private func matches(_ id: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = starts[2 * id]
        guard starts[2 * id + 1] - start == bytes.count else { return false }
        guard let base = bytes.baseAddress else { return true }
        return arena.withUnsafeBufferPointer { memcmp($0.baseAddress! + start, base, bytes.count) == 0 }
    }
}
