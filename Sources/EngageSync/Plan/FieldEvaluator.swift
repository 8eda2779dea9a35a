/// Computes one mapped field from a profile entry: sources, value map, default, type
/// normalisation, lookups and length (SPEC §5).
struct FieldEvaluator {
    let context: PlanContext

    /// The field's value (nil is null) and the warnings it raised.
    func value(of rule: FieldRule, from resolver: ValueResolver,
               warn: (String, String) -> Void) throws(RecordProblem) -> String? {
        // The rule's parts are read in place (no copy of the condition or of each source).
        if rule.condition != nil {
            let actual = try resolver.text(at: rule.condition!.path)
            guard let actual, rule.condition!.values.contains(actual) else { return nil }
        }
        var raw: String?
        var sourceIndex: Int?
        for k in rule.sources.indices {
            sourceIndex = k
            switch rule.sources[k] {
            case .path(let path): raw = try resolver.text(at: path)
            case .template(let template): raw = try resolver.text(of: template)
            }
            if raw != nil { break }
        }
        // Where the value came from, for messages only (built when one is needed).
        var from: String {
            switch sourceIndex.map({ rule.sources[$0] }) {
            case .path(let path)?: return path.description
            case .template(let template)?: return template.text
            case nil: return ""
            }
        }
        if raw == nil { raw = rule.defaultValue }
        guard var value = raw else { return nil }
        if let map = rule.valueMap {
            guard let mapped = map[value] else {
                throw RecordProblem("UNKNOWN_VALUE", "\(from) '\(value)' has no mapping for \(rule.field) "
                    + "(known: \(map.keys.sorted().joined(separator: ", ")))")
            }
            value = mapped
        }
        switch rule.type {
        case .text:
            break
        case .id:
            do { value = try SalesforceId(parsing: value).value } catch {
                throw RecordProblem("INVALID_ID", "\(rule.field): id '\(value)' from \(from) \(error)")
            }
        case .datetime:
            do { value = try Instant(parsing: value).description } catch {
                throw RecordProblem("INVALID_DATETIME", "\(rule.field): '\(value)' from \(from) \(error)")
            }
        case .boolean:
            guard let b = FieldNormalizer.normalize(value, as: .boolean) else {
                throw RecordProblem("INVALID_BOOLEAN", "\(rule.field): '\(value)' from \(from) is not true or false")
            }
            value = b
        }
        if rule.lookup == .account {
            switch try context.snapshot.resolveAccount(value) {
            case .account(let id):
                value = id
            case .unknown(let id):
                warn("ACCOUNT_NOT_FOUND", "account \(id) is not in the Account snapshot: \(rule.field) left empty (R10)")
                return nil
            }
        }
        // A text of at most `max` UTF-8 bytes has at most `max` characters: no counting needed.
        if let max = rule.maxLength, value.utf8.count > max, value.count > max {
            switch rule.tooLong {
            case .cut: value = String(value.prefix(max))
            case .error:
                throw RecordProblem("VALUE_TOO_LONG", "\(rule.field): \(value.count) characters from \(from), "
                    + "at most \(max) allowed")
            }
        }
        return value
    }

    /// The record type Id of a record, looked up in the RecordType snapshot.
    func recordTypeId(of object: ObjectMapping, from resolver: ValueResolver) throws(RecordProblem) -> String {
        let developerName: String
        switch object.recordType {
        case .fixed(let name):
            developerName = name
        case .byValue(let path, let map):
            guard let value = try resolver.text(at: path) else {
                throw RecordProblem("MISSING_REQUIRED_KEY", "required key '\(path)' is missing"
                    + ExportKeys.suggestion(for: path.key, among: resolver.values.keys))
            }
            guard let name = map[value] else {
                throw RecordProblem("UNKNOWN_VALUE", "\(path) '\(value)' has no record type "
                    + "(known: \(map.keys.sorted().joined(separator: ", ")))")
            }
            developerName = name
        }
        guard let id = context.recordTypeIds[object.object]?[developerName]
            ?? context.snapshot.recordTypeId(object: object.object, developerName: developerName) else {
            throw RecordProblem("RECORD_TYPE_NOT_FOUND",
                                "record type \(developerName) of \(object.object) is not in the RecordType snapshot")
        }
        return id
    }
}

/// Required keys of a profile entry, with a hint when a key looks misspelled.
enum ExportKeys {
    static func requiredText(_ key: String, in entry: ExportEntry) throws(RecordProblem) -> String {
        guard let scalar = entry[key] else {
            throw RecordProblem("MISSING_REQUIRED_KEY", "required key '\(key)' is missing" + suggestion(for: key, in: entry))
        }
        guard case .text(let text) = scalar else {
            throw RecordProblem("WRONG_TYPE", "'\(key)' holds \(scalar.kindName) \(scalar.literal), not text")
        }
        return text
    }

    /// ` (found 'udpated_at')` when the entry has a key one or two edits away.
    static func suggestion(for key: String, in entry: ExportEntry) -> String {
        suggestion(for: key, among: entry.values.keys)
    }

    static func suggestion(for key: String, among keys: [String]) -> String {
        let near = keys.filter { $0 != key && distance($0, key) <= 2 }.sorted()
        return near.isEmpty ? "" : " (found '\(near[0])')"
    }

    private static func distance(_ a: String, _ b: String) -> Int {
        let x = Array(a.utf8), y = Array(b.utf8)
        if abs(x.count - y.count) > 2 { return 3 }
        var prev = Array(0...y.count)
        for i in 1...max(x.count, 1) where !x.isEmpty {
            var cur = [i] + Array(repeating: 0, count: y.count)
            for j in stride(from: 1, through: y.count, by: 1) {
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
            }
            // Transposition counts as one edit.
            prev = cur
        }
        return prev[y.count]
    }
}
