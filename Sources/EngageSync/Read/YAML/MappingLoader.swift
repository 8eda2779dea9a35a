/// Reads the YAML field mapping (`mappings/engage-profile-sync.yaml`) into a `SyncMapping`.
///
/// Every error is an `InputError` of kind `.mapping` at the line and column it is about.
/// The format is described in the comments of the shipped file.
public enum MappingLoader {
    public static func load(path: String) throws -> SyncMapping {
        try build(YAMLDocument.read(path: path, kind: .mapping))
    }

    /// Reads mapping text; `path` names it in messages.
    public static func load(text: String, path: String) throws -> SyncMapping {
        try build(YAMLDocument.parse(text: text, path: path, kind: .mapping))
    }

    static func build(_ doc: YAMLDocument) throws(InputError) -> SyncMapping {
        var reader = MappingReader(doc: doc)
        return try reader.read()
    }
}

/// The state of one mapping read: the document and the source map being filled.
private struct MappingReader {
    let doc: YAMLDocument
    var sourceMap = MappingSourceMap()

    init(doc: YAMLDocument) { self.doc = doc }

    static let fieldKeys = ["field", "from", "map", "default", "type", "max_length", "too_long", "when", "lookup"]
    static let connectionKeys = [
        "list", "user_key", "org_key", "state_key", "updated_at_key", "connected", "disconnected",
        "active_field", "inactivation_field", "user_field", "profile_field", "profile_relationship",
    ]

    mutating func read() throws(InputError) -> SyncMapping {
        let top = try doc.keys(doc.root, "the mapping",
                               allowed: ["version", "profile", "connection", "connections", "deleted"])
        try doc.checkVersion(top, file: "mapping")
        let profile = try object(try doc.required(top, "profile", in: "the mapping"), "profile", scope: .profile)
        let connection = try object(try doc.required(top, "connection", in: "the mapping"), "connection",
                                    scope: .connection)
        let rule = try connections(top["connections"], object: connection.object)
        let deletion = try deletion(try doc.required(top, "deleted", in: "the mapping"), profile: profile)
        var mapping = SyncMapping(profile: profile, connection: connection, connections: rule,
                                  deletion: deletion, path: doc.path)
        mapping.sourceMap = sourceMap
        return mapping
    }

    /// Which paths an object may use: the connection scope exists only for connection records.
    enum Scope { case profile, connection }

    // MARK: Objects

    mutating func object(_ node: YAMLNode, _ name: String, scope: Scope) throws(InputError) -> ObjectMapping {
        let what = "'\(name)'"
        let keys = try doc.keys(node, what, allowed: ["object", "external_id", "record_type", "fields"])
        let objectNode = try doc.required(keys, "object", in: what)
        let object = try apiName(objectNode, "object")
        sourceMap.set(doc.location(objectNode.mark), object: object)

        let idNode = try doc.required(keys, "external_id", in: what)
        let idKeys = try doc.keys(idNode, "external_id of \(what)", allowed: ["field", "from"])
        let idFieldNode = try doc.required(idKeys, "field", in: "external_id of \(what)")
        let idField = try apiName(idFieldNode, "external_id field")
        sourceMap.set(doc.location(idFieldNode.mark), object: object, field: idField)
        let idFrom = try doc.required(idKeys, "from", in: "external_id of \(what)")
        var idText = try doc.nonEmptyString(idFrom, "external_id from")
        if !idText.contains("{") { idText = "{\(idText)}" }
        let externalId = try template(idText, at: idFrom.mark, scope: scope)

        let rtNode = try doc.required(keys, "record_type", in: what)
        sourceMap.set(doc.location(rtNode.mark), object: object, field: "RecordTypeId")
        let recordType: RecordTypeRule
        if case .scalar = rtNode.content {
            recordType = .fixed(try apiName(rtNode, "record_type"))
        } else {
            let rtKeys = try doc.keys(rtNode, "record_type of \(what)", allowed: ["from", "map"])
            let fromNode = try doc.required(rtKeys, "from", in: "record_type of \(what)")
            let from = try path(try doc.nonEmptyString(fromNode, "record_type from"), at: fromNode.mark, scope: scope)
            let map = try valueMap(try doc.required(rtKeys, "map", in: "record_type of \(what)"), "record_type map")
            recordType = .byValue(path: from, map: map)
        }

        var fields: [FieldRule] = []
        var seen: [String: YAMLMark] = [idField.lowercased(): idFieldNode.mark, "recordtypeid": rtNode.mark]
        for item in try doc.list(try doc.required(keys, "fields", in: what), "fields of \(what)") {
            let (rule, mark) = try field(item, scope: scope)
            if let first = seen[rule.field.lowercased()] {
                throw doc.error(mark, "field '\(rule.field)' is mapped twice in \(what) (first at \(first))")
            }
            seen[rule.field.lowercased()] = mark
            sourceMap.set(doc.location(mark), object: object, field: rule.field)
            fields.append(rule)
        }
        return ObjectMapping(object: object, externalIdField: idField, externalId: externalId,
                             recordType: recordType, fields: fields)
    }

