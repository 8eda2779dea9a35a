import Foundation
import Testing
@testable import EngageSync

@Suite struct GrantFileReaderTests {
    // file, root, objectPermissions, fieldPermissions, editable, readable, recordTypes, visible
    // (counts measured independently with Python's ElementTree)
    @Test(arguments: [
        ("01_dreamhouse.permissionset-meta.xml", "PermissionSet", 2, 33, 28, 33, 0, 0),
        ("02_Provides_Edit_Access_to_Accounts_Except_ShippingStreet.permissionset-meta.xml", "PermissionSet", 1, 1, 1, 1, 0, 0),
        ("03_Provides_Read_Only_Access_to_Account_and_All_Fields.permissionset-meta.xml", "PermissionSet", 1, 20, 0, 20, 0, 0),
        ("04_NPSP_Gift_Entry_User_unmanaged.permissionset-meta.xml", "PermissionSet", 5, 59, 52, 59, 0, 0),
        ("05_QA.permissionset", "PermissionSet", 0, 97, 97, 97, 3, 3),
        ("06_Encryption.permissionset", "PermissionSet", 0, 0, 0, 0, 0, 0),
        ("07_View_Donations.permissionset", "PermissionSet", 5, 1156, 0, 45, 0, 0),
        ("08_NPSP_Standard_User.profile", "Profile", 24, 0, 0, 0, 7, 6),
        ("09_sysadmin_test.profile", "Profile", 4, 34, 31, 31, 0, 0),
        ("10_HEDAP_default.permissionset", "PermissionSet", 2, 79, 42, 65, 2, 2),
    ])
    func corpusFilesRead(file: String, root: String, objects: Int, fields: Int, editable: Int, readable: Int,
                         recordTypes: Int, visible: Int) throws {
        let path = "\(XMLFixtures.permissions)/\(file)"
        let g = try GrantFileReader.read(path: path)
        #expect(g.path == path)
        #expect(g.kind == (root == "Profile" ? .profile : .permissionSet))
        #expect(g.objects.count == objects)
        #expect(g.fields.count == fields)
        #expect(g.fields.filter(\.editable).count == editable)
        #expect(g.fields.filter(\.readable).count == readable)
        #expect(g.recordTypes.count == recordTypes)
        #expect(g.recordTypes.filter(\.visible).count == visible)
        #expect(g.fields.allSatisfy { $0.location?.line != nil && !$0.field.isEmpty })
    }

    @Test func profileObjectPermissionsReadByNameNotPosition() throws {
        let g = try GrantFileReader.read(path: "\(XMLFixtures.permissions)/08_NPSP_Standard_User.profile")
        let first = try #require(g.objects.first)
        #expect(first.object == "%%%NAMESPACE%%%Account_Soft_Credit__c")
        #expect(first.allowCreate && first.allowRead && first.allowEdit && first.allowDelete)
        #expect(!first.viewAllRecords && !first.modifyAllRecords)  // omitted → false
        #expect(g.recordTypes.filter(\.isDefault).count > 0)
    }

    @Test func conformanceCase10Grants() throws {
        let dir = "\(XMLFixtures.conformance)/10-permission-failure/grants"
        let profile = try GrantFileReader.read(path: "\(dir)/Engage_Integration.profile-meta.xml")
        #expect(profile.kind == .profile)
        #expect(profile.objects.count == 4)
        #expect(profile.fields.count == 20)
        let title = try #require(profile.fields.first { $0.field == "Engage_Profile_vod__c.Title_vod__c" })
        #expect(title.readable && !title.editable)  // explicit false
        let staff = try #require(profile.recordTypes.first { $0.recordType.hasSuffix("Engage_Staff_Profile_vod") })
        #expect(staff.visible && !staff.isDefault)
        let profileObject = try #require(profile.objects.first { $0.object == "Engage_Profile_vod__c" })
        #expect(profileObject.allowCreate && profileObject.allowRead && profileObject.allowEdit)
        #expect(!profileObject.allowDelete)
        #expect(profileObject.location?.line == 131)

        let set = try GrantFileReader.read(path: "\(dir)/Engage_Sync_Title.permissionset-meta.xml")
        #expect(set.kind == .permissionSet)
        #expect(set.fields.first?.editable == true)
        #expect(set.objects.map(\.object) == ["Engage_Profile_vod__c", "RecordType", "User"])
    }

