import Foundation
import Testing
@testable import EngageSync

@Suite struct XMLSnapshotReaderTests {
    private func records(_ path: String) throws -> [SnapshotRecord] {
        var all: [SnapshotRecord] = []
        try XMLSnapshotReader.forEachRecord(in: path) { all.append($0) }
        return all
    }

    @Test(arguments: [
        ("03-full-sync-jsonl/snapshot/Account.xml", 2),
        ("03-full-sync-jsonl/snapshot/Engage_Profile_vod__c.xml", 0),
        ("03-full-sync-jsonl/snapshot/User.xml", 5),
        ("04-unchanged-and-updates/snapshot/Account_Merge_History_vod__c.xml", 0),
        ("04-unchanged-and-updates/snapshot/Engage_Profile_vod__c.xml", 4),
        ("04-unchanged-and-updates/snapshot/User.xml", 5),
        ("05-eligibility/snapshot/RecordType.xml", 4),
        ("07-deleted-merged-profiles/snapshot/User.xml", 5),
        ("08-account-merge-and-unknown/snapshot/Account_Merge_History_vod__c.xml", 5),
    ])
    func conformanceSnapshotsRead(file: String, count: Int) throws {
        let all = try records("\(XMLFixtures.conformance)/\(file)")
        #expect(all.count == count)
        for r in all {
            #expect(r.fields["id"] != nil)
            #expect(r.fields["type"] == nil)
            #expect(r.fields.keys.allSatisfy { $0 == $0.lowercased() })
            #expect(r.fields.values.allSatisfy { !$0.isEmpty })
            #expect(r.location.line != nil && r.location.column != nil)
        }
    }

    @Test func soapEnvelopeRecordsHaveOneIdAndLowercasedNames() throws {
        let path = "\(XMLFixtures.conformance)/03-full-sync-jsonl/snapshot/User.xml"
        let all = try records(path)
        #expect(all[0].fields == ["id": "0055j00000EnGsYAAV", "name": "Engage Integration", "isactive": "true"])
        #expect(all[0]["IsActive"] == "true")
        #expect(all[0].location.description == "\(path):8:9")
    }

    @Test func bulkResultsNilFieldsAreAbsent() throws {
        let path = "\(XMLFixtures.conformance)/08-account-merge-and-unknown/snapshot/Account_Merge_History_vod__c.xml"
        let all = try records(path)
        #expect(all[1].fields == ["id": "a2P5j0000000002", "name": "0015j00000PrRm1",
                                  "account_vod__c": "0015j00000PrRm2AAF"])
        #expect(all[0].location.description == "\(path):3:3")
    }

    @Test func relationshipElementsBecomeDottedNames() throws {
        let text = """
            <?xml version="1.0" encoding="UTF-8"?>
            <queryResponse xmlns="urn:partner.soap.sforce.com" xmlns:sf="urn:sobject.partner.soap.sforce.com"
                xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
              <result xsi:type="QueryResult">
                <done>true</done>
                <queryLocator xsi:nil="true"/>
                <records xsi:type="sf:sObject">
                  <sf:type>Engage_Connection_vod__c</sf:type>
                  <sf:Id>a2O5j0000000001AAA</sf:Id>
                  <sf:Id>a2O5j0000000001AAA</sf:Id>
                  <sf:Active_vod__c>true</sf:Active_vod__c>
                  <sf:To_Engage_Profile_vod__r xsi:type="sf:sObject">
                    <sf:type>Engage_Profile_vod__c</sf:type>
                    <sf:Id xsi:nil="true"/>
                    <sf:VExternal_ID_vod__c>ep-7c1f0e52</sf:VExternal_ID_vod__c>
                  </sf:To_Engage_Profile_vod__r>
                  <sf:RecordType xsi:type="sf:sObject"><sf:type>RecordType</sf:type><sf:DeveloperName>User_to_Engage_Profile_vod</sf:DeveloperName><sf:Owner xsi:type="sf:sObject"><sf:Name>A &amp; B</sf:Name></sf:Owner></sf:RecordType>
                  <sf:Inactivation_Datetime_vod__c xsi:nil="true"/>
                  <sf:Name></sf:Name>
                  <sf:Connections__r xsi:type="QueryResult"><done>true</done><records xsi:type="sf:sObject"><sf:Id>x</sf:Id></records></sf:Connections__r>
                </records>
                <size>1</size>
              </result>
            </queryResponse>
            """
        let path = try XMLFixtures.write(text)
        let all = try records(path)
        #expect(all.count == 1)
        #expect(all[0].fields == [
            "id": "a2O5j0000000001AAA", "active_vod__c": "true",
            "to_engage_profile_vod__r.vexternal_id_vod__c": "ep-7c1f0e52",
            "recordtype.developername": "User_to_Engage_Profile_vod",
            "recordtype.owner.name": "A & B",
        ])
        #expect(all[0]["To_Engage_Profile_vod__r.VExternal_ID_vod__c"] == "ep-7c1f0e52")
        #expect(all[0].location.description == "\(path):7:5")
    }

    @Test func spec8_aFieldRepeatedWithAnotherValueIsAnError() throws {
        // The partner API repeats Id with the same value (kept once); two different values for
        // one field are ambiguous, like a duplicate key in JSON or a duplicate CSV column.
        let same = try XMLFixtures.write("<results>\n  <records><Id>001</Id><Id>001</Id><Name>A</Name></records>\n</results>\n")
        #expect(try records(same).map(\.fields) == [["id": "001", "name": "A"]])
        let other = try XMLFixtures.write("<results>\n  <records><Name>A</Name>\n    <Name>B</Name></records>\n</results>\n")
        #expect(Fixture.failure { _ = try records(other) } == "3:5: field 'name' repeated with another value ('A', then 'B')")
    }

    @Test func spec8_malformedSnapshotIsASnapshotErrorWithPosition() throws {
        let path = try XMLFixtures.write("<results>\n  <records><Id>1</Id>\n</results>\n")
        #expect {
            try XMLSnapshotReader.forEachRecord(in: path) { _ in }
        } throws: { error in
            (error as? InputError)?.kind == .snapshot
                && (error as? InputError)?.headline
                    == "\(path):3:11: error: Opening and ending tag mismatch: records line 2 and results"
        }
        let other = try XMLFixtures.write("<engage_export/>")
        #expect {
            try XMLSnapshotReader.forEachRecord(in: other) { _ in }
        } throws: { error in
            (error as? InputError)?.headline == "\(other):1:1: error: root element is <engage_export>, "
                + "expected a SOAP queryResponse or Bulk API <results>"
        }
    }
}
