/// A cheap content hash of an export entry for R15 (duplicate entries with the same
/// `updated_at` are compared by content): FNV-1a over every key and value, combined without
/// regard to dictionary order, so equal content always gives an equal hash.
extension ExportEntry {
    public var contentHash: Int {
        var total: UInt64 = 0
        for (key, value) in values { total &+= Self.mix(Self.fnv(value, Self.fnv(key, Self.basis))) }
        for (key, items) in lists {
            var h = Self.fnv(key, Self.basis ^ 0x9E37_79B9_7F4A_7C15)
            for item in items {  // list order counts
                var itemHash: UInt64 = 0
                for (k, v) in item.values { itemHash &+= Self.mix(Self.fnv(v, Self.fnv(k, Self.basis))) }
                h = (h ^ itemHash) &* Self.prime
            }
            total &+= Self.mix(h)
        }
        return Int(truncatingIfNeeded: total)
    }

    private static let basis: UInt64 = 0xCBF2_9CE4_8422_2325
    private static let prime: UInt64 = 0x0000_0100_0000_01B3

    private static func fnv(_ text: String, _ seed: UInt64) -> UInt64 {
        var h = seed
        var text = text
        text.withUTF8 { bytes in
            for b in bytes { h = (h ^ UInt64(b)) &* prime }
        }
        return (h ^ 0xFF) &* prime  // end of the text: "ab"+"c" differs from "a"+"bc"
    }

    private static func fnv(_ scalar: ExportScalar, _ seed: UInt64) -> UInt64 {
        switch scalar {
        case .text(let s): return fnv(s, (seed ^ 1) &* prime)
        case .number(let s): return fnv(s, (seed ^ 2) &* prime)
        case .boolean(let b): return ((seed ^ (b ? 3 : 4)) &* prime)
        }
    }

    /// A finaliser (SplitMix64) so that sums of element hashes do not cancel out.
    private static func mix(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
