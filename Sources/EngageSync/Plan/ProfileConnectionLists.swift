/// The CRM connections of each CRM profile, as record numbers of the two `CRMRecordTable`s:
/// a linked list through the connection records (8 bytes a profile, 4 a connection), in file
/// order. Connections that name a profile the Engage_Profile_vod__c snapshot does not hold are
/// kept by that profile's external id.
struct ProfileConnectionLists: Sendable {
    private var first: [Int32] = []
    private var last: [Int32] = []
    private var next: [Int32] = []
    private var byUnknownProfile: [String: [Int32]] = [:]

    init() {}

    init(profiles: Int, connections: Int) {
        first = Array(repeating: -1, count: profiles)
        last = first
        next = Array(repeating: -1, count: connections)
    }

    /// Adds connection record `c` to the end of profile record `p`'s list.
    mutating func append(connection c: Int, toProfile p: Int) {
        if last[p] < 0 { first[p] = Int32(c) } else { next[Int(last[p])] = Int32(c) }
        last[p] = Int32(c)
    }

    /// Adds connection record `c` to the list of a profile that is not in the snapshot.
    mutating func append(connection c: Int, toUnknownProfile key: String) {
        byUnknownProfile[key, default: []].append(Int32(c))
    }

    /// The connection records of profile record `p`, or of `key` when the snapshot has no such profile.
    func connections(ofProfile p: Int?, key: String) -> [Int] {
        guard let p else { return (byUnknownProfile[key] ?? []).map(Int.init) }
        guard p < first.count else { return [] }
        var out: [Int] = []
        var c = first[p]
        while c >= 0 {
            out.append(Int(c))
            c = next[Int(c)]
        }
        return out
    }
}
