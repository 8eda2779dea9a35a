#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A set of short texts (the Account snapshot's record Ids: a million of them) stored back to
/// back in one byte array under a `ByteKeyIndex`: ~30 bytes a member instead of ~85 for a
/// `Set<String>` of 18-character strings (a heap object each).
public struct ByteStringSet: Sendable, ExpressibleByArrayLiteral {
    private var bytes: [UInt8] = []
    private var ends: [Int] = []
    private var index = ByteKeyIndex()

    public init() {}

    public init(arrayLiteral elements: String...) {
        for element in elements { insert(element) }
    }

    /// Members.
    public var count: Int { index.count }

    public mutating func insert(_ text: String) {
        var text = text
        text.withUTF8 { insert(bytes: UnsafeRawBufferPointer($0)) }
    }

    /// Adds the text in `member` (a member already there is not added twice).
    mutating func insert(bytes member: UnsafeRawBufferPointer) {
        let hash = ByteKeyIndex.hash(member)
        guard index.find(hash: hash, { has($0, member) }) == nil else { return }
        bytes.append(contentsOf: member)
        ends.append(bytes.count)
        index.insert(hash: hash, record: ends.count - 1, replacing: nil)
    }

    public func contains(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { member in
            let member = UnsafeRawBufferPointer(member)
            return index.find(hash: ByteKeyIndex.hash(member), { has($0, member) }) != nil
        }
    }

    private func has(_ n: Int, _ member: UnsafeRawBufferPointer) -> Bool {
        let start = n == 0 ? 0 : ends[n - 1]
        guard ends[n] - start == member.count else { return false }
        if member.isEmpty { return true }
        return bytes.withUnsafeBytes { memcmp($0.baseAddress! + start, member.baseAddress!, member.count) == 0 }
    }
}
