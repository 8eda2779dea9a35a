/// Reads the YAML permission manifest (`mappings/integration-user-permissions.yaml`) into a
/// `PermissionManifest`. Errors are `InputError`s of kind `.manifest` at their line and column.
public enum ManifestLoader {
    public static func load(path: String) throws -> PermissionManifest {
        try build(YAMLDocument.read(path: path, kind: .manifest))
    }

    /// Reads manifest text; `path` names it in messages.
    public static func load(text: String, path: String) throws -> PermissionManifest {
        try build(YAMLDocument.parse(text: text, path: path, kind: .manifest))
    }

    static func build(_ doc: YAMLDocument) throws(InputError) -> PermissionManifest {
        PermissionManifest(objects: try objects(doc, file: "manifest").map(\.requirement), path: doc.path)
    }

    /// One object of a file in the manifest's shape, with where each part is written.
    struct Entry {
        var requirement: ObjectRequirement
        var objectMark: YAMLMark
        var accessMark: YAMLMark?
        var recordTypeMarks: [YAMLMark]
        var editMarks: [YAMLMark]
        var readMarks: [YAMLMark]
    }

    /// The `objects` of a file in the manifest's shape (`version: 1`, then per object `object`,
    /// `access`, `record_types`, `edit`, `read`); `file` names the file in messages. The manifest
    /// and YAML grant files (`GrantYAMLLoader`) share it.
    static func objects(_ doc: YAMLDocument, file: String) throws(InputError) -> [Entry] {
        let top = try doc.keys(doc.root, "the \(file)", allowed: ["version", "objects"])
        try doc.checkVersion(top, file: file)
        var objects: [Entry] = []
        var seen: [String: YAMLMark] = [:]
        for item in try doc.list(try doc.required(top, "objects", in: "the \(file)"), "objects") {
            let keys = try doc.keys(item, "an object", allowed: ["object", "access", "record_types", "edit", "read"])
            let nameNode = try doc.required(keys, "object", in: "an object")
            let name = try doc.nonEmptyString(nameNode, "object")
            if let first = seen[name.lowercased()] {
                throw doc.error(nameNode.mark, "object '\(name)' is listed twice (first at \(first))")
            }
            seen[name.lowercased()] = nameNode.mark
            var access: Set<ObjectAccess> = []
            if let node = keys["access"] {
                for letter in try doc.string(node, "access of '\(name)'") where letter != " " {
                    guard let a = ObjectAccess(rawValue: String(letter)) else {
                        throw doc.error(node.mark, "access of '\(name)' must be letters of C, R, U, D, found '\(letter)'")
                    }
                    guard access.insert(a).inserted else {
                        throw doc.error(node.mark, "access of '\(name)' repeats '\(letter)'")
                    }
                }
            }
            func names(_ key: String) throws(InputError) -> (names: [String], marks: [YAMLMark]) {
                guard let node = keys[key] else { return ([], []) }
                let list = try doc.stringList(node, "\(key) of '\(name)'")
                let marks = (try? doc.list(node, key))?.map(\.mark) ?? [node.mark]
                var seen: Set<String> = []
                for (i, entry) in list.enumerated() where !seen.insert(entry.lowercased()).inserted {
                    throw doc.error(marks[i], "'\(entry)' is listed twice in \(key) of '\(name)'")
                }
                return (list, marks)
            }
            let recordTypes = try names("record_types"), edit = try names("edit"), read = try names("read")
            objects.append(Entry(
                requirement: ObjectRequirement(object: name, access: access, recordTypes: recordTypes.names,
                                               editFields: edit.names, readFields: read.names),
                objectMark: nameNode.mark, accessMark: keys["access"]?.mark, recordTypeMarks: recordTypes.marks,
                editMarks: edit.marks, readMarks: read.marks))
        }
        return objects
    }
}
