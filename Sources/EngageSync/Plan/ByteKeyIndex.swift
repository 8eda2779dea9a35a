/// An open-addressing hash index from byte strings to record numbers, for snapshots of
/// millions of records: one `UInt64` slot per bucket and no key stored here (the owner keeps
/// the keys and says whether record `n` has the key looked for), so it costs ~16 bytes per
/// record instead of a `String` key and a dictionary slot.
///
/// A slot holds the upper 32 bits of the key's hash (which also pick the bucket) and the
/// record number + 1; 0 is an empty bucket.
struct ByteKeyIndex: Sendable {
    private var slots: [UInt64]
    private var mask: Int
    /// Keys held.
    private(set) var count = 0

    init(capacity: Int = 0) {
        var buckets = 16
        while buckets * 3 < capacity * 4 + 4 { buckets <<= 1 }
        slots = Array(repeating: 0, count: buckets)
        mask = buckets - 1
    }

    /// The record with the key whose hash is `hash`, when `matches(n)` says record n has it.
    @inline(__always)
    func find(hash: UInt64, _ matches: (Int) -> Bool) -> Int? {
        let tag = hash >> 32
        var bucket = Int(truncatingIfNeeded: tag) & mask
        return slots.withUnsafeBufferPointer { slots in
            while true {
                let slot = slots[bucket]
                if slot == 0 { return nil }
                if slot >> 32 == tag {
                    let n = Int(truncatingIfNeeded: slot & 0xFFFF_FFFF) - 1
                    if matches(n) { return n }
                }
                bucket = (bucket + 1) & mask
            }
        }
    }

    /// Points the key whose hash is `hash` to record `n`: a new key, or the key that `find`
    /// found at record `previous` (then the key's slot is reused).
    mutating func insert(hash: UInt64, record n: Int, replacing previous: Int?) {
        precondition(n < 0xFFFF_FFFE, "more than 4 billion records in one snapshot object")
        if previous == nil, (count + 1) * 4 > slots.count * 3 { grow() }
        let tag = hash >> 32
        var bucket = Int(truncatingIfNeeded: tag) & mask
        let value = tag << 32 | UInt64(n + 1)
        let old = previous.map { tag << 32 | UInt64($0 + 1) } ?? 0
        slots.withUnsafeMutableBufferPointer { slots in
            while slots[bucket] != old { bucket = (bucket + 1) & mask }
            slots[bucket] = value
        }
        if previous == nil { count += 1 }
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: 0, count: old.count * 2)
        mask = slots.count - 1
        slots.withUnsafeMutableBufferPointer { slots in
            for slot in old where slot != 0 {
                var bucket = Int(truncatingIfNeeded: slot >> 32) & mask
                while slots[bucket] != 0 { bucket = (bucket + 1) & mask }
                slots[bucket] = slot
            }
        }
    }

    /// A fast 64-bit hash of a byte string (8 bytes a step, then a SplitMix64 finaliser).
    @inline(__always)
    static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
        var i = 0
        let n = bytes.count
        while i + 8 <= n {
            h = (h ^ bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 31
            i += 8
        }
        if i < n {
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while i < n {
                tail |= UInt64(bytes[i]) << shift
                shift += 8
                i += 1
            }
            h = (h ^ tail) &* 0xBF58_476D_1CE4_E5B9
        }
        h ^= h >> 30
        h &*= 0xBF58_476D_1CE4_E5B9
        h ^= h >> 27
        h &*= 0x94D0_49BB_1331_11EB
        return h ^ (h >> 31)
    }
}
