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
        let top = try doc.keys(doc.root, "the manifest", allowed: ["version", "objects"])
        try doc.checkVersion(top, file: "manifest")
        var objects: [ObjectRequirement] = []
        var seen: [String: YAMLMark] = [:]
        for item in try doc.list(try doc.required(top, "objects", in: "the manifest"), "objects") {
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
            func names(_ key: String) throws(InputError) -> [String] {
                guard let node = keys[key] else { return [] }
                let list = try doc.stringList(node, "\(key) of '\(name)'")
                var seen: Set<String> = []
                for (i, entry) in list.enumerated() where !seen.insert(entry.lowercased()).inserted {
                    let mark = (try? doc.list(node, key))?[i].mark ?? node.mark
                    throw doc.error(mark, "'\(entry)' is listed twice in \(key) of '\(name)'")
                }
                return list
            }
            objects.append(ObjectRequirement(object: name, access: access, recordTypes: try names("record_types"),
                                             editFields: try names("edit"), readFields: try names("read")))
        }
        return PermissionManifest(objects: objects, path: doc.path)
    }
}
