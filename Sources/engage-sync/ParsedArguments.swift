/// A usage mistake: printed with the command's usage, exit 64 (SPEC §7).
struct UsageError: Error {
    var message: String
}

/// Command-line options of one command, parsed against what the command declares.
struct ParsedArguments {
    /// Options that take a value, with every value given (in order).
    private(set) var values: [String: [String]] = [:]
    /// Options given without a value.
    private(set) var flags: Set<String> = []

    /// Parses `--name value`, `--name=value` and `--flag`; anything else is a usage error.
    init(_ args: [String], valued: Set<String>, flags known: Set<String>, repeatable: Set<String> = []) throws {
        var i = 0
        while i < args.count {
            let arg = args[i]
            guard arg.hasPrefix("--") else { throw UsageError(message: "unexpected argument '\(arg)'") }
            var name = String(arg.dropFirst(2))
            var inline: String?
            if let eq = name.firstIndex(of: "=") {
                inline = String(name[name.index(after: eq)...])
                name = String(name[..<eq])
            }
            if known.contains(name) {
                guard inline == nil else { throw UsageError(message: "--\(name) takes no value") }
                flags.insert(name)
            } else if valued.contains(name) {
                let value: String
                if let inline {
                    value = inline
                } else {
                    i += 1
                    guard i < args.count else { throw UsageError(message: "--\(name) needs a value") }
                    value = args[i]
                }
                if values[name] != nil && !repeatable.contains(name) {
                    throw UsageError(message: "--\(name) is given twice")
                }
                values[name, default: []].append(value)
            } else {
                throw UsageError(message: "unknown option '--\(name)'")
            }
            i += 1
        }
    }

    func value(_ name: String) -> String? { values[name]?.last }
    func all(_ name: String) -> [String] { values[name] ?? [] }
    func has(_ flag: String) -> Bool { flags.contains(flag) }
}
