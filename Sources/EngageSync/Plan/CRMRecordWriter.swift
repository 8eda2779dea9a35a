/// Writes the storage bytes of a `CRMRecord` (its layout: `CRMRecord.swift`) straight from the
/// bytes of a snapshot row into one reused buffer: no `String` per value and no allocation per
/// record while a snapshot of millions of records is loaded into a `CRMRecordTable`.
struct CRMRecordWriter {
    /// The record written since the last `start`.
    private(set) var bytes: [UInt8] = []

    init() {
        bytes.reserveCapacity(1024)
    }

    /// Starts a record: its `lastModifiedDate` and location, then the slots in order with `append`.
    mutating func start(lastModifiedDate: Instant?, location: SourceLocation) {
        bytes.removeAll(keepingCapacity: true)
        CRMRecord.appendHeader(lastModifiedDate: lastModifiedDate, location: location, to: &bytes)
    }

    /// Appends one slot: null, the bytes as they are, or normalised as `type` the way
    /// `FieldNormalizer.lenient` does.
    mutating func append(_ value: UnsafeRawBufferPointer?, normalizedAs type: FieldType? = nil) {
        guard let value else {
            CRMRecord.appendNull(to: &bytes)
            return
        }
        let slot = CRMRecord.openSlot(in: &bytes)
        if let type {
            FieldNormalizer.appendLenient(value, as: type, to: &bytes)
        } else {
            bytes.append(contentsOf: value)
        }
        CRMRecord.closeSlot(openedAt: slot, in: &bytes)
    }
}
