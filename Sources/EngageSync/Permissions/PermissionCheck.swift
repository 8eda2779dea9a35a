/// The permission check of R30: the manifest against the union of the grant files.
///
/// Rules (Salesforce's, as the Metadata API states them):
/// - OLS: C/R/U/D → `allowCreate`/`allowRead`/`allowEdit`/`allowDelete`, counted only when valid
///   within its file: Create and Edit need Read, Delete needs Read and Edit; `viewAllRecords`
///   grants Read; `modifyAllRecords` grants Read, Edit and Delete. Any file may grant a letter.
/// - Record types: `recordTypeVisibilities` with `visible` true for `Object.DeveloperName`.
/// - FLS: Edit needs `editable`, Read `readable` or `editable`; either needs the object readable.
/// - Fields without field-level security (system and name fields, see `fieldsWithoutFLS`)
///   follow the object permission: Read → object Read, Edit → object Edit. A field grant for
///   them is accepted as well.
/// - `User` and `RecordType` carry no object permissions for API users: they are always
///   readable, and their standard fields with them. Other letters on them still need a grant.
/// Names compare case-insensitively; namespaced names (`npe01__…`) are names like any other.
public enum PermissionCheck {
    /// Standard fields that have no field-level security on any object.
    public static let fieldsWithoutFLS: Set<String> = [
        "id", "name", "createddate", "createdbyid", "lastmodifieddate", "lastmodifiedbyid", "systemmodstamp",
        "isdeleted", "ownerid", "recordtypeid", "lastvieweddate", "lastreferenceddate",
    ]

    /// Objects readable without object permissions, with their fields that have no FLS.
    public static let alwaysReadableObjects: [String: Set<String>] = [
        "user": ["isactive", "username", "firstname", "lastname"],
        "recordtype": ["developername", "sobjecttype", "isactive", "description", "namespaceprefix",
                       "businessprocessid"],
    ]

    /// Checks every requirement of `manifest` against `grants`, in manifest order: per object
    /// the OLS letters (C, R, U, D), the record types, the Edit fields, then the Read fields.
    public static func check(manifest: PermissionManifest, grants: [GrantFile]) -> PermissionReport {
        let union = GrantUnion(grants)
        var lines: [PermissionRequirement] = []
        for requirement in manifest.objects {
            let object = requirement.object
            for access in ObjectAccess.allCases where requirement.access.contains(access) {
                lines.append(objectLine(object, access, union))
            }
            for recordType in requirement.recordTypes {
                lines.append(recordTypeLine(object, recordType, union))
            }
            for field in requirement.editFields { lines.append(fieldLine(object, field, edit: true, union)) }
            for field in requirement.readFields { lines.append(fieldLine(object, field, edit: false, union)) }
        }
        return PermissionReport(manifestPath: manifest.path, grantPaths: grants.map(\.path), requirements: lines)
    }

    private static func isAlwaysReadable(_ object: String) -> Bool {
        alwaysReadableObjects[object.lowercased()] != nil
    }

    private static func objectLine(_ object: String, _ access: ObjectAccess, _ union: GrantUnion)
        -> PermissionRequirement
    {
        let grants = union.objectGrants(object, access)
        if let first = grants.first {
            return PermissionRequirement(object: object, subject: .object(access), granted: first.element,
                                         verdict: .ok, sources: grants.map(\.path))
        }
        if access == .read && isAlwaysReadable(object) {
            return PermissionRequirement(object: object, subject: .object(access),
                                         granted: "always readable (no object permissions)", verdict: .ok,
                                         sources: [])
        }
        var remedy = PermissionRequirement.Remedy()
        remedy.objectAccess = [access]
        return PermissionRequirement(object: object, subject: .object(access),
                                     granted: union.invalidObjectGrant(object, access) ?? "not granted",
                                     verdict: .missing, sources: [], remedy: remedy)
    }

    private static func recordTypeLine(_ object: String, _ name: String, _ union: GrantUnion)
        -> PermissionRequirement
    {
        let (sources, listed) = union.recordTypeGrants("\(object).\(name)")
        if !sources.isEmpty {
            return PermissionRequirement(object: object, subject: .recordType(name), granted: "visible",
                                         verdict: .ok, sources: sources)
        }
        var remedy = PermissionRequirement.Remedy()
        remedy.recordType = name
        return PermissionRequirement(object: object, subject: .recordType(name),
                                     granted: listed ? "visible false" : "not granted", verdict: .missing,
                                     sources: [], remedy: remedy)
    }

    /// The field a manifest name stands for: `Lookup__r.Field` is reached through `Lookup__c`.
    private static func grantedField(_ field: String) -> String {
        guard let dot = field.firstIndex(of: ".") else { return field }
        let relation = field[..<dot]
        if relation.lowercased().hasSuffix("__r") { return relation.dropLast(3) + "__c" }
        return relation + "Id"
    }

    private static func fieldLine(_ object: String, _ field: String, edit: Bool, _ union: GrantUnion)
        -> PermissionRequirement
    {
        let subject = PermissionRequirement.Subject.field(field, edit: edit)
        let target = grantedField(field)
        let key = target.lowercased()
        let objectRead = !union.objectGrants(object, .read).isEmpty || isAlwaysReadable(object)
        let fieldSources = union.fieldGrants("\(object).\(target)", edit: edit)
        let noFLS = fieldsWithoutFLS.contains(key)
            || alwaysReadableObjects[object.lowercased()]?.contains(key) == true

        if noFLS {
            let access: ObjectAccess = edit ? .edit : .read
            let objectSources = union.objectGrants(object, access).map(\.path)
            let objectOK = edit ? !objectSources.isEmpty : objectRead
            if objectOK {
                let how = objectSources.isEmpty ? "object always readable" : "object \(access.word)"
                return PermissionRequirement(object: object, subject: subject, granted: "\(how) (no FLS)",
                                             verdict: .ok, sources: objectSources)
            }
            if !fieldSources.isEmpty && objectRead {
                return PermissionRequirement(object: object, subject: subject,
                                             granted: edit ? "editable" : "readable", verdict: .ok,
                                             sources: fieldSources)
            }
            var remedy = PermissionRequirement.Remedy()
            remedy.objectAccess = [access]
            return PermissionRequirement(object: object, subject: subject,
                                         granted: "no FLS; object \(access.word) not granted", verdict: .missing,
                                         sources: [], remedy: remedy)
        }

        if !fieldSources.isEmpty && objectRead {
            return PermissionRequirement(object: object, subject: subject, granted: edit ? "editable" : "readable",
                                         verdict: .ok, sources: fieldSources)
        }
        var remedy = PermissionRequirement.Remedy()
        if !objectRead { remedy.objectAccess = [.read] }
        let granted: String
        if fieldSources.isEmpty {
            remedy.field = (target, edit)
            let readable = edit && !union.fieldGrants("\(object).\(target)", edit: false).isEmpty
            granted = readable ? "readable only" : "not granted"
        } else {
            granted = "\(edit ? "editable" : "readable"), object not readable"
        }
        return PermissionRequirement(object: object, subject: subject, granted: granted, verdict: .missing,
                                     sources: [], remedy: remedy)
    }
}

/// Checks `manifest` against the union of `grants` (R30); see `PermissionCheck`.
public func checkPermissions(manifest: PermissionManifest, grants: [GrantFile]) -> PermissionReport {
    PermissionCheck.check(manifest: manifest, grants: grants)
}
