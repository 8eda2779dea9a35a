/// How the connection records of a snapshot named their profile, in file order, kept while the
/// profiles are still being read (on another thread): the profile's record Id or its external
/// id, as bytes back to back (no `String` per connection).
struct ProfileReferences: Sendable {
    enum Kind: UInt8, Sendable {
        /// The lookup field (`Engage_Profile_vod__c`) held the profile's record Id.
        case recordId
        /// The relationship column held the profile's external id.
        case externalId
    }

    private var connections: [Int32] = []
    private var kinds: [Kind] = []
    private var ends: [Int] = []
    private var bytes: [UInt8] = []

    /// Adds a reference as read (a record Id is kept in its 18-character form).
    mutating func append(_ connection: Int, _ kind: Kind, _ text: UnsafeRawBufferPointer) {
        connections.append(Int32(connection))
        kinds.append(kind)
        switch kind {
        case .recordId: SalesforceId.appendNormalized(text, to: &bytes)
        case .externalId: bytes.append(contentsOf: text)
        }
        ends.append(bytes.count)
    }

    /// Calls `body` with each reference in the order they were added.
    func forEach(_ body: (Int, Kind, UnsafeRawBufferPointer) -> Void) {
        bytes.withUnsafeBytes { all in
            var start = 0
            for i in connections.indices {
                body(Int(connections[i]), kinds[i], UnsafeRawBufferPointer(rebasing: all[start..<ends[i]]))
                start = ends[i]
            }
        }
    }
}
