import Foundation
import Testing
@testable import EngageSync

/// The shipped mapping says exactly SPEC §5, the manifest exactly SPEC §2, and the embedded
/// texts equal the files in `mappings/`.
@Suite struct DefaultMappingsTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static func p(_ text: String) -> ValuePath { try! ValuePath(parsing: text) }
    static func t(_ text: String) -> ValueTemplate { try! ValueTemplate(parsing: text) }

    static let expectedProfile = ObjectMapping(
        object: "Engage_Profile_vod__c", externalIdField: "VExternal_ID_vod__c", externalId: t("{id}"),
        recordType: .byValue(path: p("type"), map: ["HCP": "Engage_HCP_Profile_vod",
                                                    "STAFF": "Engage_Staff_Profile_vod"]),
        fields: [
            FieldRule(field: "Name", sources: [.path(p("display_name")), .template(t("{first_name} {last_name}"))],
                      maxLength: 80, tooLong: .cut),
            FieldRule(field: "First_Name_vod__c", sources: [.path(p("first_name"))]),
            FieldRule(field: "Last_Name_vod__c", sources: [.path(p("last_name"))]),
            FieldRule(field: "Display_Name_vod__c", sources: [.path(p("display_name"))]),
            FieldRule(field: "Degree_vod__c", sources: [.path(p("degree"))]),
            FieldRule(field: "Title_vod__c", sources: [.path(p("title"))]),
            FieldRule(field: "Profile_Photo_URL_vod__c", sources: [.path(p("photo_url"))]),
            FieldRule(field: "Engage_Signup_Datetime_vod__c", sources: [.path(p("signup_at"))], type: .datetime),
            FieldRule(field: "Account_vod__c", sources: [.path(p("accounts[org_id = $org].account_id"))],
                      type: .id, lookup: .account),
            FieldRule(field: "Connection_Status_vod__c", sources: [.path(p("status"))],
                      valueMap: ["ACTIVE": "Active_vod"]),
            FieldRule(field: "Connection_Status_Update_Datetime_vod__c", sources: [.path(p("status_changed_at"))],
                      type: .datetime),
        ])

    static let expectedConnection = ObjectMapping(
        object: "Engage_Connection_vod__c", externalIdField: "VExternal_ID_vod__c",
        externalId: t("{id}:{connection.user_id|id}"), recordType: .fixed("User_to_Engage_Profile_vod"),
        fields: [
            FieldRule(field: "From_User_vod__c", sources: [.path(p("connection.user_id"))], type: .id),
            FieldRule(field: "To_Engage_Profile_vod__r.VExternal_ID_vod__c", sources: [.path(p("id"))]),
            FieldRule(field: "Active_vod__c", sources: [.path(p("connection.state"))],
                      valueMap: ["CONNECTED": "true", "DISCONNECTED": "false"], type: .boolean),
            FieldRule(field: "Inactivation_Datetime_vod__c", sources: [.path(p("connection.updated_at"))],
                      type: .datetime,
                      condition: FieldCondition(path: p("connection.state"), values: ["DISCONNECTED"])),
        ])

    static let expectedDeletion = DeletionRule(
        statuses: ["DELETED", "MERGED"],
        set: ["Name": .literal("Deleted User"), "Connection_Status_vod__c": .literal("Deleted_vod"),
              "Connection_Status_Update_Datetime_vod__c": .runTime],
        keep: [])

    @Test func defaultMappingSaysSpecSection5() throws {
        let mapping = try DefaultMappings.mapping()
        #expect(mapping.path == DefaultMappings.mappingPath)
        #expect(mapping.profile.object == Self.expectedProfile.object)
        #expect(mapping.profile.externalIdField == Self.expectedProfile.externalIdField)
        #expect(mapping.profile.externalId == Self.expectedProfile.externalId)
        #expect(mapping.profile.recordType == Self.expectedProfile.recordType)
        #expect(mapping.profile.fields.map(\.field) == Self.expectedProfile.fields.map(\.field))
        for (got, want) in zip(mapping.profile.fields, Self.expectedProfile.fields) {
            #expect(got == want, "\(want.field)")
        }
        #expect(mapping.connection.fields.map(\.field) == Self.expectedConnection.fields.map(\.field))
        for (got, want) in zip(mapping.connection.fields, Self.expectedConnection.fields) {
            #expect(got == want, "\(want.field)")
        }
        #expect(mapping.profile == Self.expectedProfile)
        #expect(mapping.connection == Self.expectedConnection)
        #expect(mapping.connections == ConnectionRule())
        #expect(mapping.deletion == Self.expectedDeletion)
        #expect(mapping.profile.fields[0].permissionField == "Name")
        #expect(mapping.connection.fields[1].permissionField == "To_Engage_Profile_vod__c")
    }

    @Test func defaultManifestSaysSpecSection2() throws {
        let manifest = try DefaultMappings.manifest()
        let expected = [
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
            ObjectRequirement(object: "Account", access: [], readFields: ["Id", "Engage_Profile_Status_vod__c"]),
            ObjectRequirement(object: "User", access: [], readFields: ["Id", "IsActive"]),
            ObjectRequirement(object: "RecordType", access: [], readFields: ["Id", "DeveloperName", "SobjectType"]),
        ]
        #expect(manifest.objects == expected)
        #expect(manifest.path == DefaultMappings.manifestPath)
        #expect(manifest.requirement(for: "engage_profile_vod__c")?.object == "Engage_Profile_vod__c")
    }

    @Test func defaultMappingPassesDefaultManifest() throws {
        try validate(mapping: try DefaultMappings.mapping(), against: try DefaultMappings.manifest())
    }

    @Test func embeddedTextsEqualTheShippedFilesByteForByte() throws {
        let mapping = try Data(contentsOf: Self.packageRoot.appendingPathComponent("mappings/engage-profile-sync.yaml"))
        let manifest = try Data(
            contentsOf: Self.packageRoot.appendingPathComponent("mappings/integration-user-permissions.yaml"))
        #expect(Data(DefaultMappings.mappingYAML.utf8) == mapping)
        #expect(Data(DefaultMappings.manifestYAML.utf8) == manifest)
    }

    @Test func shippedFilesLoadFromDisk() throws {
        let path = Self.packageRoot.appendingPathComponent("mappings/engage-profile-sync.yaml").path
        let mapping = try MappingLoader.load(path: path)
        var builtIn = try DefaultMappings.mapping()
        builtIn.path = path
        #expect(mapping == builtIn)
        #expect(mapping.sourceMap.location(object: "Engage_Profile_vod__c", field: "Name")?.line != nil)
        let manifestPath = Self.packageRoot.appendingPathComponent("mappings/integration-user-permissions.yaml").path
        #expect(try ManifestLoader.load(path: manifestPath).objects == (try DefaultMappings.manifest()).objects)
    }
}
