/// A cheap content hash of an export entry for R15 (duplicate entries with the same
/// `updated_at` are compared by content): FNV-1a over every key and value, combined without
/// regard to dictionary order, so equal content always gives an equal hash.
///
/// The readers work it out while they build the entry (`ExportContentHash`, on the reading
/// thread); an entry built or changed otherwise works it out when asked.
extension ExportEntry {
    public var contentHash: Int {
        Int(truncatingIfNeeded: parsedContentHash ?? ExportContentHash.of(values: values, lists: lists))
    }
}

/// The parts of `ExportEntry.contentHash`, for readers that add them up as they read: the sum
/// of `field` over the entry's scalars plus the sum of `list` over its lists, where an item's
/// hash is the sum of `field` over its scalars.
enum ExportContentHash {
    static let basis: UInt64 = 0xCBF2_9CE4_8422_2325
    static let prime: UInt64 = 0x0000_0100_0000_01B3

    /// The hash of the whole content, walking every dictionary.
    static func of(values: ExportFields<ExportScalar>, lists: ExportFields<[ExportItem]>) -> UInt64 {
        var total = of(item: values)
        for field in lists.fields {
            total &+= list(key: field.key, itemHashes: field.value.lazy.map { of(item: $0.values) })
        }
        return total
    }

    /// The hash of one list item's scalars.
    static func of(item values: ExportFields<ExportScalar>) -> UInt64 {
        var total: UInt64 = 0
        for field in values.fields { total &+= self.field(keyHash: field.tag, field.value) }
        return total
    }

    /// The hash of one key/scalar pair.
    @inline(__always)
    static func field(key: String, _ value: ExportScalar) -> UInt64 {
        field(keyHash: self.key(key), value)
    }

    /// The hash of one key/scalar pair whose key's `key(_:)` is known.
    @inline(__always)
    static func field(keyHash: UInt64, _ value: ExportScalar) -> UInt64 {
        mix(fnv(value, keyHash))
    }

    /// The hash of a list: its key and its items' hashes, in order (list order counts).
    static func list(key: String, itemHashes: some Sequence<UInt64>) -> UInt64 {
        var h = ListHash(key: key)
        for itemHash in itemHashes { h.add(itemHash) }
        return h.value
    }

    /// `list`, added up an item at a time.
    struct ListHash {
        private var h: UInt64

        init(key: String) { h = fnv(key, basis ^ 0x9E37_79B9_7F4A_7C15) }

        mutating func add(_ itemHash: UInt64) { h = (h ^ itemHash) &* prime }

        var value: UInt64 { mix(h) }
    }

    /// A key's part of `field`: FNV-1a of its UTF-8 bytes and an end mark.
    @inline(__always)
    static func key(_ text: String) -> UInt64 { fnv(text, basis) }

    /// `key(_:)` of a key given as its UTF-8 bytes.
    @inline(__always)
    static func key(bytes: UnsafeBufferPointer<UInt8>) -> UInt64 { fnv(bytes, basis) }

    @inline(__always)
    private static func fnv(_ bytes: UnsafeBufferPointer<UInt8>, _ seed: UInt64) -> UInt64 {
        var h = seed
        for b in bytes { h = (h ^ UInt64(b)) &* prime }
        return (h ^ 0xFF) &* prime  // end of the text: "ab"+"c" differs from "a"+"bc"
    }

    @inline(__always)
    private static func fnv(_ text: String, _ seed: UInt64) -> UInt64 {
        var text = text
        return text.withUTF8 { fnv($0, seed) }
    }

    @inline(__always)
    private static func fnv(_ scalar: ExportScalar, _ seed: UInt64) -> UInt64 {
        switch scalar {
        case .text(let s): return fnv(s, (seed ^ 1) &* prime)
        case .number(let s): return fnv(s, (seed ^ 2) &* prime)
        case .boolean(let b): return ((seed ^ (b ? 3 : 4)) &* prime)
        }
    }

    /// A finaliser (SplitMix64) so that sums of element hashes do not cancel out.
    @inline(__always)
    private static func mix(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
