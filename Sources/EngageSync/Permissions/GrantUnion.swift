/// The grant files combined as a union (SPEC §3 G), indexed by lowercased API names, with
/// Salesforce's object permission dependencies applied within each file.
struct GrantUnion {
    /// One file's object permission flags, merged over repeated entries.
    struct ObjectFlags {
        var allowCreate = false
        var allowRead = false
        var allowEdit = false
        var allowDelete = false
        var viewAllRecords = false
        var modifyAllRecords = false

        mutating func merge(_ p: GrantFile.ObjectPermission) {
            allowCreate = allowCreate || p.allowCreate
            allowRead = allowRead || p.allowRead
            allowEdit = allowEdit || p.allowEdit
            allowDelete = allowDelete || p.allowDelete
            viewAllRecords = viewAllRecords || p.viewAllRecords
            modifyAllRecords = modifyAllRecords || p.modifyAllRecords
        }

        var read: Bool { allowRead || viewAllRecords || modifyAllRecords }
        var edit: Bool { modifyAllRecords || (allowEdit && read) }

        /// The element that validly grants `access`, or nil.
        func grant(of access: ObjectAccess) -> String? {
            switch access {
            case .read:
                return allowRead ? "allowRead" : viewAllRecords ? "viewAllRecords" : modifyAllRecords ? "modifyAllRecords" : nil
            case .create:
                return allowCreate && read ? "allowCreate" : nil
            case .edit:
                return allowEdit && read ? "allowEdit" : modifyAllRecords ? "modifyAllRecords" : nil
            case .delete:
                return allowDelete && edit ? "allowDelete" : modifyAllRecords ? "modifyAllRecords" : nil
            }
        }

        /// Why a set flag does not count, e.g. `allowEdit without allowRead`.
        func invalidGrant(of access: ObjectAccess) -> String? {
            switch access {
            case .read: return nil
            case .create: return allowCreate && !read ? "allowCreate without allowRead" : nil
            case .edit: return allowEdit && !read ? "allowEdit without allowRead" : nil
            case .delete:
                guard allowDelete, !edit else { return nil }
                return read ? "allowDelete without allowEdit" : "allowDelete without allowRead"
            }
        }
    }

    struct FileGrants {
        var path: String
        var objects: [String: ObjectFlags] = [:]
        /// `object.field` → (readable, editable).
        var fields: [String: (readable: Bool, editable: Bool)] = [:]
        /// `object.developername` → visible.
        var recordTypes: [String: Bool] = [:]
    }

    var files: [FileGrants]

    init(_ grants: [GrantFile]) {
        files = grants.map { file in
            var g = FileGrants(path: file.path)
            for p in file.objects { g.objects[p.object.lowercased(), default: ObjectFlags()].merge(p) }
            for f in file.fields {
                let old = g.fields[f.field.lowercased()] ?? (false, false)
                g.fields[f.field.lowercased()] = (old.readable || f.readable, old.editable || f.editable)
            }
            for r in file.recordTypes {
                g.recordTypes[r.recordType.lowercased()] = (g.recordTypes[r.recordType.lowercased()] ?? false) || r.visible
            }
            return g
        }
    }

    /// Files that validly grant `access` on `object`, with the element that grants it.
    func objectGrants(_ object: String, _ access: ObjectAccess) -> [(path: String, element: String)] {
        let key = object.lowercased()
        return files.compactMap { f in
            guard let flags = f.objects[key], let element = flags.grant(of: access) else { return nil }
            return (f.path, element)
        }
    }

    /// The first reason a set flag on `object` does not grant `access`, if any file has one.
    func invalidObjectGrant(_ object: String, _ access: ObjectAccess) -> String? {
        let key = object.lowercased()
        return files.lazy.compactMap { $0.objects[key]?.invalidGrant(of: access) }.first
    }

    /// Files granting FLS on `object.field`: Read (`readable` or `editable`) or Edit (`editable`).
    func fieldGrants(_ qualified: String, edit: Bool) -> [String] {
        let key = qualified.lowercased()
        return files.compactMap { f in
            guard let v = f.fields[key] else { return nil }
            return (edit ? v.editable : v.readable || v.editable) ? f.path : nil
        }
    }

    /// Files making `object.developerName` visible, and whether any file lists it at all.
    func recordTypeGrants(_ qualified: String) -> (sources: [String], listed: Bool) {
        let key = qualified.lowercased()
        let listed = files.contains { $0.recordTypes[key] != nil }
        return (files.compactMap { $0.recordTypes[key] == true ? $0.path : nil }, listed)
    }
}
