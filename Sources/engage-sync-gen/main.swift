import Foundation

/// engage-sync-gen: writes benchmark scenarios for engage-sync (see bench/README.md).
let usage = """
usage: engage-sync-gen --profiles N --out DIR [--seed S] [--new SHARE] [--changed SHARE] [--touched SHARE]
       engage-sync-gen read-bench export|snapshot FILE

Writes DIR/export.json, export.jsonl, export.xml (full), export-incremental.json (the touched
profiles, since the full export's exported_at), snapshot-csv/ and snapshot-json/ (all six
objects), compare/{crm,export}-profiles.csv and expected.json (the counts a sync must report).
"""

func runGenerator(_ args: [String]) throws {
    if args.first == "read-bench" {
        guard args.count == 3 else { throw GeneratorError(usage) }
        try ReadBenchCommand.run(kind: args[1], path: args[2])
        return
    }
    var values: [String: String] = [:]
    var i = 0
    while i < args.count {
        let flag = args[i]
        guard flag.hasPrefix("--"), i + 1 < args.count else { throw GeneratorError(usage) }
        values[String(flag.dropFirst(2))] = args[i + 1]
        i += 2
    }
    guard let n = values["profiles"].flatMap(Int.init), n > 0, let out = values["out"] else { throw GeneratorError(usage) }
    var shape = ScenarioShape(profiles: n, seed: values["seed"].flatMap(UInt64.init) ?? 1)
    func share(_ key: String) throws -> Double? {
        guard let text = values[key] else { return nil }
        guard let v = Double(text), v >= 0, v < 1 else { throw GeneratorError("--\(key) must be a share in [0, 1)") }
        return v
    }
    if let v = try share("new") { shape.newShare = v }
    if let v = try share("changed") { shape.changedShare = v }
    if let v = try share("touched") { shape.touchedShare = v }
    let unknown = Set(values.keys).subtracting(["profiles", "out", "seed", "new", "changed", "touched"])
    guard unknown.isEmpty else { throw GeneratorError("unknown option --\(unknown.sorted()[0])\n" + usage) }
    try ScenarioCommand.run(shape: shape, out: out)
}

do {
    try runGenerator(Array(CommandLine.arguments.dropFirst()))
} catch {
    FileHandle.standardError.write(Data("engage-sync-gen: \(error)\n".utf8))
    exit(64)
}
