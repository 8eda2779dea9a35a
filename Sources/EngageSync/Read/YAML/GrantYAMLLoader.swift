/// Reads grants written as YAML in the permission manifest's own shape (`--grants grants.yaml`),
/// for users without Metadata API files, into the same `GrantFile` the XML reader gives:
///
/// - `access: CRU` → `allowCreate`, `allowRead`, `allowEdit` (`D` → `allowDelete`) on the object;
/// - `record_types` → visible record types `Object.DeveloperName`;
/// - `edit` → fields `editable` (and readable); `read` → fields `readable`.
///
/// What is written is granted, nothing more: `access: U` alone is Edit without Read and does not
/// count (R30). Errors are `InputError`s of kind `.grants` at their line and column.
public enum GrantYAMLLoader {
    public static func load(path: String) throws -> GrantFile {
        try build(YAMLDocument.read(path: path, kind: .grants))
    }

    /// Reads grants text; `path` names it in messages.
    public static func load(text: String, path: String) throws -> GrantFile {
        try build(YAMLDocument.parse(text: text, path: path, kind: .grants))
    }

    /// True for a path this loader reads (`.yaml` or `.yml`, any case).
    public static func handles(path: String) -> Bool {
        let lower = path.lowercased()
        return lower.hasSuffix(".yaml") || lower.hasSuffix(".yml")
    }

    static func build(_ doc: YAMLDocument) throws(InputError) -> GrantFile {
        var file = GrantFile(path: doc.path, kind: .yaml)
        for entry in try ManifestLoader.objects(doc, file: "grants file") {
            let r = entry.requirement
            if !r.access.isEmpty {
                var p = GrantFile.ObjectPermission(object: r.object)
                p.allowCreate = r.access.contains(.create)
                p.allowRead = r.access.contains(.read)
                p.allowEdit = r.access.contains(.edit)
                p.allowDelete = r.access.contains(.delete)
                p.location = doc.location(entry.accessMark ?? entry.objectMark)
                file.objects.append(p)
            }
            for (name, mark) in zip(r.recordTypes, entry.recordTypeMarks) {
                var v = GrantFile.RecordTypeVisibility(recordType: "\(r.object).\(name)")
                v.visible = true
                v.location = doc.location(mark)
                file.recordTypes.append(v)
            }
            for (fields, editable, marks) in [(r.editFields, true, entry.editMarks), (r.readFields, false, entry.readMarks)] {
                for (name, mark) in zip(fields, marks) {
                    var f = GrantFile.FieldPermission(field: "\(r.object).\(name)")
                    f.readable = true
                    f.editable = editable
                    f.location = doc.location(mark)
                    file.fields.append(f)
                }
            }
        }
        return file
    }
}
