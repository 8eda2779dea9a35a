import Foundation
import Testing
@testable import EngageSync

/// Grants written as YAML in the manifest's shape (issue 4 item 1): read into the same
/// `GrantFile` as Metadata API files, with positions, and checked like them (R30).
@Suite struct GrantYAMLLoaderTests {
    static let grants = """
        version: 1
        objects:
          - object: Engage_Profile_vod__c
            access: CRU
            record_types: [Engage_HCP_Profile_vod]
            edit:
              - Title_vod__c
            read:
              - Connection_Status_vod__c
          - object: Account
            read: Engage_Profile_Status_vod__c

        """

    @Test func r30_lettersRecordTypesAndFieldsBecomeGrantsWithTheirPositions() throws {
        let g = try GrantYAMLLoader.load(text: Self.grants, path: "grants.yaml")
        #expect(g.kind == .yaml)
        #expect(g.path == "grants.yaml")
        #expect(g.objects.count == 1)  // Account has no access letters: no object permission
        let profile = try #require(g.objects.first)
        #expect(profile.object == "Engage_Profile_vod__c")
        #expect(profile.allowCreate && profile.allowRead && profile.allowEdit && !profile.allowDelete)
        #expect(!profile.viewAllRecords && !profile.modifyAllRecords)
        #expect(profile.location == SourceLocation(path: "grants.yaml", line: 4, column: 13))
        #expect(g.recordTypes.map(\.recordType) == ["Engage_Profile_vod__c.Engage_HCP_Profile_vod"])
        #expect(g.recordTypes.allSatisfy { $0.visible && !$0.isDefault })
        #expect(g.fields.map(\.field) == ["Engage_Profile_vod__c.Title_vod__c",
                                          "Engage_Profile_vod__c.Connection_Status_vod__c",
                                          "Account.Engage_Profile_Status_vod__c"])
        #expect(g.fields.map(\.editable) == [true, false, false])
        #expect(g.fields.allSatisfy { $0.readable })
        let lines = g.fields.map { $0.location?.line }
        #expect(lines == [7, 9, 11])
    }

    @Test func r30_theShippedManifestReadAsGrantsLacksOnlyAccountRead() throws {
        // The manifest reads Account fields without naming an object permission (SPEC §2 has
        // none for Account), so as grants it gives no Account Read; with `access: R` it is complete.
        let manifest = try DefaultMappings.manifest()
        let asIs = try GrantYAMLLoader.load(text: DefaultMappings.manifestYAML, path: "as-grants.yaml")
        let report = checkPermissions(manifest: manifest, grants: [asIs])
        #expect(report.missing.map { "\($0.object) \($0.item)" } == ["Account Id", "Account Engage_Profile_Status_vod__c"])
        let withRead = DefaultMappings.manifestYAML.replacingOccurrences(
            of: "  - object: Account\n", with: "  - object: Account\n    access: R\n")
        let fixed = try GrantYAMLLoader.load(text: withRead, path: "with-read.yaml")
        let complete = checkPermissions(manifest: manifest, grants: [fixed])
        #expect(complete.isComplete)
        #expect(complete.requirements.count == 44)
    }

    @Test func r30_onlyWhatIsWrittenIsGranted() throws {
        let text = """
            version: 1
            objects:
              - object: engage_profile_vod__c
                access: U
                edit: [title_vod__c]

            """
        let grants = try GrantYAMLLoader.load(text: text, path: "edit-only.yml")
        let manifest = PermissionManifest(objects: [
            ObjectRequirement(object: "Engage_Profile_vod__c", access: [.edit], editFields: ["Title_vod__c"]),
        ], path: "m.yaml")
        let report = checkPermissions(manifest: manifest, grants: [grants])
        // Edit without Read counts for nothing, in any case of the names (Salesforce's dependency).
        #expect(report.requirements.map(\.granted) == ["allowEdit without allowRead", "editable, object not readable"])
        #expect(report.missing.count == 2)
    }

    @Test func r30_yamlAndMetadataFilesCombineAsAUnion() throws {
        let dir = BinaryRunner.packageRoot.appendingPathComponent("samples/verteo/permissions").path
        let profile = try GrantFileReader.read(path: "\(dir)/Engage_Integration.profile-meta.xml")
        let incomplete = try GrantFileReader.read(path: "\(dir)/incomplete/Engage_Profile_Sync.permissionset-meta.xml")
        let manifest = try DefaultMappings.manifest()
        #expect(checkPermissions(manifest: manifest, grants: [profile, incomplete]).missing.count == 2)
        let extra = try XMLFixtures.write("""
            version: 1
            objects:
              - object: Engage_Profile_vod__c
                record_types: [Engage_Staff_Profile_vod]
                edit: [Title_vod__c]

            """, name: "extra.YML")
        let fromYAML = try GrantFileReader.read(path: extra)  // dispatched on the extension, any case
        #expect(fromYAML.kind == .yaml)
        let report = checkPermissions(manifest: manifest, grants: [profile, incomplete, fromYAML])
        #expect(report.isComplete)
        let title = try #require(report.requirements.first { $0.item == "Title_vod__c" })
        #expect(title.sources == [extra])
    }

    @Test(arguments: [
        ("version: 1\nobjects:\n  - object: Account\n    acess: R\n", 4, 5,
         "unknown key 'acess' in an object; did you mean 'access'? (allowed: object, access, record_types, edit, read)"),
        ("version: 1\nobjects:\n  - object: Account\n    access: RX\n", 4, 13,
         "access of 'Account' must be letters of C, R, U, D, found 'X'"),
        ("objects:\n  - object: Account\n", 1, 1, "missing key 'version' in the grants file (write version: 1)"),
        ("version: 2\nobjects: []\n", 1, 10, "unsupported grants file version '2' (this engage-sync reads version 1)"),
        ("version: 1\nobjects:\n  - object: User\n    read: [Id, id]\n", 4, 16, "'id' is listed twice in read of 'User'"),
        ("version: 1\nobjects:\n  - object: User\n  - object: user\n", 4, 13,
         "object 'user' is listed twice (first at 3:13)"),
    ])
    func spec8_aMalformedGrantsFileNamesTheLineAndColumn(text: String, line: Int, column: Int, message: String) throws {
        let path = try XMLFixtures.write(text, name: "grants.yaml")
        #expect {
            _ = try GrantFileReader.read(path: path)
        } throws: { error in
            guard let e = error as? InputError else { return false }
            return e.kind == .grants && e.location == SourceLocation(path: path, line: line, column: column)
                && e.message == message
        }
    }

    @Test func aMissingGrantsFileIsAnErrorAtItsPath() {
        #expect {
            _ = try GrantYAMLLoader.load(path: "/nonexistent/grants.yaml")
        } throws: { error in
            (error as? InputError)?.headline == "/nonexistent/grants.yaml: error: file does not exist"
        }
    }
}
