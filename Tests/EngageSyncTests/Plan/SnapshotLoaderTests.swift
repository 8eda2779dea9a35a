import Foundation
import Testing
@testable import EngageSync

/// The snapshot loader reads the profiles beside the other objects; what it gives and which
/// error it reports must not depend on that: the first faulty object in `objects` order wins,
/// and connections that name their profile by record Id find it.
@Suite struct SnapshotLoaderTests {
    let source = BinaryRunner.packageRoot.appendingPathComponent("Tests/Fixtures/basic/snapshot")
    let mapping = try! DefaultMappings.mapping()

    /// A copy of the fixture snapshot with some files replaced.
    func snapshot(_ replaced: [String: String]) throws -> String {
        let folder = try BinaryRunner.temporaryFolder("snapshot")
        for name in try FileManager.default.contentsOfDirectory(atPath: source.path) {
            try FileManager.default.copyItem(at: source.appendingPathComponent(name), to: folder.appendingPathComponent(name))
        }
        for (name, text) in replaced {
            try Data(text.utf8).write(to: folder.appendingPathComponent(name))
        }
        return folder.path
    }

    func loadError(_ folder: String) -> String {
        do {
            _ = try SnapshotLoader.load(folder: folder, mapping: mapping)
            return "no error"
        } catch {
            return "\(error)"
        }
    }

    let brokenCSV = "Id,Name\n\"unterminated\n"

    @Test func anErrorOfAnEarlierObjectWinsOverTheProfiles() throws {
        let folder = try snapshot(["User.csv": brokenCSV, "Engage_Profile_vod__c.csv": brokenCSV])
        #expect(loadError(folder).contains("User.csv"))
    }

    @Test func aProfileErrorWinsOverAConnectionError() throws {
        let folder = try snapshot(["Engage_Connection_vod__c.csv": brokenCSV, "Engage_Profile_vod__c.csv": brokenCSV])
        #expect(loadError(folder).contains("Engage_Profile_vod__c.csv"))
        let connectionsOnly = try snapshot(["Engage_Connection_vod__c.csv": brokenCSV])
        #expect(loadError(connectionsOnly).contains("Engage_Connection_vod__c.csv"))
    }

    @Test func r4_aConnectionNamingItsProfileByRecordIdIsFoundUnderTheProfile() throws {
        let folder = try snapshot([
            "Engage_Profile_vod__c.csv": "Id,VExternal_ID_vod__c,Name\na2N5j0000000101,ep-1,Dr. One\n",
            "Engage_Connection_vod__c.csv": "Id,VExternal_ID_vod__c,To_Engage_Profile_vod__c,Active_vod__c\n"
                + "a2M5j0000000201,ep-1:0055j00000Sj0NaAAJ,a2N5j0000000101,true\n"
                + "a2M5j0000000202,ep-2:0055j00000Sj0NaAAJ,a2N5j0000000999,true\n",
        ])
        let loaded = try SnapshotLoader.load(folder: folder, mapping: mapping)
        #expect(loaded.connectionKeys(ofProfile: "ep-1") == ["ep-1:0055j00000Sj0NaAAJ"])
        let index = try #require(mapping.connection.fields.firstIndex { $0.field.hasPrefix("To_Engage_Profile_vod__r") })
        #expect(loaded.connections["ep-1:0055j00000Sj0NaAAJ"]?.value(index) == "ep-1")
        #expect(loaded.connections["ep-2:0055j00000Sj0NaAAJ"]?.value(index) == nil)
    }
}
