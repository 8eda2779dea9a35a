import Foundation
import Testing
@testable import EngageSync

@Suite struct SuggestedPermissionSetTests {
    typealias G = Grants

    @Test func r30_suggestionForCase10IsExactlyTheMissingFLS() {
        let report = checkPermissions(manifest: G.manifest, grants: [G.integrationProfile])
        let xml = suggestedPermissionSet(for: report, label: "Engage Sync <fix>")
        #expect(xml == """
            <?xml version="1.0" encoding="UTF-8"?>
            <PermissionSet xmlns="http://soap.sforce.com/2006/04/metadata">
                <description>\(suggestionDescription)</description>
                <fieldPermissions>
                    <editable>true</editable>
                    <field>Engage_Profile_vod__c.Title_vod__c</field>
                    <readable>true</readable>
                </fieldPermissions>
                <hasActivationRequired>false</hasActivationRequired>
                <label>Engage Sync &lt;fix&gt;</label>
            </PermissionSet>

            """)
        #expect(suggestionDescription.count <= 255)
    }

    @Test func r30_suggestionAddsDependencyLettersAndOrder() throws {
        let m = PermissionManifest(objects: [
            ObjectRequirement(object: "B__c", access: [.delete], recordTypes: ["RT2", "RT1"],
                              editFields: ["Name", "Z__c"], readFields: ["A__c"]),
            ObjectRequirement(object: "A__c", access: [.create]),
        ], path: "m.yaml")
        let xml = suggestedPermissionSet(for: checkPermissions(manifest: m, grants: []), label: "Fix")
        #expect(xml == """
            <?xml version="1.0" encoding="UTF-8"?>
            <PermissionSet xmlns="http://soap.sforce.com/2006/04/metadata">
                <description>\(suggestionDescription)</description>
                <fieldPermissions>
                    <editable>false</editable>
                    <field>B__c.A__c</field>
                    <readable>true</readable>
                </fieldPermissions>
                <fieldPermissions>
                    <editable>true</editable>
                    <field>B__c.Z__c</field>
                    <readable>true</readable>
                </fieldPermissions>
                <hasActivationRequired>false</hasActivationRequired>
                <label>Fix</label>
                <objectPermissions>
                    <allowCreate>true</allowCreate>
                    <allowDelete>false</allowDelete>
                    <allowEdit>false</allowEdit>
                    <allowRead>true</allowRead>
                    <modifyAllRecords>false</modifyAllRecords>
                    <object>A__c</object>
                    <viewAllRecords>false</viewAllRecords>
                </objectPermissions>
                <objectPermissions>
                    <allowCreate>false</allowCreate>
                    <allowDelete>true</allowDelete>
                    <allowEdit>true</allowEdit>
                    <allowRead>true</allowRead>
                    <modifyAllRecords>false</modifyAllRecords>
                    <object>B__c</object>
                    <viewAllRecords>false</viewAllRecords>
                </objectPermissions>
                <recordTypeVisibilities>
                    <recordType>B__c.RT1</recordType>
                    <visible>true</visible>
                </recordTypeVisibilities>
                <recordTypeVisibilities>
                    <recordType>B__c.RT2</recordType>
                    <visible>true</visible>
                </recordTypeVisibilities>
            </PermissionSet>

            """)
    }

    @Test func r30_suggestionMergedMakesTheCheckComplete() throws {
        // Start from a thin profile: some objects, a few fields, one invalid Edit grant.
        var thin = GrantFile(path: "thin.profile", kind: .profile)
        thin.objects = [G.object("Engage_Profile_vod__c", "U"), G.object("Account", "R")]
        thin.fields = [G.field("Engage_Profile_vod__c.Title_vod__c", read: true, edit: false)]
        for grants in [[thin], [], [G.integrationProfile]] {
            let before = checkPermissions(manifest: G.manifest, grants: grants)
            #expect(!before.isComplete)
            let xml = suggestedPermissionSet(for: before, label: "Engage Sync Fix")
            let suggestion = try G.parse(xml, path: "fix.permissionset-meta.xml")
            #expect(suggestion.objects.allSatisfy { !$0.allowEdit || $0.allowRead })
            let after = checkPermissions(manifest: G.manifest, grants: grants + [suggestion])
            #expect(after.isComplete, "\(after.missing.map { "\($0.object) \($0.item)" })")
            // Nothing more than missing: no line that was ok is now granted by the suggestion alone
            // except through the dependency letters.
            #expect(suggestion.fields.count == before.missing.compactMap(\.remedy.field).count)
        }
    }

    @Test func r30_completeReportSuggestsNothing() {
        let file = GrantFile(path: "p", kind: .profile, objects: [G.object("X__c", "R")])
        let m = PermissionManifest(objects: [ObjectRequirement(object: "X__c", access: [.read])], path: "m")
        let xml = suggestedPermissionSet(for: checkPermissions(manifest: m, grants: [file]), label: "L")
        #expect(!xml.contains("<objectPermissions>"))
        #expect(!xml.contains("<fieldPermissions>"))
    }
}
