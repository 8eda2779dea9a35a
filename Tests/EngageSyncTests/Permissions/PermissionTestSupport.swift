import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import EngageSync

/// Builders for hand-made grant files, and a tiny reader of a suggested permission set.
enum Grants {
    static func object(_ name: String, _ letters: String, viewAll: Bool = false, modifyAll: Bool = false)
        -> GrantFile.ObjectPermission
    {
        var p = GrantFile.ObjectPermission(object: name)
        p.allowCreate = letters.contains("C")
        p.allowRead = letters.contains("R")
        p.allowEdit = letters.contains("U")
        p.allowDelete = letters.contains("D")
        p.viewAllRecords = viewAll
        p.modifyAllRecords = modifyAll
        return p
    }

    static func field(_ name: String, read: Bool, edit: Bool) -> GrantFile.FieldPermission {
        var f = GrantFile.FieldPermission(field: name)
        f.readable = read
        f.editable = edit
        return f
    }

    static func recordType(_ name: String, visible: Bool = true) -> GrantFile.RecordTypeVisibility {
        var r = GrantFile.RecordTypeVisibility(recordType: name)
        r.visible = visible
        return r
    }

    /// The manifest of SPEC §2.
    static let manifest = PermissionManifest(objects: [
        ObjectRequirement(
            object: "Engage_Profile_vod__c", access: [.create, .read, .edit],
            recordTypes: ["Engage_HCP_Profile_vod", "Engage_Staff_Profile_vod"],
            editFields: ["Name", "Account_vod__c", "Connection_Status_vod__c",
                         "Connection_Status_Update_Datetime_vod__c", "Degree_vod__c", "Display_Name_vod__c",
                         "Engage_Signup_Datetime_vod__c", "First_Name_vod__c", "Last_Name_vod__c",
                         "Profile_Photo_URL_vod__c", "Title_vod__c", "VExternal_ID_vod__c"],
            readFields: ["Id", "RecordTypeId", "LastModifiedById", "LastModifiedDate"]),
        ObjectRequirement(
            object: "Engage_Connection_vod__c", access: [.create, .read, .edit],
            recordTypes: ["User_to_Engage_Profile_vod"],
            editFields: ["Active_vod__c", "From_User_vod__c", "Inactivation_Datetime_vod__c",
                         "To_Engage_Profile_vod__c", "VExternal_ID_vod__c"],
            readFields: ["Id", "LastModifiedDate"]),
        ObjectRequirement(
            object: "Account_Merge_History_vod__c", access: [.read],
            readFields: ["Name", "Account_vod__c", "PersonContactId_vod__c", "Account_PersonContactId_vod__c"]),
        ObjectRequirement(object: "Account", access: [.read], readFields: ["Id", "Engage_Profile_Status_vod__c"]),
        ObjectRequirement(object: "User", access: [.read], readFields: ["Id", "IsActive"]),
        ObjectRequirement(object: "RecordType", access: [.read], readFields: ["Id", "DeveloperName", "SobjectType"]),
    ], path: "mappings/integration-user-permissions.yaml")

    /// The integration profile of conformance case 10: everything but FLS Edit on Title_vod__c.
    static let integrationProfile: GrantFile = {
        var fields: [GrantFile.FieldPermission] = [
            field("Account.Engage_Profile_Status_vod__c", read: true, edit: false),
            field("Account_Merge_History_vod__c.Account_PersonContactId_vod__c", read: true, edit: false),
            field("Account_Merge_History_vod__c.Account_vod__c", read: true, edit: false),
            field("Account_Merge_History_vod__c.PersonContactId_vod__c", read: true, edit: false),
            field("Engage_Profile_vod__c.Title_vod__c", read: true, edit: false),
        ]
        for f in ["Active_vod__c", "From_User_vod__c", "Inactivation_Datetime_vod__c", "To_Engage_Profile_vod__c",
                  "VExternal_ID_vod__c"] {
            fields.append(field("Engage_Connection_vod__c." + f, read: true, edit: true))
        }
        for f in ["Account_vod__c", "Connection_Status_Update_Datetime_vod__c", "Connection_Status_vod__c",
                  "Degree_vod__c", "Display_Name_vod__c", "Engage_Signup_Datetime_vod__c", "First_Name_vod__c",
                  "Last_Name_vod__c", "Profile_Photo_URL_vod__c", "VExternal_ID_vod__c"] {
            fields.append(field("Engage_Profile_vod__c." + f, read: true, edit: true))
        }
        return GrantFile(
            path: "grants/Engage_Integration.profile-meta.xml", kind: .profile,
            objects: [object("Account", "R"), object("Account_Merge_History_vod__c", "R"),
                      object("Engage_Connection_vod__c", "CRU"), object("Engage_Profile_vod__c", "CRU")],
            fields: fields,
            recordTypes: [recordType("Engage_Connection_vod__c.User_to_Engage_Profile_vod"),
                          recordType("Engage_Profile_vod__c.Engage_HCP_Profile_vod"),
                          recordType("Engage_Profile_vod__c.Engage_Staff_Profile_vod")])
    }()

    /// Reads a permission set written by `suggestedPermissionSet` back into a `GrantFile`.
    static func parse(_ xml: String, path: String) throws -> GrantFile {
        final class Delegate: NSObject, XMLParserDelegate {
            var file: GrantFile
            var values: [String: String] = [:]
            var text = ""
            init(path: String) { file = GrantFile(path: path, kind: .permissionSet) }

            func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
                        qualifiedName: String?, attributes: [String: String] = [:]) {
                if ["objectPermissions", "fieldPermissions", "recordTypeVisibilities"].contains(name) { values = [:] }
                text = ""
            }

            func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

            func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?,
                        qualifiedName: String?) {
                switch name {
                case "objectPermissions":
                    var p = GrantFile.ObjectPermission(object: values["object"] ?? "")
                    p.allowCreate = values["allowCreate"] == "true"
                    p.allowRead = values["allowRead"] == "true"
                    p.allowEdit = values["allowEdit"] == "true"
                    p.allowDelete = values["allowDelete"] == "true"
                    p.viewAllRecords = values["viewAllRecords"] == "true"
                    p.modifyAllRecords = values["modifyAllRecords"] == "true"
                    file.objects.append(p)
                case "fieldPermissions":
                    var f = GrantFile.FieldPermission(field: values["field"] ?? "")
                    f.readable = values["readable"] == "true"
                    f.editable = values["editable"] == "true"
                    file.fields.append(f)
                case "recordTypeVisibilities":
                    var r = GrantFile.RecordTypeVisibility(recordType: values["recordType"] ?? "")
                    r.visible = values["visible"] == "true"
                    file.recordTypes.append(r)
                default:
                    values[name] = text
                }
            }
        }
        let parser = XMLParser(data: Data(xml.utf8))
        let delegate = Delegate(path: path)
        parser.delegate = delegate
        guard parser.parse() else { throw parser.parserError ?? CocoaError(.coderReadCorrupt) }
        return delegate.file
    }
}
