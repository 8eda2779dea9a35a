import Testing
@testable import EngageSync

/// The snapshot's record store (SPEC §2, R15 in the CRM): records come back as they went in,
/// a key added again points to the newer record, and the index keeps finding every key as it grows.
@Suite struct CRMRecordTableTests {
    func record(_ id: String, _ values: [String?], row: Int) -> CRMRecord {
        CRMRecord(id: id, recordTypeId: "0125j000000StFqAAK", lastModifiedById: nil, lastModifiedDate: nil,
                  values: values, location: SourceLocation(path: "Engage_Profile_vod__c.csv", row: row))
    }

    @Test func aRecordComesBackAsItWentIn() {
        var table = CRMRecordTable()
        let r = record("a2N5j0000000000EAA", ["Chloé", nil, "Kowalczyk"], row: 2)
        table["ep-1"] = r
        #expect(table["ep-1"] == r)
        #expect(table["ep-1"]?.location == SourceLocation(path: "Engage_Profile_vod__c.csv", row: 2))
        #expect(table["ep-2"] == nil)
        #expect(table.count == 1)
    }

    @Test func r15_aKeyAddedAgainPointsToTheNewerRecord() {
        var table = CRMRecordTable()
        let first = table.updateValue(record("a2N5j0000000000EAA", ["old"], row: 2), forKey: "ep-1")
        let second = table.updateValue(record("a2N5j0000000001EAA", ["new"], row: 3), forKey: "ep-1")
        #expect(!first && second)
        #expect(table["ep-1"]?.value(0) == "new")
        #expect(table.count == 1)
        #expect(table.recordCount == 2)
        #expect(table.record(at: 0).value(0) == "old")
    }

    @Test func removingAKeyForgetsItAndAddingItAgainWorks() {
        var table = CRMRecordTable()
        table["ep-1"] = record("a2N5j0000000000EAA", ["x"], row: 2)
        table["ep-1"] = nil
        #expect(table["ep-1"] == nil)
        #expect(table.count == 0)
        table["ep-1"] = record("a2N5j0000000000EAA", ["y"], row: 3)
        #expect(table["ep-1"]?.value(0) == "y")
    }

    @Test func everyKeyIsFoundAfterTheIndexGrew() {
        var table = CRMRecordTable()
        // Short and long keys, non-ASCII, and keys that differ only in their last byte.
        let keys = (0..<5_000).map { i in i % 3 == 0 ? "ep-\(i)" : "ep-\(i):0055j0000004CT3AAMé-\(i % 7)" }
        for (i, key) in keys.enumerated() { table[key] = record("a2N5j0000000000EAA", [String(i)], row: i + 2) }
        #expect(table.count == keys.count)
        for (i, key) in keys.enumerated() { #expect(table[key]?.value(0) == String(i)) }
        #expect(table["ep-5000"] == nil)
        #expect(table[""] == nil)
    }

    @Test func aRecordLargerThanAChunkIsKept() {
        var table = CRMRecordTable()
        let long = String(repeating: "x", count: 5 << 20)
        table["ep-small"] = record("a2N5j0000000000EAA", ["s"], row: 2)
        table["ep-long"] = record("a2N5j0000000000EAA", [long], row: 3)
        table["ep-after"] = record("a2N5j0000000000EAA", ["a"], row: 4)
        #expect(table["ep-long"]?.value(0) == long)
        #expect(table["ep-small"]?.value(0) == "s")
        #expect(table["ep-after"]?.value(0) == "a")
    }

    @Test func aReferencedValueIsFilledInWithTheOtherRecordsKey() {
        var profiles = CRMRecordTable()
        profiles["ep-1"] = record("a2N5j0000000000EAA", [], row: 2)
        var connections = CRMRecordTable()
        connections["ep-1:u1"] = record("a2M5j0000000000EAA", ["u1", nil], row: 2)
        connections["ep-9:u1"] = record("a2M5j0000000001EAA", ["u1", "ep-9"], row: 3)
        connections.setReferences(valueIndex: 1, records: [0, -1], keys: profiles)
        #expect(connections["ep-1:u1"]?.value(1) == "ep-1")
        #expect(connections["ep-9:u1"]?.value(1) == "ep-9")
    }
}
