import EngageSync
import Foundation

/// libFuzzer target: the export readers (format detection, JSON, JSON Lines, XML over libxml2)
/// and the rules on every entry read (ids, datetimes, mapping), with the shipped mapping and an
/// empty CRM snapshot. Errors are the expected answer; a crash, a trap or a leak is a finding.
let planner: ProfilePlanner = {
    let mapping = try! DefaultMappings.mapping()
    let context = PlanContext(mapping: mapping, snapshot: CRMSnapshot(), orgId: try! SalesforceId(parsing: "00D5j00000AbCdE").value,
                              integrationUser: "0055j00000EnGsYAAV", runTime: try! Instant(parsing: "2026-11-30T10:00:00Z"),
                              lastSuccessfulSync: nil)
    return ProfilePlanner(context: context)
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzExport(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let path = FuzzInput.write(data, size, ext: "export")
    do {
        let reader = try openExport(path: path)
        var entries = 0
        while let entry = try reader.next(), entries < 10_000 {
            _ = planner.plan(entry)
            entries += 1
        }
    } catch {}
    return 0
}
