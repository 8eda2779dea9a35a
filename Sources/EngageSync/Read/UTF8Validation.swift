/// Whether bytes are well-formed UTF-8 (The Unicode Standard, table 3-7: no overlong forms, no
/// surrogates, nothing above U+10FFFF), checked in place: `String(validating:)` builds a
/// string and costs about a thousand instructions a cell, too much for snapshots of millions of rows.
enum UTF8Validation {
    static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let raw = UnsafeRawPointer(base)
        var i = 0
        let n = bytes.count
        while i < n {
            // ASCII 8 bytes a step.
            while i + 8 <= n && raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 { i += 8 }
            if i >= n { break }
            let len = sequenceLength(base, at: i, end: n)
            if len == 0 { return false }
            i += len
        }
        return true
    }

    /// The length of the well-formed UTF-8 sequence that starts at `p[i]` (the bytes end at
    /// `p[end]`), 0 when it is not one.
    @inline(__always)
    static func sequenceLength(_ p: UnsafePointer<UInt8>, at i: Int, end: Int) -> Int {
        let avail = end - i
        @inline(__always) func cont(_ k: Int, _ lo: UInt8 = 0x80, _ hi: UInt8 = 0xBF) -> Bool {
            k < avail && p[i + k] >= lo && p[i + k] <= hi
        }
        switch p[i] {
        case 0x00...0x7F: return 1
        case 0xC2...0xDF: return cont(1) ? 2 : 0
        case 0xE0: return cont(1, 0xA0) && cont(2) ? 3 : 0
        case 0xE1...0xEC, 0xEE, 0xEF: return cont(1) && cont(2) ? 3 : 0
        case 0xED: return cont(1, 0x80, 0x9F) && cont(2) ? 3 : 0
        case 0xF0: return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0
        case 0xF1...0xF3: return cont(1) && cont(2) && cont(3) ? 4 : 0
        case 0xF4: return cont(1, 0x80, 0x8F) && cont(2) && cont(3) ? 4 : 0
        default: return 0
        }
    }
}
