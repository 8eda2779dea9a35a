import Foundation

/// A parsed YAML file: its tree, its lines (for snippets) and the typed accessors the loaders
/// use. Scalars stay text until a loader asks for an `int`, a `bool`, a list or a string here.
struct YAMLDocument: Sendable {
    var path: String
    var kind: InputKind
    var root: YAMLNode
    var lines: [String]

    /// Reads and parses a file; a missing, empty or unreadable file is an error at the path,
    /// worded as for every other input (`InputFileChecks`).
    static func read(path: String, kind: InputKind) throws(InputError) -> YAMLDocument {
        try InputFileChecks.requireReadableFile(path, kind: kind)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError(kind, SourceLocation(path: path), "file cannot be read")
        }
        return try YAMLComposer.compose(bytes: [UInt8](data), path: path, kind: kind)
    }

    static func parse(text: String, path: String, kind: InputKind) throws(InputError) -> YAMLDocument {
        try YAMLComposer.compose(bytes: Array(text.utf8), path: path, kind: kind)
    }

    // MARK: Errors

    func error(_ mark: YAMLMark, _ message: String) -> InputError {
        Self.error(kind: kind, path: path, lines: lines, mark: mark, message)
    }

    func location(_ mark: YAMLMark) -> SourceLocation {
        SourceLocation(path: path, line: mark.line, column: mark.column)
    }

    /// An error at a mark, with the source line and a caret under the column as its snippet.
    static func error(kind: InputKind, path: String, lines: [String], mark: YAMLMark,
                      _ message: String) -> InputError {
        var snippet: String?
        if mark.line >= 1, mark.line <= lines.count {
            let line = lines[mark.line - 1]
            let lead = line.prefix(max(mark.column - 1, 0)).map { $0 == "\t" ? "\t" : " " }.joined()
            snippet = line + "\n    " + lead + "^"
        }
        return InputError(kind, SourceLocation(path: path, line: mark.line, column: mark.column), message,
                          snippet: snippet)
    }

    static func splitLines(_ bytes: [UInt8]) -> [String] {
        var lines: [String] = []
        var start = 0
        for i in bytes.indices where bytes[i] == 0x0A {
            lines.append(line(bytes[start..<i]))
            start = i + 1
        }
        if start < bytes.count { lines.append(line(bytes[start...])) }
        return lines
    }

    private static func line(_ bytes: ArraySlice<UInt8>) -> String {
        var text = String(decoding: bytes, as: UTF8.self)
        if text.hasSuffix("\r") { text.removeLast() }
        return text
    }

    // MARK: Typed accessors

    /// A text value; `what` names it in messages (`'org_id'`).
    func string(_ node: YAMLNode, _ what: String) throws(InputError) -> String {
        guard !node.isNull, let text = node.scalarText else {
            throw error(node.mark, "\(what) must be a text, found \(node.kindName)")
        }
        return text
    }

    /// A text that is not empty after trimming.
    func nonEmptyString(_ node: YAMLNode, _ what: String) throws(InputError) -> String {
        let text = try string(node, what)
        guard !text.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw error(node.mark, "\(what) must not be empty")
        }
        return text
    }

    /// `true` or `false` exactly; YAML 1.1's `yes`, `on`, `NO` … are refused, not guessed.
    func bool(_ node: YAMLNode, _ what: String) throws(InputError) -> Bool {
        let text = try string(node, what)
        switch text {
        case "true": return true
        case "false": return false
        default: throw error(node.mark, "\(what) must be true or false, found '\(text)'")
        }
    }

    /// A decimal integer without sign, leading zero, exponent or separators, greater than 0.
    func positiveInt(_ node: YAMLNode, _ what: String) throws(InputError) -> Int {
        guard !node.isNull, let text = node.scalarText else {
            throw error(node.mark, "\(what) must be a positive whole number, found \(node.kindName)")
        }
        guard !text.isEmpty, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), !text.hasPrefix("0"),
              let value = Int(text), value > 0
        else { throw error(node.mark, "\(what) must be a positive whole number, found '\(text)'") }
        return value
    }

    /// A list of texts; a single text is a list of one.
    func stringList(_ node: YAMLNode, _ what: String) throws(InputError) -> [String] {
        switch node.content {
        case .sequence(let items):
            var result: [String] = []
            for item in items { result.append(try nonEmptyString(item, "an item of \(what)")) }
            return result
        case .scalar:
            if node.isNull { return [] }
            return [try nonEmptyString(node, what)]
        case .mapping:
            throw error(node.mark, "\(what) must be a list, found a mapping")
        }
    }

    /// The items of a list node.
    func list(_ node: YAMLNode, _ what: String) throws(InputError) -> [YAMLNode] {
        if node.isNull { return [] }
        guard case .sequence(let items) = node.content else {
            throw error(node.mark, "\(what) must be a list, found \(node.kindName)")
        }
        return items
    }

    /// The key/value pairs of a mapping, checked against the allowed keys.
    func keys(_ node: YAMLNode, _ what: String, allowed: [String]) throws(InputError) -> YAMLKeys {
        guard case .mapping(let entries) = node.content else {
            throw error(node.mark, "\(what) must be a mapping of keys, found \(node.kindName)")
        }
        for entry in entries where !allowed.contains(entry.key) {
            var message = "unknown key '\(entry.key)' in \(what)"
            if let near = Self.nearest(entry.key, in: allowed) { message += "; did you mean '\(near)'?" }
            message += " (allowed: \(allowed.joined(separator: ", ")))"
            throw error(entry.keyMark, message)
        }
        return YAMLKeys(node: node, entries: entries)
    }

    /// A mapping of text to text (value maps), in file order.
    func stringPairs(_ node: YAMLNode, _ what: String) throws(InputError) -> [(key: String, value: String, mark: YAMLMark)] {
        guard case .mapping(let entries) = node.content else {
            throw error(node.mark, "\(what) must be a mapping, found \(node.kindName)")
        }
        var pairs: [(key: String, value: String, mark: YAMLMark)] = []
        for entry in entries {
            pairs.append((entry.key, try string(entry.value, "the value of '\(entry.key)' in \(what)"), entry.keyMark))
        }
        return pairs
    }

    /// The closest allowed key within two edits, for typo hints.
    static func nearest(_ key: String, in allowed: [String]) -> String? {
        func distance(_ a: [Character], _ b: [Character]) -> Int {
            var previous = Array(0...b.count)
            for i in 1...max(a.count, 1) where !a.isEmpty {
                var current = [i] + Array(repeating: 0, count: b.count)
                for j in stride(from: 1, through: b.count, by: 1) {
                    current[j] = min(previous[j] + 1, current[j - 1] + 1,
                                     previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                }
                previous = current
            }
            return a.isEmpty ? b.count : previous[b.count]
        }
        let k = Array(key.lowercased())
        let scored = allowed.map { ($0, distance(k, Array($0.lowercased()))) }.filter { $0.1 <= 2 }
        return scored.min { $0.1 < $1.1 }?.0
    }
}

