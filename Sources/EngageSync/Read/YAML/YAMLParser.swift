internal import CYAML

/// A YAML event as plain Swift values; the rest of the code never sees libyaml.
enum YAMLEvent: Sendable, Equatable {
    case streamStart
    case streamEnd
    case documentStart
    case documentEnd
    case scalar(String, YAMLScalarStyle, anchor: String?, tag: String?)
    case alias(String)
    case sequenceStart(anchor: String?, tag: String?)
    case sequenceEnd
    case mappingStart(anchor: String?, tag: String?)
    case mappingEnd
}

/// A libyaml syntax error: its message and 1-based position.
struct YAMLSyntaxError: Error, Sendable, Equatable {
    var mark: YAMLMark
    var message: String
}

/// libyaml's event parser over a byte buffer. This is the only file that touches libyaml.
///
/// `yaml_parser_t` holds a pointer into itself, so it lives on the heap; the input is copied into
/// a buffer this object owns for the whole parse. Both are freed in `deinit`.
final class YAMLParser {
    private let parser: UnsafeMutablePointer<yaml_parser_t>
    private let input: UnsafeMutableBufferPointer<UInt8>
    private var failed: YAMLSyntaxError?

    /// `bytes` must be UTF-8 (checked by the caller, which knows where an invalid byte is).
    init(bytes: [UInt8]) {
        parser = .allocate(capacity: 1)
        input = .allocate(capacity: max(bytes.count, 1))
        _ = input.initialize(from: bytes)
        yaml_parser_initialize(parser)
        yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
        yaml_parser_set_input_string(parser, input.baseAddress, bytes.count)
    }

    deinit {
        yaml_parser_delete(parser)
        parser.deallocate()
        input.deallocate()
    }

    /// The next event, where it starts and where it ends; after an error every call rethrows it.
    func next() throws(YAMLSyntaxError) -> (event: YAMLEvent, start: YAMLMark, end: YAMLMark) {
        if let failed { throw failed }
        var event = yaml_event_t()
        guard yaml_parser_parse(parser, &event) != 0 else {
            let error = currentError()
            failed = error
            throw error
        }
        defer { yaml_event_delete(&event) }
        let start = YAMLMark(line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1)
        let end = YAMLMark(line: Int(event.end_mark.line) + 1, column: Int(event.end_mark.column) + 1)
        return (convert(&event), start, end)
    }

    private func convert(_ event: inout yaml_event_t) -> YAMLEvent {
        switch event.type {
        case YAML_STREAM_START_EVENT: return .streamStart
        case YAML_STREAM_END_EVENT: return .streamEnd
        case YAML_DOCUMENT_START_EVENT: return .documentStart
        case YAML_DOCUMENT_END_EVENT: return .documentEnd
        case YAML_ALIAS_EVENT: return .alias(Self.text(event.data.alias.anchor) ?? "")
        case YAML_SCALAR_EVENT:
            let s = event.data.scalar
            let value = String(decoding: UnsafeBufferPointer(start: s.value, count: Int(s.length)), as: UTF8.self)
            let style: YAMLScalarStyle
            switch s.style {
            case YAML_SINGLE_QUOTED_SCALAR_STYLE: style = .singleQuoted
            case YAML_DOUBLE_QUOTED_SCALAR_STYLE: style = .doubleQuoted
            case YAML_LITERAL_SCALAR_STYLE: style = .literal
            case YAML_FOLDED_SCALAR_STYLE: style = .folded
            default: style = .plain
            }
            return .scalar(value, style, anchor: Self.text(s.anchor), tag: Self.text(s.tag))
        case YAML_SEQUENCE_START_EVENT:
            let s = event.data.sequence_start
            return .sequenceStart(anchor: Self.text(s.anchor), tag: Self.text(s.tag))
        case YAML_SEQUENCE_END_EVENT: return .sequenceEnd
        case YAML_MAPPING_START_EVENT:
            let m = event.data.mapping_start
            return .mappingStart(anchor: Self.text(m.anchor), tag: Self.text(m.tag))
        default: return .mappingEnd
        }
    }

    private static func text(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let pointer else { return nil }
        return String(cString: pointer)
    }

    private func currentError() -> YAMLSyntaxError {
        let p = parser.pointee
        let problem = p.problem.map { String(cString: $0) } ?? "cannot parse the YAML"
        if p.error == YAML_READER_ERROR {
            // Reader errors carry a byte offset, not a mark.
            return YAMLSyntaxError(mark: mark(atByteOffset: Int(p.problem_offset)), message: problem)
        }
        var message = problem
        if let context = p.context.map({ String(cString: $0) }) {
            let at = YAMLMark(line: Int(p.context_mark.line) + 1, column: Int(p.context_mark.column) + 1)
            message += " (\(context) at \(at))"
        }
        let mark = YAMLMark(line: Int(p.problem_mark.line) + 1, column: Int(p.problem_mark.column) + 1)
        return YAMLSyntaxError(mark: mark, message: message)
    }

    private func mark(atByteOffset offset: Int) -> YAMLMark {
        var line = 1
        var column = 1
        for i in 0..<min(offset, input.count) {
            let byte = input[i]
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return YAMLMark(line: line, column: column)
    }
}
