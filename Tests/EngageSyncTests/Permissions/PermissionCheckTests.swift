import Foundation
import Testing
@testable import EngageSync

@Suite struct PermissionCheckTests {
    typealias G = Grants

    func line(_ report: PermissionReport, _ object: String, _ item: String) -> PermissionRequirement? {
        report.requirements.first { $0.object == object && $0.item == item }
    }

    func manifest(_ objects: ObjectRequirement...) -> PermissionManifest {
        PermissionManifest(objects: objects, path: "m.yaml")
    }

    @Test func r30_case10ProfileLacksOnlyTitleEdit() {
        let report = checkPermissions(manifest: G.manifest, grants: [G.integrationProfile])
        #expect(report.requirements.count == 47)
        #expect(report.missing.map(\.item) == ["Title_vod__c"])
        let title = report.missing[0]
        #expect(title.needed == "Edit")
        #expect(title.granted == "readable only")
        #expect(!report.isComplete)
        #expect(report.summaryLine == "1 of 47 requirements missing")
        // User and RecordType need no object permission to be read.
        #expect(line(report, "User", "OLS R")?.granted == "always readable (no object permissions)")
        #expect(line(report, "RecordType", "DeveloperName")?.verdict == .ok)
        #expect(line(report, "User", "IsActive")?.verdict == .ok)
    }

