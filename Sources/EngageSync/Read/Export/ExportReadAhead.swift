/// Reads an export on a second thread, a batch of entries ahead of the caller, so that parsing
/// and the rules run side by side. At most `depth` batches wait: memory stays constant however
/// long the export. Entries and the reader's error arrive in file order, as `next()` of the
/// reader itself would give them.
final class ExportReadAhead: @unchecked Sendable {
    private let batches: ReadAhead<[ExportEntry]>

    init(_ reader: any ExportReader, batchSize: Int = 512, depth: Int = 4) {
        var pending: (any Error)?  // an error met after some entries of a batch: thrown next time
        batches = ReadAhead(depth: depth) {
            if let error = pending { throw error }
            var batch: [ExportEntry] = []
            batch.reserveCapacity(batchSize)
            do {
                while batch.count < batchSize, let entry = try reader.next() { batch.append(entry) }
            } catch {
                if batch.isEmpty { throw error }
                pending = error
            }
            return batch.isEmpty ? nil : batch
        }
    }

    /// The next batch of entries, nil at the end; throws the reader's error after the entries
    /// read before it.
    func nextBatch() throws -> [ExportEntry]? { try batches.next() }

    /// Lets the reading thread end early (the caller stops before the end of the export).
    func stop() { batches.stop() }
}
