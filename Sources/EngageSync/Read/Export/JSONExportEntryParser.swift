/// Turns one profile object of a JSON or JSON Lines export into an `ExportEntry`.
enum JSONExportEntryParser {
    /// Reads the profile whose `{` the scanner just returned.
    static func readEntry(_ s: JSONScanner) throws -> ExportEntry {
        let location = s.mark.location(s.path)
        var values = ExportFields<ExportScalar>(minimumCapacity: 24)
        var lists = ExportFields<[ExportItem]>()
        var hash: UInt64 = 0  // ExportEntry.contentHash, added up as the keys come (no key comes twice)
        while try s.next() == .key {
            let key = s.key, tag = s.keyContentHash
            switch try s.next() {
            case .beginArray:
                if let (items, listHash) = try readItems(s, key: key) {
                    lists.append(key: key, tag: tag, value: items)
                    hash &+= listHash
                }
            case .beginObject:
                try s.skipContainer()
            case let token:
                if let value = scalar(token, s) {
                    values.append(key: key, tag: tag, value: value)
                    hash &+= ExportContentHash.field(keyHash: tag, value)
                }
            }
        }
        return ExportEntry(values: values, lists: lists, location: location, contentHash: hash)
    }

    /// A scalar token's value; nil for `null` and `""`.
    @inline(__always)
    static func scalar(_ token: JSONToken, _ s: JSONScanner) -> ExportScalar? {
        switch token {
        case .string: return s.textIsEmpty ? nil : .text(s.text())
        case .number: return .number(s.text())
        case .trueValue: return .boolean(true)
        case .falseValue: return .boolean(false)
        default: return nil
        }
    }

    /// The objects of the array (under `key`) whose `[` was just read, with the list's part of the
    /// content hash; nil when it holds only other values.
    private static func readItems(_ s: JSONScanner, key: String) throws -> ([ExportItem], UInt64)? {
        var items: [ExportItem] = []
        items.reserveCapacity(2)
        var hash = ExportContentHash.ListHash(key: key)
        var sawOther = false
        while true {
            switch try s.next() {
            case .endArray:
                return items.isEmpty && sawOther ? nil : (items, hash.value)
            case .beginObject:
                let (item, itemHash) = try readItem(s)
                items.append(item)
                hash.add(itemHash)
            case .beginArray:
                sawOther = true
                try s.skipContainer()
            case .null:
                break
            default:
                sawOther = true
            }
        }
    }

    private static func readItem(_ s: JSONScanner) throws -> (ExportItem, UInt64) {
        let location = s.mark.location(s.path)
        var values = ExportFields<ExportScalar>(minimumCapacity: 8)
        var hash: UInt64 = 0
        while try s.next() == .key {
            let key = s.key
            let token = try s.next()
            if token == .beginObject || token == .beginArray {
                try s.skipContainer()
            } else if let value = scalar(token, s) {
                values.append(key: key, tag: s.keyContentHash, value: value)
                hash &+= ExportContentHash.field(keyHash: s.keyContentHash, value)
            }
        }
        return (ExportItem(values: values, location: location), hash)
    }
}