    @Test func r30_unionOfTwoFilesRecordsSources() {
        var permissionSet = GrantFile(path: "grants/Title.permissionset-meta.xml", kind: .permissionSet)
        permissionSet.fields = [G.field("Engage_Profile_vod__c.Title_vod__c", read: true, edit: true)]
        permissionSet.objects = [G.object("Engage_Profile_vod__c", "R")]
        let report = checkPermissions(manifest: G.manifest, grants: [G.integrationProfile, permissionSet])
        #expect(report.isComplete)
        #expect(report.summaryLine == "all 47 requirements granted")
        #expect(line(report, "Engage_Profile_vod__c", "Title_vod__c")?.sources == ["grants/Title.permissionset-meta.xml"])
        #expect(line(report, "Engage_Profile_vod__c", "OLS R")?.sources
            == ["grants/Engage_Integration.profile-meta.xml", "grants/Title.permissionset-meta.xml"])
        #expect(line(report, "Engage_Profile_vod__c", "OLS C")?.sources == ["grants/Engage_Integration.profile-meta.xml"])
    }

    @Test func r30_objectDependencies() {
        let m = manifest(ObjectRequirement(object: "Obj__c", access: [.create, .read, .edit, .delete]))
        func verdicts(_ p: GrantFile.ObjectPermission) -> [String: String] {
            let r = checkPermissions(manifest: m, grants: [GrantFile(path: "f", kind: .profile, objects: [p])])
            return Dictionary(uniqueKeysWithValues: r.requirements.map { ($0.needed, $0.verdict == .ok ? $0.granted : "-" + $0.granted) })
        }
        // Edit, Create, Delete without Read are not valid grants.
        #expect(verdicts(G.object("Obj__c", "CUD")) == [
            "Create": "-allowCreate without allowRead", "Read": "-not granted",
            "Edit": "-allowEdit without allowRead", "Delete": "-allowDelete without allowRead"])
        // Delete needs Edit too.
        #expect(verdicts(G.object("Obj__c", "CRD")) == [
            "Create": "allowCreate", "Read": "allowRead", "Edit": "-not granted",
            "Delete": "-allowDelete without allowEdit"])
        #expect(verdicts(G.object("Obj__c", "CRUD")) == [
            "Create": "allowCreate", "Read": "allowRead", "Edit": "allowEdit", "Delete": "allowDelete"])
        // View All grants Read; Modify All grants Read, Edit and Delete (not Create).
        #expect(verdicts(G.object("Obj__c", "", viewAll: true)) == [
            "Create": "-not granted", "Read": "viewAllRecords", "Edit": "-not granted", "Delete": "-not granted"])
        #expect(verdicts(G.object("Obj__c", "", modifyAll: true)) == [
            "Create": "-not granted", "Read": "modifyAllRecords", "Edit": "modifyAllRecords",
            "Delete": "modifyAllRecords"])
        #expect(verdicts(G.object("Obj__c", "C", viewAll: true))["Create"] == "allowCreate")
    }

    @Test func r30_dependencyIsJudgedPerFile() {
        // A file with allowEdit but no allowRead does not grant Edit, even if another grants Read.
        let m = manifest(ObjectRequirement(object: "Obj__c", access: [.edit]))
        let a = GrantFile(path: "a", kind: .profile, objects: [G.object("Obj__c", "R")])
        let b = GrantFile(path: "b", kind: .permissionSet, objects: [G.object("Obj__c", "U")])
        let report = checkPermissions(manifest: m, grants: [a, b])
        #expect(report.requirements.map(\.granted) == ["allowEdit without allowRead"])
        #expect(!report.isComplete)
    }

    @Test func r30_fieldRules() {
        let m = manifest(ObjectRequirement(object: "Obj__c", access: [], editFields: ["E1__c", "E2__c", "E3__c"],
                                           readFields: ["R1__c", "R2__c", "R3__c"]))
        let file = GrantFile(path: "p", kind: .profile, objects: [G.object("Obj__c", "R")], fields: [
            G.field("Obj__c.E1__c", read: true, edit: true),
            G.field("Obj__c.E2__c", read: true, edit: false),
            G.field("Obj__c.R1__c", read: false, edit: true),  // editable satisfies Read
            G.field("Obj__c.R2__c", read: true, edit: false),
            G.field("Obj__c.R3__c", read: false, edit: false),  // explicit false
        ])
        let report = checkPermissions(manifest: m, grants: [file])
        #expect(report.requirements.map { "\($0.item) \($0.verdict.rawValue) \($0.granted)" } == [
            "E1__c ok editable", "E2__c missing readable only", "E3__c missing not granted",
            "R1__c ok readable", "R2__c ok readable", "R3__c missing not granted"])
        // Without object Read no FLS counts.
        let noObject = GrantFile(path: "p", kind: .profile, fields: file.fields)
        let r2 = checkPermissions(manifest: m, grants: [noObject])
        #expect(r2.requirements.first?.granted == "editable, object not readable")
        #expect(r2.requirements.first?.remedy.objectAccess == [.read])
        #expect(r2.requirements.first?.remedy.field == nil)
    }

    @Test func r30_explicitFalseIsNotAGrant() {
        let m = manifest(ObjectRequirement(object: "Obj__c", access: [.read], recordTypes: ["RT"]))
        let file = GrantFile(path: "p", kind: .profile, objects: [G.object("Obj__c", "")],
                             recordTypes: [G.recordType("Obj__c.RT", visible: false)])
        let report = checkPermissions(manifest: m, grants: [file])
        #expect(report.requirements.map { "\($0.item) \($0.verdict.rawValue) \($0.granted)" } == [
            "OLS R missing not granted", "record type RT missing visible false"])
    }

    @Test func r30_standardFieldsFollowTheObject() {
        let m = manifest(ObjectRequirement(object: "Obj__c", access: [], editFields: ["Name"],
                                           readFields: ["Id", "LastModifiedDate", "RecordTypeId", "OwnerId"]))
        let readOnly = checkPermissions(manifest: m, grants: [GrantFile(path: "p", kind: .profile,
                                                                        objects: [G.object("Obj__c", "R")])])
        #expect(readOnly.requirements.map { "\($0.item) \($0.verdict.rawValue) \($0.granted)" } == [
            "Name missing no FLS; object Edit not granted", "Id ok object Read (no FLS)",
            "LastModifiedDate ok object Read (no FLS)", "RecordTypeId ok object Read (no FLS)",
            "OwnerId ok object Read (no FLS)"])
        #expect(readOnly.requirements[0].remedy.objectAccess == [.edit])
        let edit = checkPermissions(manifest: m, grants: [GrantFile(path: "p", kind: .profile,
                                                                    objects: [G.object("Obj__c", "RU")])])
        #expect(edit.isComplete)
        #expect(edit.requirements[0].granted == "object Edit (no FLS)")
        let none = checkPermissions(manifest: m, grants: [])
        #expect(none.missing.count == 5)
    }

    @Test func r30_caseInsensitiveAndNamespaced() {
        let m = manifest(ObjectRequirement(object: "npe01__OppPayment__c", access: [.read, .edit],
                                           recordTypes: ["Standard_Payment"], editFields: ["npe01__Paid__c"]))
        let file = GrantFile(path: "p", kind: .permissionSet,
                             objects: [G.object("NPE01__OPPPAYMENT__C", "RU")],
                             fields: [G.field("npe01__opppayment__c.NPE01__PAID__C", read: true, edit: true)],
                             recordTypes: [G.recordType("NPE01__OppPayment__c.standard_payment")])
        let report = checkPermissions(manifest: m, grants: [file])
        #expect(report.isComplete)
        #expect(report.requirements.map(\.object) == Array(repeating: "npe01__OppPayment__c", count: 4))
    }

    @Test func r30_relationshipFieldNeedsTheLookup() {
        let m = manifest(ObjectRequirement(object: "Engage_Connection_vod__c", access: [.read],
                                           editFields: ["To_Engage_Profile_vod__r.VExternal_ID_vod__c"]))
        let file = GrantFile(path: "p", kind: .profile, objects: [G.object("Engage_Connection_vod__c", "CRU")],
                             fields: [G.field("Engage_Connection_vod__c.To_Engage_Profile_vod__c", read: true, edit: true)])
        #expect(checkPermissions(manifest: m, grants: [file]).isComplete)
    }

    @Test func r30_textRendering() {
        let m = PermissionManifest(objects: [
            ObjectRequirement(object: "Engage_Profile_vod__c", access: [.create, .read],
                              recordTypes: ["Engage_HCP_Profile_vod"], editFields: ["Title_vod__c"],
                              readFields: ["Id"]),
            ObjectRequirement(object: "User", access: [.read], readFields: ["IsActive"]),
        ], path: "perm.yaml")
        let file = GrantFile(path: "a.profile", kind: .profile, objects: [G.object("Engage_Profile_vod__c", "CR")],
                             fields: [G.field("Engage_Profile_vod__c.Title_vod__c", read: true, edit: false)])
        let text = checkPermissions(manifest: m, grants: [file]).renderText()
        #expect(text == """
            Permissions: perm.yaml against 1 grant file
              a.profile

              object                 item                                needed   granted                                  verdict  file
              Engage_Profile_vod__c  OLS C                               Create   allowCreate                              ok       a.profile
              Engage_Profile_vod__c  OLS R                               Read     allowRead                                ok       a.profile
            ! Engage_Profile_vod__c  record type Engage_HCP_Profile_vod  Visible  not granted                              MISSING  -
            ! Engage_Profile_vod__c  Title_vod__c                        Edit     readable only                            MISSING  -
              Engage_Profile_vod__c  Id                                  Read     object Read (no FLS)                     ok       a.profile
              User                   OLS R                               Read     always readable (no object permissions)  ok       -
              User                   IsActive                            Read     object always readable (no FLS)          ok       -

            2 of 7 requirements missing
            Note: a retrieved profile or permission set holds field permissions only for the objects retrieved with it; "not granted" means not granted in these files.

            """)
    }

    @Test func r30_jsonRendering() throws {
        let m = manifest(ObjectRequirement(object: "Obj__c", access: [.read], editFields: ["F__c"]))
        let file = GrantFile(path: "dir/p.profile", kind: .profile, objects: [G.object("Obj__c", "R")])
        let json = checkPermissions(manifest: m, grants: [file]).renderJSON()
        #expect(json == """
            {
              "complete" : false,
              "grants" : [
                "dir/p.profile"
              ],
              "manifest" : "m.yaml",
              "missing" : 1,
              "note" : "Note: a retrieved profile or permission set holds field permissions only for the objects retrieved with it; \\"not granted\\" means not granted in these files.",
              "requirements" : [
                {
                  "granted" : "allowRead",
                  "item" : "OLS R",
                  "kind" : "object",
                  "name" : "R",
                  "needed" : "Read",
                  "object" : "Obj__c",
                  "sources" : [
                    "dir/p.profile"
                  ],
                  "verdict" : "ok"
                },
                {
                  "granted" : "not granted",
                  "item" : "F__c",
                  "kind" : "field",
                  "name" : "F__c",
                  "needed" : "Edit",
                  "object" : "Obj__c",
                  "sources" : [

                  ],
                  "verdict" : "missing"
                }
              ],
              "total" : 2
            }

            """)
        let decoded = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        #expect(decoded?["complete"] as? Bool == false)
    }
}
