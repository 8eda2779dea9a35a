import Testing
@testable import EngageSync

/// What `RunOutputs` keeps per export entry for R15: small, and exact however large the entry.
@Suite struct EntryBookkeepingTests {
    @Test func tallyKeepsSmallAndLargeNumbers() {
        var aside: [EntryTally.Values] = []
        var counts = RecordCounts()
        counts.create = 1; counts.update = 2; counts.deactivate = 3; counts.reactivate = 4; counts.delete = 5
        counts.unchanged = 6; counts.skipped = 7; counts.failed = 31
        let small = EntryTally.Values(counts: counts, profileRows: 1, connectionRows: 30, warnings: 29)
        let packed = EntryTally(small, aside: &aside)
        #expect(aside.isEmpty)
        #expect(packed.values(aside: aside) == small)
        counts.update = 70_000
        let large = EntryTally.Values(counts: counts, profileRows: 0, connectionRows: 32, warnings: 0)
        let kept = EntryTally(large, aside: &aside)
        #expect(aside.count == 1)
        #expect(kept.values(aside: aside) == large)
        #expect(packed.values(aside: aside) == small)
        var total = EntryTally.Values()
        total.add(small)
        total.add(large)
        total.add(small, sign: -1)
        #expect(total == large)
    }

    @Test func spansGiveTheByteRangesOfDroppedEntries() {
        var spans = EntrySpans(starts: [10, 0, 5])
        spans.append([100, 0, 1])
        spans.append([300, 20_000_000_000, 0])  // lengths of several bytes
        spans.append([0, 0, 0])
        spans.append([127, 128, 7])
        #expect(spans.count == 4)
        #expect(spans.ranges(of: []) == [[], [], []])
        #expect(spans.ranges(of: [1, 2, 3]) == [[110..<410, 410..<537], [0..<20_000_000_000,
            20_000_000_000..<20_000_000_128], [6..<13]])
        #expect(spans.ranges(of: [0]) == [[10..<110], [], [5..<6]])
    }
}
