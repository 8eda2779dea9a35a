import Foundation

/// The history of a state folder for people (a table, newest first) and for scripts (JSON).
public enum HistoryTable {
    /// A table an admin reads at a glance: start, duration, mode and why, status, counts, folder.
    public static func render(_ state: SyncState) -> String {
        guard !state.history.isEmpty else { return "no syncs recorded yet" }
        let header = ["start (UTC)", "took", "mode (why)", "status"] + countColumns + ["run folder"]
        var rows: [[String]] = []
        for entry in state.history.reversed() {
            let c = entry.counts
            var status = entry.status.rawValue
            if let load = entry.loadResults { status += " (load: \(load.failed) failed)" }
            rows.append([
                String(entry.start.description.prefix(19)).replacingOccurrences(of: "T", with: " "),
                duration(entry.end.millisecondsSince1970 - entry.start.millisecondsSince1970),
                "\(entry.mode.rawValue) (\(entry.modeReason))",
                status,
            ] + [c.create, c.update, c.deactivate, c.reactivate, c.delete, c.unchanged, c.skipped, c.failed].map(String.init)
              + [entry.runFolder])
        }
        let widths = header.indices.map { i in ([header[i]] + rows.map { $0[i] }).map(\.count).max() ?? 0 }
        let counts = 4..<(4 + countColumns.count)
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, cell in
                if i == cells.count - 1 { return cell }
                let pad = String(repeating: " ", count: widths[i] - cell.count)
                return counts.contains(i) ? pad + cell : cell + pad  // numbers to the right
            }.joined(separator: "  ")
        }
        var lines = [line(header)]
        for (row, entry) in zip(rows, state.history.reversed()) {
            lines.append(line(row))
            // A Failure says why, under its row (the first line of its message).
            if entry.status == .failure, let why = entry.message.split(separator: "\n").first {
                lines.append("  ↳ \(why)")
            }
        }
        lines.append("counts: new created, upd updated, off deactivated, on reactivated, del scrubbed "
            + "(deleted/merged), same unchanged, skip skipped, fail failed")
        if let watermark = state.watermark { lines.append("watermark: \(watermark)") }
        if !state.ledger.isEmpty { lines.append("records waiting for retry: \(state.ledger.count)") }
        return lines.joined(separator: "\n")
    }

    private static let countColumns = ["new", "upd", "off", "on", "del", "same", "skip", "fail"]

    /// `{"syncs": [...]}`, newest last, with the state file's keys.
    public static func renderJSON(_ state: SyncState) -> String {
        struct Document: Encodable {
            var syncs: [HistoryEntry]
            var watermark: String?
            var retryLedgerSize: Int
            enum CodingKeys: String, CodingKey {
                case syncs, watermark
                case retryLedgerSize = "retry_ledger_size"
            }
        }
        let doc = Document(syncs: state.history, watermark: state.watermark?.description,
                           retryLedgerSize: state.ledger.count)
        return String(decoding: (try? ReadableJSON.encoder.encode(doc)) ?? Data("{\"syncs\":[]}".utf8), as: UTF8.self)
    }

    private static func duration(_ ms: Int64) -> String {
        if ms < 1000 { return "\(ms) ms" }
        let s = ms / 1000
        return s < 60 ? "\(s) s" : "\(s / 60) min \(s % 60) s"
    }
}
