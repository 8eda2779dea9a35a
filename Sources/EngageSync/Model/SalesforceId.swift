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
        let bytes = Array(text.utf8)
        guard bytes.count == 15 || bytes.count == 18 else { throw .length(text.count) }
        for b in bytes {
            let isAlnum = (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122)
            if !isAlnum { throw .character(Character(Unicode.Scalar(b))) }
        }
        let suffix = Self.checksum(bytes)
        if bytes.count == 18 {
            let given = String(decoding: bytes[15...], as: UTF8.self)
            guard given.uppercased() == suffix else { throw .checksum(expected: suffix) }
            self.value = String(decoding: bytes[..<15], as: UTF8.self) + suffix
        } else {
            self.value = text + suffix
        }
    }

    /// The id, or nil when `text` is not one.
    public static func normalized(_ text: String) -> String? {
        try? SalesforceId(parsing: text).value
    }

    private static func checksum(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        for chunk in 0..<3 {
            var bits = 0
            for j in 0..<5 {
                let b = bytes[chunk * 5 + j]
                if b >= 65 && b <= 90 { bits |= 1 << j }
            }
            out.append(suffixAlphabet[bits])
        }
        return String(decoding: out, as: UTF8.self)
    }

    public var description: String { value }
    public static func < (a: SalesforceId, b: SalesforceId) -> Bool { a.value < b.value }
}
