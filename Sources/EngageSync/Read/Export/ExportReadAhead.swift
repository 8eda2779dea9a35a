import Foundation

/// Reads an export on a second thread, a batch of entries ahead of the caller, so that parsing
/// and the rules run side by side. At most `depth` batches wait: memory stays constant however
/// long the export. Entries and the reader's error arrive in file order, as `next()` of the
/// reader itself would give them.
final class ExportReadAhead: @unchecked Sendable {
    private let reader: any ExportReader
    private let batchSize: Int
    private let lock = NSCondition()
    private var ready: [[ExportEntry]] = []
    private var depth: Int
    private var ended = false
    private var failure: (any Error)?
    private var stopped = false

    init(_ reader: any ExportReader, batchSize: Int = 512, depth: Int = 4) {
        self.reader = reader
        self.batchSize = batchSize
        self.depth = depth
        let thread = Thread { [self] in produce() }
        thread.stackSize = 8 << 20
        thread.start()
    }

    private func produce() {
        var batch: [ExportEntry] = []
        batch.reserveCapacity(batchSize)
        var error: (any Error)?
        while true {
            do {
                guard let entry = try reader.next() else { break }
                batch.append(entry)
            } catch let e {
                error = e
                break
            }
            if batch.count == batchSize {
                guard hand(batch) else { return }
                batch.removeAll(keepingCapacity: true)
            }
        }
        _ = hand(batch)
        lock.lock()
        ended = true
        failure = error
        lock.broadcast()
        lock.unlock()
    }

    /// Queues a batch, waiting while `depth` batches wait; false once the consumer stopped.
    private func hand(_ batch: [ExportEntry]) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        while ready.count >= depth && !stopped { lock.wait() }
        if stopped { return false }
        if !batch.isEmpty { ready.append(batch) }
        lock.broadcast()
        return true
    }

    /// The next batch of entries, nil at the end; throws
    /// the reader's error after the entries read before it.
    func nextBatch() throws -> [ExportEntry]? {
        lock.lock()
        while ready.isEmpty && !ended { lock.wait() }
        if ready.isEmpty {
            lock.unlock()
            if let failure { throw failure }
            return nil
        }
        let batch = ready.removeFirst()
        lock.broadcast()
        lock.unlock()
        return batch
    }

    /// Lets the reading thread end early (the caller stops before the end of the export).
    func stop() {
        lock.lock()
        stopped = true
        lock.broadcast()
        lock.unlock()
    }

    deinit { stop() }
}
