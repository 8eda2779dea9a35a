import Foundation
import Testing
@testable import EngageSync

@Suite struct CSVSnapshotReaderTests {
    @Test func lowercasedNamesNullsOmittedRowLocations() throws {
        let path = CSVTestFiles.write(
            "\u{FEFF}\"Id\",\"VExternal_ID_vod__c\",\"RecordType.DeveloperName\",\"Title_vod__c\"\r\n"
                + "\"a1\",\"ep-1\",\"Engage_HCP_Profile_vod\",\"\"\r\n"
                + "a2,ep-2,,Dr\r\n")
        var records: [SnapshotRecord] = []
        try CSVSnapshotReader.forEachRecord(in: path) { records.append($0) }
        #expect(records.count == 2)
        #expect(records[0].fields == ["id": "a1", "vexternal_id_vod__c": "ep-1",
                                      "recordtype.developername": "Engage_HCP_Profile_vod"])
        #expect(records[0].location == SourceLocation(path: path, row: 2))
        #expect(records[1].fields == ["id": "a2", "vexternal_id_vod__c": "ep-2", "title_vod__c": "Dr"])
        #expect(records[1]["Title_Vod__C"] == "Dr")
        #expect(records[1].location.description == "\(path):row 3")
    }

    @Test func conformanceCase04Connections() throws {
        let path = CSVTestFiles.shared + "/conformance/cases/04-unchanged-and-updates/snapshot/Engage_Connection_vod__c.csv"
        var records: [SnapshotRecord] = []
        try CSVSnapshotReader.forEachRecord(in: path) { records.append($0) }
        #expect(records.first?["VExternal_ID_vod__c"] == "ep-7c1f0e52:0055j00000Sj0NaAAJ")
        #expect(records.first?["Inactivation_Datetime_vod__c"] == nil)
        #expect(records.first?["Active_vod__c"] == "TRUE")
    }

    @Test func errorsAreSnapshotErrors() {
        let path = CSVTestFiles.write("Id,Name\n1\n")
        #expect(throws: InputError(.snapshot, SourceLocation(path: path, row: 2),
                                   "row 2 has 1 field under a 2-column header")) {
            try CSVSnapshotReader.forEachRecord(in: path) { _ in }
        }
    }
}
