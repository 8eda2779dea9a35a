import Foundation
import Testing

/// One case of the bad-input corpus (`Tests/Fixtures/bad-input/cases.json`): which input of a
/// sync it replaces, and what the run must answer.
struct BadInputCase: Decodable, Sendable, CustomTestStringConvertible {
    var name: String
    /// `export`, `snapshot/<Object>`, `mapping`, `manifest`, `config` or `grants`.
    var replaces: String
    /// A corpus file (relative to the corpus folder) or a placeholder for what cannot be a file
    /// in git: `(missing)`, `(folder)`, `(fifo)`, `(under-a-file)` (a path through a regular file).
    var file: String
    var exit: Int32
    /// The exact first line of the message: stderr for exit 64, else `summary.json`'s `message`.
    var firstLine: String
    /// Extra files the case needs: `export` replaces the export, any other key is a file name
    /// placed next to the inputs (e.g. the `secret.txt` an external entity points at).
    var also: [String: String]?
    /// The first data row of `error.csv` (record errors, exit 1).
    var errorRow: String?
    /// Lines that must be in files of the new run folder, by file name.
    var outputLines: [String: [String]]?
    /// A corpus file whose content must appear in no output, no state file and no message.
    var secret: String?

    enum CodingKeys: String, CodingKey {
        case name, replaces, file, exit, also, secret
        case firstLine = "first_line", errorRow = "error_row", outputLines = "output_lines"
    }

    var testDescription: String { name }

    static let corpus = BinaryRunner.packageRoot.appendingPathComponent("Tests/Fixtures/bad-input")

    /// Every case of the index; an unreadable index is one failing case, not a silent empty list.
    static let all: [BadInputCase] = {
        do {
            let data = try Data(contentsOf: corpus.appendingPathComponent("cases.json"))
            return try JSONDecoder().decode([BadInputCase].self, from: data)
        } catch {
            return [BadInputCase(name: "cases.json cannot be read: \(error)", replaces: "export", file: "(missing)",
                                 exit: -1, firstLine: "")]
        }
    }()

    /// Puts the case's input in place inside `folder` (which holds `export.json` and `snapshot/`)
    /// and returns the path to pass on the command line, relative to `folder`.
    func place(in folder: URL) throws -> String {
        let fm = FileManager.default
        for (target, source) in (also ?? [:]).sorted(by: { $0.key < $1.key }) where target != "export" {
            try fm.copyItem(at: Self.corpus.appendingPathComponent(source), to: folder.appendingPathComponent(target))
        }
        let relative: String
        if replaces.hasPrefix("snapshot/") {
            let object = String(replaces.dropFirst("snapshot/".count))
            for name in try fm.contentsOfDirectory(atPath: folder.appendingPathComponent("snapshot").path)
            where name.hasPrefix(object + ".") {
                try fm.removeItem(at: folder.appendingPathComponent("snapshot/" + name))
            }
            let ext = file.hasPrefix("(") ? "csv" : (file as NSString).pathExtension
            relative = "snapshot/\(object).\(ext)"
        } else if file.hasPrefix("(") {
            let what = file.dropFirst().dropLast()
            let name = replaces == "grants" ? "\(what)-grants.permissionset-meta.xml"
                : replaces == "export" ? "\(what)-export.json" : "\(what)-\(replaces).yaml"
            relative = file == "(under-a-file)" ? "export.json/" + name : name
        } else {
            relative = (file as NSString).lastPathComponent
        }
        let target = folder.appendingPathComponent(relative)
        switch file {
        case "(missing)", "(under-a-file)":
            break
        case "(folder)":
            try fm.createDirectory(at: target, withIntermediateDirectories: false)
        case "(fifo)":
            guard mkfifo(target.path, 0o600) == 0 else { throw CocoaError(.fileWriteUnknown) }
        default:
            try fm.copyItem(at: Self.corpus.appendingPathComponent(file), to: target)
        }
        return relative
    }

    /// The export to pass: the case file, its `also.export`, or the baseline export.
    func exportPath(placed: String, in folder: URL) throws -> String {
        if replaces == "export" { return placed }
        guard let source = also?["export"] else { return "export.json" }
        let name = (source as NSString).lastPathComponent
        try FileManager.default.copyItem(at: Self.corpus.appendingPathComponent(source),
                                         to: folder.appendingPathComponent(name))
        return name
    }
}
