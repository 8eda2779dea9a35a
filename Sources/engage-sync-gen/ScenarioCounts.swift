import EngageSync

/// The counts a sync of the scenario must report, derived from the same decisions that wrote
/// the files (R1–R8 applied to each profile by hand).
enum ScenarioCounts {
    static func add(_ p: ScenarioProfile, incremental: Bool, to c: inout RecordCounts) {
        if incremental && !p.touched { return }  // R21: outside the incremental's scope.
        guard p.status == .active else {
            guard p.inCRM else { c.skipped += 1; return }  // R8
            if p.scrubbed { c.unchanged += 1; return }
            c.delete += 1
            c.deactivate += p.connections.filter(\.thisOrg).count  // R6: every active connection.
            return
        }
        if !p.inCRM {
            guard p.isEligible else { c.skipped += 1; return }  // R1
            c.create += 1
        } else if p.changed || (incremental && p.touched) {
            c.update += 1
        } else {
            c.unchanged += 1
        }
        for connection in p.connections where connection.thisOrg {
            let crm = p.inCRM ? connection.crm : .none
            if connection.connected {
                guard connection.userActive else { c.failed += 1; continue }  // R5
                switch crm {
                case .none: c.create += 1
                case .equal: c.unchanged += 1
                case .inactive: c.reactivate += 1
                case .active: c.unchanged += 1
                }
            } else {
                switch crm {
                case .none: c.skipped += 1  // R4: nothing to deactivate.
                case .equal, .inactive: c.unchanged += 1
                case .active: c.deactivate += 1
                }
            }
        }
        if p.vanishedUser != nil { c.deactivate += 1 }
    }

    static func json(_ c: RecordCounts) -> String {
        #"{"create": \#(c.create), "update": \#(c.update), "deactivate": \#(c.deactivate), "reactivate": \#(c.reactivate), "delete": \#(c.delete), "unchanged": \#(c.unchanged), "skipped": \#(c.skipped), "failed": \#(c.failed)}"#
    }
}
