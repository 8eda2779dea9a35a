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

    mutating func append(_ connection: Int, _ kind: Kind, _ text: String) {
        connections.append(Int32(connection))
        kinds.append(kind)
        bytes.append(contentsOf: text.utf8)
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
