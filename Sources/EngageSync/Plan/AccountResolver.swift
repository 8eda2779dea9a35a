/// What an export account id means in the CRM now (R9, R10, R12).
enum AccountResolution: Equatable {
    case account(String)
    /// Not in the Account snapshot: not linked, warned (R10).
    case unknown(String)
}

extension CRMSnapshot {
    /// Follows `Account_Merge_History_vod__c` from losing to winning account; a cycle is a
    /// record error. (A method of the snapshot, so that resolving copies nothing of it.)
    func resolveAccount(_ id: String) throws(RecordProblem) -> AccountResolution {
        var current = id
        var seen: [String] = []
        while let winner = accountMerges[current], winner != current {
            if seen.isEmpty { seen.append(id) }
            if seen.contains(winner) {
                throw RecordProblem("ACCOUNT_MERGE_CYCLE",
                                    "account merge history has a cycle: \((seen + [winner]).joined(separator: " → "))")
            }
            seen.append(winner)
            current = winner
        }
        return accounts.contains(current) ? .account(current) : .unknown(current)
    }
}
