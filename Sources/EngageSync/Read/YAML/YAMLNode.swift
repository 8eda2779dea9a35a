/// A 1-based line:column position in a YAML file (column in characters).
struct YAMLMark: Sendable, Equatable, CustomStringConvertible {
    var line: Int
    var column: Int

    var description: String { "\(line):\(column)" }
}

/// How a scalar was written; only plain scalars can mean "no value" (`~`, `null`, empty).
enum YAMLScalarStyle: Sendable, Equatable {
    case plain
    case singleQuoted
    case doubleQuoted
    case literal
    case folded
}

/// One `key: value` pair of a YAML mapping, in file order.
struct YAMLEntry: Sendable, Equatable {
    var key: String
    var keyMark: YAMLMark
    var value: YAMLNode
}

/// The small tree our YAML files are read into. Scalars stay text: `NO`, `on`, `0012`, `1e3`
/// are strings until a loader asks for a typed value (see `YAMLDocument`).
struct YAMLNode: Sendable, Equatable {
    enum Content: Sendable, Equatable {
        case scalar(String, YAMLScalarStyle)
        /// Key/value pairs in file order; keys are unique (the parser refuses duplicates).
        case mapping([YAMLEntry])
        case sequence([YAMLNode])
    }

    var content: Content
    /// Where the node starts.
    var mark: YAMLMark

    /// A plain empty, `~` or `null` scalar: "no value" in YAML, the one resolution we keep.
    var isNull: Bool {
        guard case .scalar(let text, .plain) = content else { return false }
        return text.isEmpty || text == "~" || text == "null" || text == "Null" || text == "NULL"
    }

    /// The text of a scalar, nil for a mapping or sequence.
    var scalarText: String? {
        if case .scalar(let text, _) = content { return text }
        return nil
    }

    /// What the node is, for messages: `a text`, `a list`, `a mapping`, `nothing`.
    var kindName: String {
        if isNull { return "nothing" }
        switch content {
        case .scalar: return "a text"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        }
    }
}
