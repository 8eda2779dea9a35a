import Foundation
import Testing
@testable import EngageSync

/// The bounded producer thread behind the export's read-ahead and the planning of batches:
/// results come in the order produced, the error that ended them comes after them, at most
/// `depth` wait, and stopping lets the producer end.
@Suite struct ReadAheadTests {
    struct Broken: Error, Equatable {}

    /// Counts what it produced, from the producing thread.
    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var n = 0
        func next() -> Int {
            lock.lock()
            defer { lock.unlock() }
            n += 1
            return n
        }
        var value: Int {
            lock.lock()
            defer { lock.unlock() }
            return n
        }
    }

    @Test func resultsComeInOrderThenTheEnd() throws {
        let counter = Counter()
        let ahead = ReadAhead<Int>(depth: 3) {
            let n = counter.next()
            return n <= 100 ? n : nil
        }
        var seen: [Int] = []
        while let n = try ahead.next() { seen.append(n) }
        #expect(seen == Array(1...100))
        #expect(try ahead.next() == nil)
    }

    @Test func theErrorComesAfterTheResultsBeforeIt() throws {
        let counter = Counter()
        let ahead = ReadAhead<Int>(depth: 2) {
            let n = counter.next()
            if n == 5 { throw Broken() }
            return n
        }
        var seen: [Int] = []
        #expect(throws: Broken.self) {
            while let n = try ahead.next() { seen.append(n) }
        }
        #expect(seen == [1, 2, 3, 4])
    }

    @Test func theProducerStaysAtMostDepthAhead() throws {
        let counter = Counter()
        let ahead = ReadAhead<Int>(depth: 2) { counter.next() }
        _ = try ahead.next()
        Thread.sleep(forTimeInterval: 0.2)
        // One taken, two waiting, one produced and blocked on the full queue.
        #expect(counter.value <= 4)
        ahead.stop()
        // Once stopped, `next()` gives what was queued or nil, and never waits.
        var left = 0
        while try ahead.next() != nil { left += 1 }
        #expect(left <= 2)
    }

    @Test func anExportErrorComesAfterTheEntriesReadBeforeIt() throws {
        let path = try BinaryRunner.temporaryFolder("read-ahead").appendingPathComponent("export.jsonl").path
        var lines = [#"{"format": "engage-connect-export", "version": 1, "exported_at": "2026-11-30T09:00:00Z", "kind": "full"}"#]
        for i in 0..<700 { lines.append(#"{"id": "ep-\#(i)", "updated_at": "2026-11-01T08:00:00Z"}"#) }
        lines.append(#"{"id": "ep-broken", "#)
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: path))
        let entries = ExportReadAhead(try openExport(path: path), batchSize: 512, depth: 2)
        var count = 0
        #expect(throws: InputError.self) {
            while let batch = try entries.nextBatch() { count += batch.count }
        }
        #expect(count == 700)
    }
}
