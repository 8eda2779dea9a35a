/// One token of the JSON pull scanner. Strings, keys and numbers carry their text in the
/// scanner (`JSONScanner.key`, `JSONScanner.text()`), valid until the next call.
enum JSONToken: UInt8, Sendable {
    case beginObject
    case endObject
    case beginArray
    case endArray
    case key
    case string
    case number
    case trueValue
    case falseValue
    case null
    /// The end of the input (after the last top-level value).
    case end

    /// How a message names a value starting with this token: "an object", "a string", ….
    var valueDescription: String {
        switch self {
        case .beginObject: return "an object"
        case .beginArray: return "an array"
        case .string: return "a string"
        case .number: return "a number"
        case .trueValue, .falseValue: return "a boolean"
        case .null: return "null"
        case .key: return "a key"
        case .endObject, .endArray: return "the end of a container"
        case .end: return "the end of the file"
        }
    }
}

/// A token's place: 1-based line and column (in Unicode scalars) and its byte offset.
struct JSONMark: Sendable, Equatable {
    var line: Int
    var column: Int
    var offset: Int

    func location(_ path: String) -> SourceLocation {
        SourceLocation(path: path, line: line, column: column)
    }
}
