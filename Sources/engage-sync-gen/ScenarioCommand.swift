import EngageSync
import Foundation

/// `engage-sync-gen scenario`: writes every file of a scenario in one pass over the profiles.
enum ScenarioCommand {
    static let companyId = "bench-pharma"
    /// `--now` of the full sync and of the incremental one (R26: more than 60 minutes later).
    static let fullNow = ScenarioTime.exportedAt.adding(seconds: 3600)
    static let incrementalExportedAt = ScenarioTime.exportedAt.adding(seconds: 3 * 3600)
    static let incrementalNow = ScenarioTime.exportedAt.adding(seconds: 4 * 3600)

    static func run(shape: ScenarioShape, out: String) throws {
        let fm = FileManager.default
        for folder in ["", "/snapshot-csv", "/snapshot-json", "/compare"] {
            try fm.createDirectory(atPath: out + folder, withIntermediateDirectories: true)
        }
        let at = ScenarioTime.exportedAt
        let exports = [
            try ExportWriter(path: out + "/export.json", encoding: .json, exportedAt: at, since: nil, companyId: companyId),
            try ExportWriter(path: out + "/export.jsonl", encoding: .jsonLines, exportedAt: at, since: nil, companyId: companyId),
            try ExportWriter(path: out + "/export.xml", encoding: .xml, exportedAt: at, since: nil, companyId: companyId),
        ]
        let incremental = try ExportWriter(path: out + "/export-incremental.json", encoding: .json,
                                           exportedAt: incrementalExportedAt, since: at, companyId: companyId)
        let snapshots = [try SnapshotWriter(folder: out + "/snapshot-csv", encoding: .csv, shape: shape),
                         try SnapshotWriter(folder: out + "/snapshot-json", encoding: .json, shape: shape)]
        let compareColumns = ["VExternal_ID_vod__c", "RecordTypeId"] + SnapshotWriter.profileColumns[3..<14]
        let crmCompare = try ByteWriter(path: out + "/compare/crm-profiles.csv")
        let exportCompare = try ByteWriter(path: out + "/compare/export-profiles.csv")
        for file in [crmCompare, exportCompare] { file.write(compareColumns.joined(separator: ",") + "\n") }
        var full = RecordCounts(), delta = RecordCounts()
        for i in 0..<shape.profiles {
            let p = ScenarioProfile(i, shape: shape)
            for export in exports { export.add(p) }
            if p.touched { incremental.add(p) }
            for snapshot in snapshots { snapshot.add(p) }
            ScenarioCounts.add(p, incremental: false, to: &full)
            ScenarioCounts.add(p, incremental: true, to: &delta)
            if p.inCRM { crmCompare.write(csvRow(SnapshotWriter.crmValues(p))) }
            exportCompare.write(csvRow(exportValues(p)))
        }
        for export in exports + [incremental] { try export.close() }
        for snapshot in snapshots { try snapshot.close() }
        try crmCompare.close()
        try exportCompare.close()
        let expected = """
        {
          "profiles": \(shape.profiles),
          "seed": \(shape.seed),
          "org_id": "\(ScenarioIds.orgId)",
          "company_id": "\(companyId)",
          "integration_user": "\(ScenarioIds.integrationUser)",
          "full_now": "\(fullNow.rfc3339(offsetMinutes: 0))",
          "incremental_now": "\(incrementalNow.rfc3339(offsetMinutes: 0))",
          "full": \(ScenarioCounts.json(full)),
          "incremental": \(ScenarioCounts.json(delta))
        }

        """
        try Data(expected.utf8).write(to: URL(fileURLWithPath: out + "/expected.json"))
    }

    /// The profile as the export implies it in CRM columns (a scrub for a deleted or merged one).
    static func exportValues(_ p: ScenarioProfile) -> [String?] {
        if p.status != .active { return SnapshotWriter.scrubbedValues(p) }
        return [p.id, SnapshotWriter.recordType(p)] + SnapshotWriter.mappedValues(p, incremental: false, salesforceDates: true)
    }

    static func csvRow(_ values: [String?]) -> String {
        values.map { CSVText.cell($0 ?? "") }.joined(separator: ",") + "\n"
    }
}
