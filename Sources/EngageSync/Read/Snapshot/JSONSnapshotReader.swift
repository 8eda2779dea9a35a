/// Reads a CRM snapshot in JSON, record by record, without building the document: a REST query
/// result (`{"totalSize","done","records":[…]}`), the `sf data query --json` wrapper
/// (`{"status":0,"result":{…}}`) or a plain array of records (SPEC §3 S).
///
/// Field names are lowercased, `attributes` is dropped, relationship objects flatten to dotted
/// names (`to_engage_profile_vod__r.vexternal_id_vod__c`), nulls are absent, and booleans and
/// numbers become their literal text.
public enum JSONSnapshotReader {
    public static func forEachRecord(in path: String, _ body: (SnapshotRecord) throws -> Void) throws {
        let s = try JSONScanner(path: path, kind: .snapshot)
        let first = try s.next()
        let start = s.mark
        var found = false
        var outcome = SfOutcome()
        switch first {
        case .beginArray:
            try readRecords(s, body)
            found = true
        case .beginObject:
            found = try readResult(s, body, outer: true, outcome: &outcome)
        default:
            throw InputError(.snapshot, start.location(path),
                             "a snapshot must be a JSON object or array, found \(first.valueDescription)")
        }
        _ = try s.next()  // .end, or an error for text after the document
        guard found else {
            if let status = outcome.status, status != "0" {
                let detail = outcome.message.map { ": \($0)" } ?? ""
                throw InputError(.snapshot, start.location(path),
                                 "the snapshot is an error result (status \(status))\(detail)")
            }
            throw InputError(
                .snapshot, start.location(path),
                "no 'records' array (expected a query result, an 'sf data query --json' result or an array of records)")
        }
    }

    /// `status` and `message` of an `sf` wrapper, to explain a result without records.
    private struct SfOutcome {
        var status: String?
        var message: String?
    }

    /// Reads the members of a query result object; true when it held a `records` array.
    private static func readResult(_ s: JSONScanner, _ body: (SnapshotRecord) throws -> Void, outer: Bool,
                                   outcome: inout SfOutcome) throws -> Bool {
        var found = false
        while try s.next() == .key {
            let key = s.key
            if key == "records" {
                let token = try s.next()
                if token == .beginArray {
                    try readRecords(s, body)
                    found = true
                } else if token != .null {
                    let at = s.mark.location(s.path)
                    if token == .beginObject { try s.skipContainer() }
                    throw InputError(.snapshot, at,
                                     "'records' must be an array, found \(token.valueDescription)")
                }
            } else if outer, key == "result" {
                let token = try s.next()
                if token == .beginObject {
                    found = try readResult(s, body, outer: false, outcome: &outcome) || found
                } else if token == .beginArray {
                    try s.skipContainer()
                }
            } else if outer, key == "status" || key == "message" {
                let token = try s.next()
                if token == .beginObject || token == .beginArray {
                    try s.skipContainer()
                } else if token == .number || token == .string {
                    if key == "status" { outcome.status = s.text() } else { outcome.message = s.text() }
                }
            } else {
                try s.skipValue()
            }
        }
        return found
    }

    private static func readRecords(_ s: JSONScanner, _ body: (SnapshotRecord) throws -> Void) throws {
        var fields: [String: String] = [:]
        var marks: [String: JSONMark] = [:]
        while true {
            let token = try s.next()
            switch token {
            case .endArray:
                return
            case .beginObject:
                let location = s.mark.location(s.path)
                fields.removeAll(keepingCapacity: true)
                marks.removeAll(keepingCapacity: true)
                try readFields(s, prefix: "", &fields, &marks)
                try body(SnapshotRecord(fields: fields, location: location))
            default:
                throw InputError(.snapshot, s.mark.location(s.path),
                                 "a snapshot record must be a JSON object, found \(token.valueDescription)")
            }
        }
    }

    /// Reads the members of the object just opened into `fields`, names prefixed by `prefix`.
    private static func readFields(_ s: JSONScanner, prefix: String, _ fields: inout [String: String],
                                   _ marks: inout [String: JSONMark]) throws {
        while try s.next() == .key {
            let keyMark = s.mark
            let name = s.key.lowercased()
            if name == "attributes" {
                try s.skipValue()
                continue
            }
            let full = prefix.isEmpty ? name : prefix + name
            let value: String
            switch try s.next() {
            case .null:
                continue
            case .beginObject:
                try readFields(s, prefix: full + ".", &fields, &marks)
                continue
            case .beginArray:
                try s.skipContainer()
                continue
            case .trueValue:
                value = "true"
            case .falseValue:
                value = "false"
            default:
                value = s.text()
            }
            if let first = marks[full] {
                throw InputError(.snapshot, keyMark.location(s.path),
                                 "duplicate field '\(full)' (first at \(first.line):\(first.column))")
            }
            marks[full] = keyMark
            fields[full] = value
        }
    }
}
