#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads mapped values out of a profile entry (and the connection being mapped).
struct ValueResolver {
    /// The entry's scalars and lists (not the whole entry: its location's path is one string
    /// shared by every entry of the file, and retaining it on every thread costs).
    let values: ExportFields<ExportScalar>
    let lists: ExportFields<[ExportItem]>
    let connection: ExportItem?
    let orgId: String

    init(entry: ExportEntry, connection: ExportItem?, orgId: String) {
        values = entry.values
        lists = entry.lists
        self.connection = connection
        self.orgId = orgId
    }

    /// The text at a path; nil when there is none. Numbers and booleans where text belongs,
    /// and more than one list item matching a filter (R11), are record problems.
    func text(at path: ValuePath) throws(RecordProblem) -> String? {
        let scalar: ExportScalar?
        switch path.scope {
        case .profile:
            scalar = values.value(forKey: path.key, tag: path.keyTag)
        case .connection:
            scalar = connection?.values.value(forKey: path.key, tag: path.keyTag)
        case .list(let name, let filter):
            // The one matching item, counted without building an array of matches.
            var match: ExportItem?
            var matches = 0
            for item in lists[name] ?? [] {
                let matching: Bool
                switch filter {
                case .thisOrg(let key): matching = item[key].map { Self.sameId($0.literal, orgId) } ?? false
                case .equals(let key, let value): matching = item[key]?.literal == value
                }
                guard matching else { continue }
                matches += 1
                if match == nil { match = item }
            }
            if matches > 1 {
                throw RecordProblem("MULTIPLE_LIST_ITEMS",
                                    "\(matches) items of '\(name)' match \(path) (at most one is allowed)")
            }
            scalar = match?.values.value(forKey: path.key, tag: path.keyTag)
        }
        guard let scalar else { return nil }
        guard case .text(let text) = scalar else {
            throw RecordProblem("WRONG_TYPE", "'\(path)' holds \(scalar.kindName) \(scalar.literal), not text")
        }
        return text
    }

    /// Evaluates a template: missing placeholders are left out, spaces folded, nil when all are missing.
    func text(of template: ValueTemplate) throws(RecordProblem) -> String? {
        var out = ""
        out.reserveCapacity(64)  // one allocation for the usual external id
        var anyValue = false
        for part in template.parts {
            switch part {
            case .literal(let s):
                out += s
            case .value(let path, let asId):
                guard var value = try text(at: path) else { continue }
                if asId {
                    do { value = try SalesforceId(parsing: value).value } catch {
                        throw RecordProblem("INVALID_ID", "'\(path)' value '\(value)' \(error)")
                    }
                }
                anyValue = true
                out += value
            }
        }
        guard anyValue else { return nil }
        if !Self.needsFolding(out) { return out }
        let folded = out.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        return folded.isEmpty ? nil : folded
    }

    /// Whether folding spaces would change the text: a leading, trailing or doubled space.
    private static func needsFolding(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            var previous: UInt8 = 32
            for b in bytes {
                if b == 32 && previous == 32 { return true }
                previous = b
            }
            return bytes.isEmpty || previous == 32
        }
    }

    static func sameId(_ a: String, _ b: String) -> Bool {
        if a == b { return true }
        // Ids that differ in their first 15 characters are different ids (the usual case: a
        // connection to another org), told without normalising either.
        if a.utf8.count >= 15 && b.utf8.count >= 15 {
            var a = a, b = b
            let samePrefix = a.withUTF8 { x in b.withUTF8 { y in memcmp(x.baseAddress!, y.baseAddress!, 15) == 0 } }
            if !samePrefix { return false }
        }
        // The 15-character form of an 18-character id is the same id (the first 15 are equal here).
        if a.utf8.count == 15 && b.utf8.count == 18, SalesforceId.normalized(b) == b { return true }
        guard let x = SalesforceId.normalized(a), let y = SalesforceId.normalized(b) else { return false }
        return x == y
    }
}

extension ExportScalar {
    var kindName: String {
        switch self {
        case .text: return "text"
        case .number: return "a number"
        case .boolean: return "a boolean"
        }
    }
}
