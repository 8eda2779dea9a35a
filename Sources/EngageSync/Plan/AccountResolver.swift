/// Turns an export account id into the CRM Account it means now (R9, R10, R12).
struct AccountResolver {
    let snapshot: CRMSnapshot

    enum Resolution: Equatable {
        case account(String)
        /// Not in the Account snapshot: not linked, warned (R10).
        case unknown(String)
    }

    /// Follows `Account_Merge_History_vod__c` from losing to winning account; a cycle is a record error.
    func resolve(_ id: String) throws(RecordProblem) -> Resolution {
        var current = id
        var seen: [String] = [id]
        while let winner = snapshot.accountMerges[current], winner != current {
            if seen.contains(winner) {
                throw RecordProblem("ACCOUNT_MERGE_CYCLE",
                                    "account merge history has a cycle: \((seen + [winner]).joined(separator: " → "))")
            }
            seen.append(winner)
            current = winner
        }
        return snapshot.accounts.contains(current) ? .account(current) : .unknown(current)
    }
}
