/// A Salesforce record id in its 18-character, case-safe form (R9).
///
/// Accepts the 15-character case-sensitive form and adds the checksum suffix; an
/// 18-character id must carry the suffix its first 15 characters imply.
public struct SalesforceId: Hashable, Sendable, CustomStringConvertible, Comparable {
    /// The 18-character form.
    public let value: String

    /// Why a text is not a Salesforce id.
    public enum Problem: Error, Equatable, Sendable, CustomStringConvertible {
        case length(Int)
        case character(Character)
        case checksum(expected: String)

        public var description: String {
            switch self {
            case .length(let n): return "has \(n) characters, not 15 or 18"
            case .character(let c): return "has the character '\(c)', not a letter or digit"
            case .checksum(let expected): return "has a wrong checksum suffix (expected \(expected))"
            }
        }
    }

    /// Parses a 15- or 18-character id.
    public init(parsing text: String) throws(Problem) {
        // Works on the UTF-8 bytes in place: an 18-character id with an upper-case suffix is
        // kept as it is, without building any new string.
        var text = text
        let parsed: Result<String?, Problem> = text.withUTF8 { bytes in
            switch Self.check(UnsafeRawBufferPointer(bytes)) {
            case .kept: return .success(nil)
            case .invalid(let problem): return .failure(problem)
            case .suffix(let a, let b, let c):
                return .success(String(unsafeUninitializedCapacity: 18) { out in
                    for i in 0..<15 { out[i] = bytes[i] }
                    out[15] = a
                    out[16] = b
                    out[17] = c
                    return 18
                })
            }
        }
        switch parsed {
        case .success(let built): self.value = built ?? text
        case .failure(.length): throw .length(text.count)
        case .failure(let problem): throw problem
        }
    }

    /// What the bytes of an id need: nothing (an 18-character id in its normal form), this
    /// suffix after their first 15 bytes, or they are no id (`.length` carries no count here).
    enum Check {
        case kept
        case suffix(UInt8, UInt8, UInt8)
        case invalid(Problem)
    }

    static func check(_ bytes: UnsafeRawBufferPointer) -> Check {
        guard bytes.count == 15 || bytes.count == 18 else { return .invalid(.length(-1)) }
        // Per block of 5 characters, one bit per upper-case letter; the bits pick the suffix letter.
        var blocks: (Int, Int, Int) = (0, 0, 0)
        for block in 0..<3 {
            var bits = 0
            for k in 0..<5 {
                let b = bytes[block * 5 + k]
                if b &- 65 < 26 {
                    bits |= 1 << k
                } else if !(b &- 97 < 26 || b &- 48 < 10) {
                    return .invalid(.character(Character(Unicode.Scalar(b))))
                }
            }
            switch block {
            case 0: blocks.0 = bits
            case 1: blocks.1 = bits
            default: blocks.2 = bits
            }
        }
        for i in 15..<bytes.count {
            let b = bytes[i]
            if !(b &- 65 < 26 || b &- 97 < 26 || b &- 48 < 10) { return .invalid(.character(Character(Unicode.Scalar(b)))) }
        }
        /// `ABCDEFGHIJKLMNOPQRSTUVWXYZ012345`, letter `n`.
        func letter(_ n: Int) -> UInt8 { n < 26 ? UInt8(65 + n) : UInt8(48 + n - 26) }
        let suffix = (letter(blocks.0), letter(blocks.1), letter(blocks.2))
        if bytes.count == 18 {
            if bytes[15] == suffix.0 && bytes[16] == suffix.1 && bytes[17] == suffix.2 { return .kept }
            func upper(_ b: UInt8) -> UInt8 { b >= 97 && b <= 122 ? b - 32 : b }
            guard upper(bytes[15]) == suffix.0 && upper(bytes[16]) == suffix.1 && upper(bytes[17]) == suffix.2 else {
                return .invalid(.checksum(expected: String(decoding: [suffix.0, suffix.1, suffix.2], as: UTF8.self)))
            }
        }
        return .suffix(suffix.0, suffix.1, suffix.2)
    }

    /// Appends the 18-character form of the id in `bytes`, or the bytes as they are when they
    /// are no id (what `normalized(_:) ?? text` gives, without a `String`).
    static func appendNormalized(_ bytes: UnsafeRawBufferPointer, to out: inout [UInt8]) {
        switch check(bytes) {
        case .kept, .invalid:
            out.append(contentsOf: bytes)
        case .suffix(let a, let b, let c):
            out.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[0..<15]))
            out.append(a)
            out.append(b)
            out.append(c)
        }
    }

    /// The id, or nil when `text` is not one.
    public static func normalized(_ text: String) -> String? {
        try? SalesforceId(parsing: text).value
    }

    public var description: String { value }
    public static func < (a: SalesforceId, b: SalesforceId) -> Bool { a.value < b.value }
}
