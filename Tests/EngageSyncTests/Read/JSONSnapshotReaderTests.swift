import Foundation
import Testing
@testable import EngageSync

@Suite struct JSONSnapshotReaderTests {
    private func records(_ text: String) throws -> [SnapshotRecord] {
        try records(path: Fixture.write(text))
    }

    private func records(path: String) throws -> [SnapshotRecord] {
        var out: [SnapshotRecord] = []
        try JSONSnapshotReader.forEachRecord(in: path) { out.append($0) }
        return out
    }

    private func failure(_ text: String) -> String {
        let path = Fixture.write(text)
        return Fixture.failure { try JSONSnapshotReader.forEachRecord(in: path) { _ in } }
    }

    @Test func conformanceSnapshotsMatchFoundationsReading() throws {
        let files = Fixture.conformanceFiles { $0.contains("/snapshot/") && $0.hasSuffix(".json") }
        #expect(files.count >= 20)
        for file in files {
            let read = try records(path: file)
            let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: file)))
            let list: [[String: Any]]
            if let array = object as? [[String: Any]] {
                list = array
            } else if let root = object as? [String: Any], let records = root["records"] as? [[String: Any]] {
                list = records
            } else {
                let root = try #require(object as? [String: Any])
                list = try #require((root["result"] as? [String: Any])?["records"] as? [[String: Any]])
            }
            #expect(read.count == list.count, "\(file)")
            for (record, source) in zip(read, list) {
                #expect(record.fields["attributes"] == nil)
                for (key, value) in source where key != "attributes" {
                    if let text = value as? String {
                        #expect(record[key] == text, "\(file) \(key)")
                    } else if value is NSNull {
                        #expect(record[key] == nil, "\(file) \(key)")
                    } else if value is NSNumber {
                        #expect(record[key] != nil, "\(file) \(key)")
                    }
                }
            }
        }
    }

    @Test func readsTheThreeShapesWithRelationshipsFlattened() throws {
        let record = """
            {"attributes": {"type": "Engage_Connection_vod__c", "url": "/x"},
             "Id": "a2M5j0000001001", "Active_vod__c": false, "Count__c": 12, "Score__c": -1.5e2,
             "Inactivation_Datetime_vod__c": null, "Note__c": "",
             "To_Engage_Profile_vod__r": {"attributes": {"type": "Engage_Profile_vod__c"},
               "VExternal_ID_vod__c": "ep-7c1f0e52", "Owner": {"Name": "Ann", "Alias": null}},
             "Children__r": {"totalSize": 1, "records": [{"Id": "x"}]},
             "Empty__r": null}
            """
        let expected = [
            "id": "a2M5j0000001001", "active_vod__c": "false", "count__c": "12", "score__c": "-1.5e2", "note__c": "",
            "to_engage_profile_vod__r.vexternal_id_vod__c": "ep-7c1f0e52", "to_engage_profile_vod__r.owner.name": "Ann",
            "children__r.totalsize": "1",
        ]
        let rest = try records("{\"totalSize\": 1, \"done\": true,\n \"records\": [" + record + "]}")
        #expect(rest.map(\.fields) == [expected])
        #expect(rest.first?.location.line == 2)
        #expect(rest.first?.location.column == 14)
        let sf = try records("{\"status\": 0, \"result\": {\"done\": true, \"records\": [" + record + ", {\"Id\": \"b\"}]}, \"warnings\": []}")
        #expect(sf.map(\.fields) == [expected, ["id": "b"]])
        let plain = try records("[\n  " + record + "\n]")
        #expect(plain.map(\.fields) == [expected])
        #expect(plain.first?.location == SourceLocation(path: plain[0].location.path, line: 2, column: 3))
        #expect(plain.first?["TO_ENGAGE_PROFILE_VOD__R.VEXTERNAL_ID_VOD__C"] == "ep-7c1f0e52")
        #expect(try records("{\"totalSize\": 0, \"done\": true, \"records\": []}").isEmpty)
        #expect(try records("[]").isEmpty)
    }

    @Test func spec8_badSnapshotsAreErrors() {
        #expect(failure("") == "the snapshot file is empty (0 bytes)")
        #expect(failure("\n\n") == "the snapshot file holds only whitespace")
        #expect(failure("{\"totalSize\": 0, \"done\": true}")
                == "1:1: no 'records' array (expected a query result, an 'sf data query --json' result or an array of records)")
        #expect(failure("{\"status\": 1, \"name\": \"INVALID_TYPE\", \"message\": \"sObject type 'Foo' is not supported.\"}")
                == "1:1: the snapshot is an error result (status 1): sObject type 'Foo' is not supported.")
        #expect(failure("\"text\"") == "1:1: a snapshot must be a JSON object or array, found a string")
        #expect(failure("{\"records\": [{\"Id\": \"a\"}, 5]}") == "1:27: a snapshot record must be a JSON object, found a number")
        #expect(failure("{\"records\": {}}") == "1:13: 'records' must be an array, found an object")
        #expect(failure("[{\"Id\": \"a\",\n  \"Id\": \"b\"}]") == "2:3: duplicate key 'Id' (first at 1:3)")
        #expect(failure("[{\"Name\": \"a\", \"NAME\": \"b\"}]") == "1:16: duplicate field 'name' (first at 1:3)")
        #expect(failure("[{\"A__r\": {\"B\": 1}, \"a__r.b\": 2}]") == "1:21: duplicate field 'a__r.b' (first at 1:12)")
        #expect(failure("[{\"Id\": \"a\"},]") == "1:13: trailing comma before ']'")
        #expect(failure(#"[{"Id": "\udfff"}]"#) == #"1:10: lone surrogate escape '\udfff'"#)
        let nested = "[" + String(repeating: "{\"r\": ", count: 70) + "1" + String(repeating: "}", count: 70) + "]"
        #expect(failure(nested) == "1:380: nesting deeper than 64 levels")
        #expect(failure("[{\"Id\": \"a\"}] x") == "1:15: unexpected 'x' after the end of the JSON document")
        #expect(Fixture.failure { try JSONSnapshotReader.forEachRecord(in: Fixture.folder + "/User.json") { _ in } }
                == "cannot open the snapshot file: No such file or directory")
    }

    @Test func recordsStreamBeforeTheEndOfTheFile() {
        var seen: [String] = []
        let path = Fixture.write("[{\"Id\": \"a\"}, {\"Id\": \"b\"}, {\"Id\" \"c\"}]")
        let message = Fixture.failure {
            try JSONSnapshotReader.forEachRecord(in: path) { seen.append($0["id"] ?? "") }
        }
        #expect(seen == ["a", "b"])
        #expect(message == "1:34: expected ':' after the key 'Id', found '\"'")
    }
}
