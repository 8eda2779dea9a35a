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

    private static let suffixAlphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ012345".utf8)

    /// Parses a 15- or 18-character id.
    public init(parsing text: String) throws(Problem) {
        // Works on the UTF-8 bytes in place: an 18-character id with an upper-case suffix is
        // kept as it is, without building any new string.
        var text = text
        let parsed: Result<String?, Problem> = text.withUTF8 { bytes in
            guard bytes.count == 15 || bytes.count == 18 else { return .failure(.length(-1)) }
            var bits = (0, 0, 0)
            for (i, b) in bytes.enumerated() {
                let isUpper = b >= 65 && b <= 90
                let isAlnum = isUpper || (b >= 48 && b <= 57) || (b >= 97 && b <= 122)
                if !isAlnum { return .failure(.character(Character(Unicode.Scalar(b)))) }
                if isUpper && i < 15 {
                    switch i / 5 {
                    case 0: bits.0 |= 1 << (i % 5)
                    case 1: bits.1 |= 1 << (i % 5)
                    default: bits.2 |= 1 << (i % 5)
                    }
                }
            }
            let suffix = (Self.suffixAlphabet[bits.0], Self.suffixAlphabet[bits.1], Self.suffixAlphabet[bits.2])
            if bytes.count == 18 {
                if bytes[15] == suffix.0 && bytes[16] == suffix.1 && bytes[17] == suffix.2 { return .success(nil) }
                func upper(_ b: UInt8) -> UInt8 { b >= 97 && b <= 122 ? b - 32 : b }
                guard upper(bytes[15]) == suffix.0 && upper(bytes[16]) == suffix.1 && upper(bytes[17]) == suffix.2
                else {
                    return .failure(.checksum(expected: String(decoding: [suffix.0, suffix.1, suffix.2], as: UTF8.self)))
                }
            }
            return .success(String(unsafeUninitializedCapacity: 18) { out in
                for i in 0..<15 { out[i] = bytes[i] }
                out[15] = suffix.0
                out[16] = suffix.1
                out[17] = suffix.2
                return 18
            })
        }
        switch parsed {
        case .success(let built): self.value = built ?? text
        case .failure(.length): throw .length(text.count)
        case .failure(let problem): throw problem
        }
    }

    /// The id, or nil when `text` is not one.
    public static func normalized(_ text: String) -> String? {
        try? SalesforceId(parsing: text).value
    }

    public var description: String { value }
    public static func < (a: SalesforceId, b: SalesforceId) -> Bool { a.value < b.value }
}