    // MARK: Fields

    mutating func field(_ node: YAMLNode, scope: Scope) throws(InputError) -> (FieldRule, YAMLMark) {
        let keys = try doc.keys(node, "a field", allowed: Self.fieldKeys)
        let nameNode = try doc.required(keys, "field", in: "a field")
        let name = try apiName(nameNode, "field")
        let what = "field '\(name)'"

        var sources: [ValueSource] = []
        if let from = keys["from"] {
            let items: [YAMLNode]
            if case .sequence(let list) = from.content { items = list } else { items = [from] }
            for item in items {
                let text = try doc.nonEmptyString(item, "from of \(what)")
                if text.contains("{") {
                    sources.append(.template(try template(text, at: item.mark, scope: scope)))
                } else {
                    sources.append(.path(try path(text, at: item.mark, scope: scope)))
                }
            }
        }
        var defaultValue: String?
        if let node = keys["default"] { defaultValue = try doc.string(node, "default of \(what)") }
        if sources.isEmpty && defaultValue == nil {
            throw doc.error(nameNode.mark, "\(what) needs 'from' or 'default'")
        }
        var map: [String: String]?
        if let node = keys["map"] { map = try valueMap(node, "map of \(what)") }

        var type = FieldType.text
        if let node = keys["type"] {
            let text = try doc.string(node, "type of \(what)")
            guard let t = FieldType(rawValue: text) else {
                throw doc.error(node.mark, "type of \(what) must be text, id, datetime or boolean, found '\(text)'")
            }
            type = t
        }
        var maxLength: Int?
        if let node = keys["max_length"] { maxLength = try doc.positiveInt(node, "max_length of \(what)") }
        var tooLong = TooLongRule.error
        if let node = keys["too_long"] {
            let text = try doc.string(node, "too_long of \(what)")
            guard let rule = TooLongRule(rawValue: text) else {
                throw doc.error(node.mark, "too_long of \(what) must be cut or error, found '\(text)'")
            }
            guard maxLength != nil else { throw doc.error(node.mark, "too_long of \(what) needs max_length") }
            tooLong = rule
        }
        var condition: FieldCondition?
        if let node = keys["when"] {
            let when = try doc.keys(node, "when of \(what)", allowed: ["path", "is"])
            let pathNode = try doc.required(when, "path", in: "when of \(what)")
            let conditionPath = try path(try doc.nonEmptyString(pathNode, "path of when"), at: pathNode.mark,
                                         scope: scope)
            let isNode = try doc.required(when, "is", in: "when of \(what)")
            let values = try doc.stringList(isNode, "is of when")
            if values.isEmpty { throw doc.error(isNode.mark, "is of when of \(what) needs at least one value") }
            condition = FieldCondition(path: conditionPath, values: values)
        }
        var lookup: FieldLookup?
        if let node = keys["lookup"] {
            let text = try doc.string(node, "lookup of \(what)")
            guard let l = FieldLookup(rawValue: text) else {
                throw doc.error(node.mark, "lookup of \(what) must be account, found '\(text)'")
            }
            lookup = l
        }
        let rule = FieldRule(field: name, sources: sources, valueMap: map, defaultValue: defaultValue,
                             type: type, maxLength: maxLength, tooLong: tooLong, condition: condition,
                             lookup: lookup)
        return (rule, nameNode.mark)
    }

    // MARK: Connections and deletion