    private let header = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"

    @Test func booleansAnyCaseAndBadBooleanIsAnErrorWithPosition() throws {
        let ok = try XMLFixtures.write(header + """
            <PermissionSet xmlns="http://soap.sforce.com/2006/04/metadata">
                <fieldPermissions><readable>TRUE</readable><field>A.B</field><editable> False </editable></fieldPermissions>
            </PermissionSet>
            """, name: "ok.permissionset")
        let g = try GrantFileReader.read(path: ok)
        #expect(g.fields.first?.readable == true && g.fields.first?.editable == false)
        #expect(g.fields.first?.location?.description == "\(ok):3:5")

        let bad = try XMLFixtures.write(header + """
            <PermissionSet xmlns="http://soap.sforce.com/2006/04/metadata">
                <objectPermissions>
                    <object>Account</object>
                    <allowRead>yes</allowRead>
                </objectPermissions>
            </PermissionSet>
            """, name: "bad.permissionset")
        #expect(throws: InputError(.grants, SourceLocation(path: bad, line: 5, column: 9),
                                   "<allowRead> must be true or false, not 'yes'")) {
            _ = try GrantFileReader.read(path: bad)
        }
    }

    @Test func spec8_malformedAndForeignGrantFilesAreRefused() throws {
        let broken = try XMLFixtures.write(header + """
            <Profile xmlns="http://soap.sforce.com/2006/04/metadata">
                <fieldPermissions><field>A.B</field></fieldPermission>
            </Profile>
            """, name: "broken.profile")
        #expect {
            _ = try GrantFileReader.read(path: broken)
        } throws: { error in
            (error as? InputError)?.kind == .grants
                && (error as? InputError)?.headline
                    == "\(broken):3:59: error: Opening and ending tag mismatch: fieldPermissions line 3 and fieldPermission"
        }
        let wrongNamespace = try XMLFixtures.write(header + "<Profile xmlns=\"urn:other\"/>", name: "x.profile")
        #expect(throws: InputError(.grants, SourceLocation(path: wrongNamespace, line: 2, column: 1),
                                   "<Profile> is in 'urn:other', expected the Metadata API namespace "
                                       + "'http://soap.sforce.com/2006/04/metadata'")) {
            _ = try GrantFileReader.read(path: wrongNamespace)
        }
        let wrongRoot = try XMLFixtures.write(header + "<Layout xmlns=\"http://soap.sforce.com/2006/04/metadata\"/>")
        #expect(throws: InputError(.grants, SourceLocation(path: wrongRoot, line: 2, column: 1),
                                   "root element is <Layout>, expected <Profile> or <PermissionSet>")) {
            _ = try GrantFileReader.read(path: wrongRoot)
        }
    }

    @Test func spec8_aFileThatIsNotXMLIsNamedAtItsFirstCharacter() throws {
        let markdown = try XMLFixtures.write("\n  # Grants\n", name: "grants.md")
        #expect(throws: InputError(.grants, SourceLocation(path: markdown, line: 2, column: 3),
                                   "not an XML file: a grant file is a Metadata API profile or permission set "
                                       + "(*.profile, *.permissionset, *.profile-meta.xml, *.permissionset-meta.xml) "
                                       + "or grants as YAML (*.yaml, *.yml)")) {
            _ = try GrantFileReader.read(path: markdown)
        }
        let withBOM = try XMLFixtures.write(Data([0xEF, 0xBB, 0xBF]) + Data(header.utf8)
            + Data("<Profile xmlns=\"http://soap.sforce.com/2006/04/metadata\"/>".utf8), name: "bom.profile")
        #expect(try GrantFileReader.read(path: withBOM).kind == .profile)
    }
}
