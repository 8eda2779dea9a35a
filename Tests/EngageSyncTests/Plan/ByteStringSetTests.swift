import Testing
@testable import EngageSync

/// The Account snapshot's Ids (R10, R12): members are found, others are not, a member added
/// twice counts once, and the set keeps working as it grows.
@Suite struct ByteStringSetTests {
    @Test func membersAreFoundAndOthersAreNot() {
        var set: ByteStringSet = ["0015j00000PrRmWAAV"]
        set.insert("0015j00000PrRmWAAV")
        set.insert("")
        #expect(set.count == 2)
        #expect(set.contains("0015j00000PrRmWAAV"))
        #expect(set.contains(""))
        #expect(!set.contains("0015j00000PrRmWAAW"))
        #expect(!set.contains("0015j00000PrRmW"))
    }

    @Test func everyMemberIsFoundAfterGrowing() {
        var set = ByteStringSet()
        let ids = (0..<20_000).map { "0015j\(String($0, radix: 36))AAA" }
        for id in ids { set.insert(id) }
        #expect(set.count == ids.count)
        #expect(ids.allSatisfy(set.contains))
        #expect(!set.contains("0015jAAA"))
    }
}
