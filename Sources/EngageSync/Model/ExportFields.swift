/// The keyed values of an export entry or list item, kept flat: one array of fields, each with
/// a 64-bit tag of its key's bytes, so that a lookup compares integers before strings. An entry
/// holds a few dozen keys at most, where one scan is cheaper than hashing into a dictionary and
/// one array costs a single allocation.
///
/// Keys are unique; equality does not depend on the order the keys were added in.
public struct ExportFields<Value: Sendable & Equatable>: Sendable, Equatable, ExpressibleByDictionaryLiteral {
    struct Field: Sendable {
        /// `ExportContentHash.key(key)`: also the key's part of the R15 content hash.
        var tag: UInt64
        var key: String
        var value: Value
    }

    private(set) var fields: [Field] = []

    public init() {}

    init(minimumCapacity: Int) { fields.reserveCapacity(minimumCapacity) }

    public init(dictionaryLiteral elements: (String, Value)...) {
        fields.reserveCapacity(elements.count)
        for (key, value) in elements { self[key] = value }
    }

    /// The value of `key`; setting nil removes the key.
    public subscript(key: String) -> Value? {
        get {
            guard let i = index(of: key, tag: ExportContentHash.key(key)) else { return nil }
            return fields[i].value
        }
        set {
            let tag = ExportContentHash.key(key)
            switch (index(of: key, tag: tag), newValue) {
            case (let i?, let value?): fields[i].value = value
            case (let i?, nil): fields.remove(at: i)
            case (nil, let value?): fields.append(Field(tag: tag, key: key, value: value))
            case (nil, nil): break
            }
        }
    }

    /// The value of `key` whose tag `ExportContentHash.key(key)` the caller worked out once.
    @inline(__always)
    func value(forKey key: String, tag: UInt64) -> Value? {
        guard let i = index(of: key, tag: tag) else { return nil }
        return fields[i].value
    }

    /// Adds a key the fields do not hold yet (the readers know: they reject duplicate keys),
    /// with its tag `ExportContentHash.key(key)` worked out by the caller.
    mutating func append(key: String, tag: UInt64, value: Value) {
        fields.append(Field(tag: tag, key: key, value: value))
    }

    @inline(__always)
    private func index(of key: String, tag: UInt64) -> Int? {
        fields.withUnsafeBufferPointer { fields in
            for i in fields.indices where fields[i].tag == tag && fields[i].key == key { return i }
            return nil
        }
    }

    public var count: Int { fields.count }
    public var isEmpty: Bool { fields.isEmpty }
    /// The keys, in the order they were added.
    public var keys: [String] { fields.map(\.key) }

    /// The same keys with equal values, in whatever order.
    public static func == (a: ExportFields, b: ExportFields) -> Bool {
        guard a.fields.count == b.fields.count else { return false }
        for field in a.fields {
            guard let i = b.index(of: field.key, tag: field.tag), b.fields[i].value == field.value else { return false }
        }
        return true
    }
}

extension ExportFields: Hashable where Value: Hashable {
    /// Independent of the order of the keys, like `==`.
    public func hash(into h: inout Hasher) {
        h.combine(fields.count)
        var sum = 0
        for field in fields {
            var fieldHasher = Hasher()
            fieldHasher.combine(field.key)
            fieldHasher.combine(field.value)
            sum &+= fieldHasher.finalize()
        }
        h.combine(sum)
    }
}