    mutating func connections(_ node: YAMLNode?, object: String) throws(InputError) -> ConnectionRule {
        var rule = ConnectionRule()
        guard let node else { return rule }
        let keys = try doc.keys(node, "connections", allowed: Self.connectionKeys)
        func text(_ key: String) throws(InputError) -> String? {
            guard let n = keys[key] else { return nil }
            return try doc.nonEmptyString(n, "\(key) of connections")
        }
        if let v = try text("list") { rule.list = v }
        if let v = try text("user_key") { rule.userKey = v }
        if let v = try text("org_key") { rule.orgKey = v }
        if let v = try text("state_key") { rule.stateKey = v }
        if let v = try text("updated_at_key") { rule.updatedAtKey = v }
        if let v = try text("connected") { rule.connected = v }
        if let v = try text("disconnected") { rule.disconnected = v }
        if let v = try text("active_field") { rule.activeField = v }
        if let v = try text("inactivation_field") { rule.inactivationField = v }
        if let v = try text("user_field") { rule.userField = v }
        if let v = try text("profile_field") { rule.profileField = v }
        if let v = try text("profile_relationship") { rule.profileRelationship = v }
        // Fields mapped in `connection` keep their own place; the others point here.
        for (key, field) in [("active_field", rule.activeField), ("inactivation_field", rule.inactivationField),
                             ("user_field", rule.userField), ("profile_field", rule.profileField)] {
            sourceMap.set(doc.location(keys.mark(of: key)), object: object, field: field)
        }
        return rule
    }

    func deletion(_ node: YAMLNode, profile: ObjectMapping) throws(InputError) -> DeletionRule {
        let keys = try doc.keys(node, "deleted", allowed: ["statuses", "set", "keep"])
        let statusesNode = try doc.required(keys, "statuses", in: "deleted")
        let statuses = try doc.stringList(statusesNode, "statuses of deleted")
        if statuses.isEmpty { throw doc.error(statusesNode.mark, "statuses of deleted needs at least one status") }

        func mappedField(_ name: String, _ mark: YAMLMark, _ what: String) throws(InputError) -> String {
            guard let rule = profile.rule(for: name) else {
                throw doc.error(mark, "field '\(name)' in \(what) is not a mapped field of \(profile.object)")
            }
            return rule.field
        }
        var set: [String: ScrubValue] = [:]
        for pair in try doc.stringPairs(try doc.required(keys, "set", in: "deleted"), "set of deleted") {
            let field = try mappedField(pair.key, pair.mark, "deleted.set")
            set[field] = pair.value == "$run_time" ? .runTime : .literal(pair.value)
        }
        var keep: [String] = []
        if let keepNode = keys["keep"] {
            for item in try doc.list(keepNode, "keep of deleted") {
                let field = try mappedField(try doc.nonEmptyString(item, "an item of keep"), item.mark, "deleted.keep")
                if set[field] != nil { throw doc.error(item.mark, "field '\(field)' is both set and kept in deleted") }
                keep.append(field)
            }
        }
        return DeletionRule(statuses: statuses, set: set, keep: keep)
    }

    // MARK: Pieces

    /// A value map: export value → CRM value, at least one entry.
    func valueMap(_ node: YAMLNode, _ what: String) throws(InputError) -> [String: String] {
        let pairs = try doc.stringPairs(node, what)
        if pairs.isEmpty { throw doc.error(node.mark, "\(what) needs at least one entry") }
        var map: [String: String] = [:]
        for pair in pairs { map[pair.key] = pair.value }
        return map
    }

    /// A CRM API name, optionally `Relationship__r.Field`.
    func apiName(_ node: YAMLNode, _ what: String) throws(InputError) -> String {
        let text = try doc.nonEmptyString(node, what)
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        let ok = parts.count <= 2 && parts.allSatisfy { part in
            guard let first = part.unicodeScalars.first, first.isASCII, first.properties.isAlphabetic else {
                return false
            }
            return part.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_") }
        }
        guard ok else { throw doc.error(node.mark, "\(what) '\(text)' is not a Salesforce API name") }
        return text
    }

    func path(_ text: String, at mark: YAMLMark, scope: Scope) throws(InputError) -> ValuePath {
        let path: ValuePath
        do { path = try ValuePath(parsing: text) } catch { throw doc.error(mark, error.message) }
        try check(path, text, at: mark, scope: scope)
        return path
    }

    func template(_ text: String, at mark: YAMLMark, scope: Scope) throws(InputError) -> ValueTemplate {
        let template: ValueTemplate
        do { template = try ValueTemplate(parsing: text) } catch { throw doc.error(mark, error.message) }
        for case .value(let path, _) in template.parts { try check(path, text, at: mark, scope: scope) }
        return template
    }

    private func check(_ path: ValuePath, _ text: String, at mark: YAMLMark, scope: Scope) throws(InputError) {
        if case .connection = path.scope, scope == .profile {
            throw doc.error(mark, "'\(text)': connection.* paths can be used only in 'connection'")
        }
    }
}