/// The entries of one mapping, looked up by key; unknown keys were refused when it was made.
struct YAMLKeys: Sendable {
    var node: YAMLNode
    var entries: [YAMLEntry]

    /// The value of a key; nil when absent or null (`key:`, `key: ~`).
    subscript(_ key: String) -> YAMLNode? {
        guard let entry = entries.first(where: { $0.key == key }), !entry.value.isNull else { return nil }
        return entry.value
    }

    /// Where a key is written, or where the mapping starts when it is absent.
    func mark(of key: String) -> YAMLMark {
        entries.first(where: { $0.key == key })?.keyMark ?? node.mark
    }

    func has(_ key: String) -> Bool { self[key] != nil }
}

extension YAMLDocument {
    /// The value of a key that must be there.
    func required(_ keys: YAMLKeys, _ key: String, in what: String) throws(InputError) -> YAMLNode {
        guard let node = keys[key] else { throw error(keys.node.mark, "missing key '\(key)' in \(what)") }
        return node
    }

    /// The `version` key every file of ours starts with; only `1` is read.
    func checkVersion(_ keys: YAMLKeys, file: String) throws(InputError) {
        let node = try required(keys, "version", in: "the \(file) (write version: 1)")
        let text = try string(node, "version")
        guard text == "1" else {
            throw error(node.mark, "unsupported \(file) version '\(text)' (this engage-sync reads version 1)")
        }
    }
}
